import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../src/lib/csv.ts";
import { locateEvidence, segmentBody } from "../src/lib/evidence.ts";
import { previewScore } from "../src/lib/scoring.ts";

describe("CSV (RFC 4180)", () => {
  it("quotes fields holding commas, quotes or line breaks, and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(0.25)).toBe("0.25");
  });
  it("neutralises spreadsheet formulas", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
  });
  it("ends every record with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe("evidence spans", () => {
  const body = "Sorry, there is nothing we can do.";
  it("uses the offsets when they match, else finds the text", () => {
    expect(locateEvidence(body, { start: 16, end: 33, text: "nothing we can do" })).toEqual({ start: 16, end: 33 });
    expect(locateEvidence(body, { start: 2, end: 9, text: "nothing we can do" })).toEqual({ start: 16, end: 33 });
    expect(locateEvidence(body, { start: 0, end: 3, text: "absent" })).toBeNull();
  });
  it("splits a body at overlapping spans", () => {
    expect(
      segmentBody(body, [
        { start: 16, end: 23, label: "A" },
        { start: 20, end: 33, label: "B" },
      ]),
    ).toEqual([
      { text: "Sorry, there is ", labels: [] },
      { text: "noth", labels: ["A"] },
      { text: "ing", labels: ["A", "B"] },
      { text: " we can do", labels: ["B"] },
      { text: ".", labels: [] },
    ]);
  });
});

describe("review score preview", () => {
  const categories = [
    { id: "accuracy", label: "Accuracy", weight: 30, critical: false },
    { id: "tone", label: "Tone", weight: 10, critical: false },
    { id: "privacy", label: "Privacy", weight: 10, critical: true },
  ];
  it("is the weighted mean over rated categories", () => {
    expect(previewScore(categories, { accuracy: 4, tone: 2, privacy: null }, 80)).toEqual({
      score: 87.5,
      criticalFail: false,
      pass: true,
    });
  });
  it("is 0 when a critical category is rated below 2", () => {
    expect(previewScore(categories, { accuracy: 4, tone: 4, privacy: 1 }, 80)).toEqual({
      score: 0,
      criticalFail: true,
      pass: false,
    });
  });
});
