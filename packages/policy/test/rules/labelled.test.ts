import { describe, expect, it } from "vitest";
import { evaluate, loadLabelled, precision, recall, report } from "./labelled.ts";

/**
 * Micro precision and recall over message x rule pairs on the labelled sets of test/fixtures
 * (see test/fixtures/README.md for how each set was written and its first-run figures).
 */
describe("labelled sets", () => {
  it("public set (copy of /work/shared/fixtures/qa-messages.jsonl)", () => {
    const ev = evaluate(loadLabelled("qa-messages.jsonl"));
    console.log(report("public qa-messages", ev));
    expect(precision(ev.total)).toBeGreaterThanOrEqual(0.95);
    expect(recall(ev.total)).toBeGreaterThanOrEqual(0.95);
  });

  it("held-out set qa-holdout.jsonl (written before the engine)", () => {
    const rows = loadLabelled("qa-holdout.jsonl");
    expect(rows.length).toBeGreaterThanOrEqual(150);
    const ev = evaluate(rows);
    console.log(report("holdout qa-holdout", ev));
    expect(precision(ev.total)).toBeGreaterThanOrEqual(0.9);
    expect(recall(ev.total)).toBeGreaterThanOrEqual(0.85);
  });

  it.each([
    "qa-blind.jsonl",
    "qa-blind2.jsonl",
    "qa-blind3.jsonl",
    "qa-blind4.jsonl",
    "qa-blind5.jsonl",
    "qa-blind6.jsonl",
    "qa-blind7.jsonl",
    "qa-blind8.jsonl",
    "qa-blind9.jsonl",
    "qa-blind10.jsonl",
    "qa-blind11.jsonl",
    "qa-blind12.jsonl",
  ])("blind round %s (regression)", (file) => {
    const ev = evaluate(loadLabelled(file));
    console.log(report(file, ev));
    expect(precision(ev.total)).toBeGreaterThanOrEqual(0.9);
    expect(recall(ev.total)).toBeGreaterThanOrEqual(0.85);
  });
});

describe("blind rounds 5-12 pooled", () => {
  it("stays at or above the product target", () => {
    const rows = Array.from({ length: 8 }, (_, i) => loadLabelled(`qa-blind${i + 5}.jsonl`)).flat();
    expect(rows.length).toBeGreaterThanOrEqual(8 * 80);
    const ev = evaluate(rows);
    expect(precision(ev.total)).toBeGreaterThanOrEqual(0.9);
    expect(recall(ev.total)).toBeGreaterThanOrEqual(0.85);
    for (const counts of Object.values(ev.perRule)) {
      expect(precision(counts)).toBeGreaterThanOrEqual(0.9);
      expect(recall(counts)).toBeGreaterThanOrEqual(0.85);
    }
  });
});
