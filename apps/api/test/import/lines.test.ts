import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLines } from "../../src/import/lines.ts";
import { chunksOf, collect, splitBytes } from "./helpers.ts";

const texts = async (parts: (string | Buffer)[]) => (await collect(readLines(chunksOf(parts)))).map((l) => l.text);

describe("readLines", () => {
  it("numbers lines from 1 and handles LF, CRLF, empty lines and a last line without newline", async () => {
    const lines = await collect(readLines(chunksOf(["one\r\ntwo\n\nfour\r\n", "five"])));
    expect(lines).toEqual([
      { line: 1, text: "one" },
      { line: 2, text: "two" },
      { line: 3, text: "" },
      { line: 4, text: "four" },
      { line: 5, text: "five" },
    ]);
  });

  it("does not yield an extra line after a final newline, and nothing for empty input", async () => {
    expect(await texts(["a\nb\n"])).toEqual(["a", "b"]);
    expect(await texts(["a\r\n"])).toEqual(["a"]);
    expect(await texts([])).toEqual([]);
    expect(await texts([""])).toEqual([]);
  });

  it("joins a CRLF split across chunks", async () => {
    expect(await texts(["a\r", "\nb\r", "\n", "c"])).toEqual(["a", "b", "c"]);
  });

  it("decodes UTF-8 characters split across chunk boundaries, at every possible cut", async () => {
    const text = "héllo wörld\n😀 naïve — ok\r\n日本語\n";
    const bytes = Buffer.byteLength(text);
    for (let cut = 1; cut < bytes; cut++) {
      expect(await texts(splitBytes(text, [cut]))).toEqual(["héllo wörld", "😀 naïve — ok", "日本語"]);
    }
    // One byte at a time.
    const every = Array.from({ length: bytes }, (_, i) => i);
    expect(await texts(splitBytes(text, every))).toEqual(["héllo wörld", "😀 naïve — ok", "日本語"]);
  });

  it("drops a byte-order mark, even when split", async () => {
    const text = "\uFEFFfirst\nsecond";
    expect(await texts(splitBytes(text, [1, 2]))).toEqual(["first", "second"]);
  });

  it("reads a Node.js readable stream", async () => {
    const lines = await collect(readLines(Readable.from([Buffer.from("x\ny\n"), Buffer.from("z")])));
    expect(lines.map((l) => l.text)).toEqual(["x", "y", "z"]);
  });

  it("cuts and flags a line longer than maxLineLength, and goes on", async () => {
    const long = "x".repeat(100);
    const lines = await collect(
      readLines(chunksOf([`ok\n${long.slice(0, 30)}`, `${long.slice(30)}\nafter\n`]), { maxLineLength: 20 }),
    );
    expect(lines).toEqual([
      { line: 1, text: "ok" },
      { line: 2, text: "x".repeat(20), tooLong: true },
      { line: 3, text: "after" },
    ]);
    // A line of exactly the limit with CRLF is not too long.
    expect(await collect(readLines(chunksOf(["abcd\r", "\n"]), { maxLineLength: 4 }))).toEqual([
      { line: 1, text: "abcd" },
    ]);
  });

  it("gives the same lines however the bytes are chunked (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)),
          { maxLength: 8 },
        ),
        fc.array(fc.constantFrom("\n", "\r\n")),
        fc.array(fc.nat({ max: 200 }), { maxLength: 10 }),
        async (lines, ends, cuts) => {
          const text = lines.map((l, i) => l + (i < lines.length - 1 ? (ends[i] ?? "\n") : "")).join("");
          // A final newline ends the last line; it does not start an empty one.
          const expected = text === "" ? [] : lines.at(-1) === "" ? lines.slice(0, -1) : lines;
          expect(await texts(splitBytes(text, cuts))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
