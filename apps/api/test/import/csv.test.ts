import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine, neutraliseFormula } from "../../src/export/csv.ts";
import { type CsvRecord, readCsv } from "../../src/import/csv.ts";
import { chunksOf, collect, splitBytes } from "./helpers.ts";

const parse = (parts: (string | Buffer)[], maxRecordLength?: number): Promise<CsvRecord[]> =>
  collect(readCsv(chunksOf(parts), maxRecordLength === undefined ? {} : { maxRecordLength }));

describe("readCsv", () => {
  it("parses plain, quoted, escaped and empty fields", async () => {
    expect(await parse(['a,b,c\n1,"x, y","say ""hi"""\n,,\n'])).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", 'say "hi"'] },
      { line: 3, fields: ["", "", ""] },
    ]);
  });

  it("keeps newlines inside quoted fields and numbers records by their first line", async () => {
    const text = 'id,text\r\n1,"first line\r\nsecond line\n\nfourth"\r\n2,plain\r\n3,"a\nb"\n4,last';
    expect(await parse([text])).toEqual([
      { line: 1, fields: ["id", "text"] },
      { line: 2, fields: ["1", "first line\r\nsecond line\n\nfourth"] },
      { line: 6, fields: ["2", "plain"] },
      { line: 7, fields: ["3", "a\nb"] },
      { line: 9, fields: ["4", "last"] },
    ]);
  });

  it("handles a trailing empty field, a quoted last field at EOF, blank lines and a BOM", async () => {
    expect(await parse(['\uFEFFa,\n\n\r\nb,"q"'])).toEqual([
      { line: 1, fields: ["a", ""] },
      { line: 4, fields: ["b", "q"] },
    ]);
    expect(await parse(["x\r"])).toEqual([{ line: 1, fields: ["x"] }]);
    expect(await parse([])).toEqual([]);
  });

  it("gives the same records for every chunk split (bytes, UTF-8 and CRLF across boundaries)", async () => {
    const text = 'h1,h2\r\n"é, ""quoted""\r\nnext",😀\r\nplain,"日本"\r\n';
    const whole = await parse([text]);
    expect(whole).toEqual([
      { line: 1, fields: ["h1", "h2"] },
      { line: 2, fields: ['é, "quoted"\r\nnext', "😀"] },
      { line: 4, fields: ["plain", "日本"] },
    ]);
    const bytes = Buffer.byteLength(text);
    for (let cut = 1; cut < bytes; cut++) expect(await parse(splitBytes(text, [cut]))).toEqual(whole);
    expect(
      await parse(
        splitBytes(
          text,
          Array.from({ length: bytes }, (_, i) => i),
        ),
      ),
    ).toEqual(whole);
  });

  it("reports a stray quote in an unquoted field with its line and parses the rest", async () => {
    const records = await parse(['a,b\n1,ab"c\n2,ok\n3,"x"y\n4,fine\n']);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, error: "quote inside an unquoted field" },
      { line: 3, fields: ["2", "ok"] },
      { line: 4, error: "unexpected character after a closing quote" },
      { line: 5, fields: ["4", "fine"] },
    ]);
  });

  it("reports an unterminated quote at EOF and resynchronises on the next line", async () => {
    const records = await parse(['a,b\n1,"never closed\n2,ok\n3,also ok\n']);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, error: "unterminated quoted field" },
      { line: 3, fields: ["2", "ok"] },
      { line: 4, fields: ["3", "also ok"] },
    ]);
  });

  it("reports a quote opened by mistake that swallows later lines, and recovers them", async () => {
    // Line 2 opens a quote; it closes at line 3's opening quote, which is followed by text.
    const records = await parse(['1,"oops\n2,"fine",x\n3,ok\n']);
    expect(records).toEqual([
      { line: 1, error: "unexpected character after a closing quote (on line 2)" },
      { line: 2, fields: ["2", "fine", "x"] },
      { line: 3, fields: ["3", "ok"] },
    ]);
  });

  it("caps a record's size, reports it and resynchronises (also when the line end is not buffered yet)", async () => {
    const long = "y".repeat(300);
    const records = await parse([`a,"${long.slice(0, 100)}`, `${long.slice(100)}\nstill quoted`, `\nb,ok\n`], 200);
    expect(records[0]).toEqual({ line: 1, error: "record is longer than 200 characters" });
    expect(records.at(-1)).toEqual({ line: 3, fields: ["b", "ok"] });
    const unquoted = await parse([`${"z".repeat(150)}`, `${"z".repeat(150)}`, "\nc,d\n"], 200);
    expect(unquoted).toEqual([
      { line: 1, error: "record is longer than 200 characters" },
      { line: 2, fields: ["c", "d"] },
    ]);
  });

  it("round-trips csvLine output, however it is chunked (property)", async () => {
    const field = fc.string({ unit: "grapheme", maxLength: 10 }).map((s) => s.replace(/\0/g, ""));
    const record = fc.array(field, { minLength: 2, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat({ max: 400 }), { maxLength: 8 }),
        async (rows, cuts) => {
          const text = rows.map((r) => csvLine(r)).join("");
          const parsed = await parse(splitBytes(text, cuts));
          expect(parsed.map((p) => ("fields" in p ? p.fields : p.error))).toEqual(
            rows.map((r) => r.map(neutraliseFormula)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
