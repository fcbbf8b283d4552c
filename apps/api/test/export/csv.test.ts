import { describe, expect, it } from "vitest";
import { csvField, csvLine, neutraliseFormula } from "../../src/export/csv.ts";

describe("csvLine", () => {
  it("joins fields with commas and ends with CRLF", () => {
    expect(csvLine(["a", "b", 3, true, false, null, undefined, ""])).toBe("a,b,3,true,false,,,\r\n");
    expect(csvLine([])).toBe("\r\n");
  });

  it("quotes fields with a comma, quote, CR or LF and doubles quotes", () => {
    expect(csvLine(["x,y", 'say "hi"', "two\nlines", "cr\rhere", "plain"])).toBe(
      '"x,y","say ""hi""","two\nlines","cr\rhere",plain\r\n',
    );
  });

  it("writes numbers as numbers and non-finite numbers as empty fields", () => {
    expect(csvLine([-5, 1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY])).toBe("-5,1.5,1e+21,,\r\n");
  });

  it("neutralises spreadsheet formulas", () => {
    expect(neutraliseFormula("=SUM(A1:A2)")).toBe("'=SUM(A1:A2)");
    expect(neutraliseFormula("@cmd")).toBe("'@cmd");
    expect(neutraliseFormula("+1 555 0100")).toBe("'+1 555 0100");
    expect(neutraliseFormula("-AB")).toBe("'-AB");
    expect(neutraliseFormula("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(neutraliseFormula("\tlead")).toBe("'\tlead");
    expect(neutraliseFormula("-5")).toBe("-5");
    expect(neutraliseFormula("+3.25")).toBe("+3.25");
    expect(neutraliseFormula("-1e3")).toBe("-1e3");
    expect(neutraliseFormula("1-2")).toBe("1-2");
    expect(neutraliseFormula("")).toBe("");
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField(-5)).toBe("-5");
  });
});
