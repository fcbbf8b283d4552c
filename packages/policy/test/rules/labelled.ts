import { readFileSync } from "node:fs";
import type { Category, ReturnReason } from "@caliper/domain";
import { BUILTIN_POLICIES, DEFAULT_POLICY } from "../../src/builtins.ts";
import { type CheckInput, checkMessage, type Flag, RULE_IDS, type RuleId } from "../../src/rules/index.ts";

export interface Labelled {
  brand: string;
  category?: Category;
  returnReason?: ReturnReason | null;
  body: string;
  rules: RuleId[];
}

export function loadLabelled(file: string): Labelled[] {
  const url = new URL(`../fixtures/${file}`, import.meta.url);
  return readFileSync(url, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Labelled);
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Evaluation {
  total: Counts;
  perRule: Record<RuleId, Counts>;
  mistakes: { body: string; brand: string; expected: RuleId[]; got: Flag[] }[];
}

export const precision = (c: Counts): number => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts): number => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

/** Micro precision and recall over message x rule pairs. */
export function evaluate(rows: readonly Labelled[]): Evaluation {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const perRule = Object.fromEntries(RULE_IDS.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<RuleId, Counts>;
  const mistakes: Evaluation["mistakes"] = [];
  for (const row of rows) {
    const policy = BUILTIN_POLICIES[row.brand] ?? DEFAULT_POLICY;
    const input: CheckInput = { body: row.body };
    if (row.category) input.category = row.category;
    if (row.returnReason !== undefined) input.returnReason = row.returnReason;
    const flags = checkMessage(policy, input);
    const got = new Set(flags.map((f) => f.rule));
    const expected = new Set(row.rules);
    let wrong = false;
    for (const rule of RULE_IDS) {
      const g = got.has(rule);
      const e = expected.has(rule);
      const c = perRule[rule];
      if (g && e) {
        c.tp++;
        total.tp++;
      } else if (g) {
        c.fp++;
        total.fp++;
        wrong = true;
      } else if (e) {
        c.fn++;
        total.fn++;
        wrong = true;
      }
    }
    if (wrong) mistakes.push({ body: row.body, brand: row.brand, expected: row.rules, got: flags });
  }
  return { total, perRule, mistakes };
}

export function report(name: string, ev: Evaluation): string {
  const f = (n: number) => n.toFixed(3);
  const lines = [
    `${name}: precision ${f(precision(ev.total))} recall ${f(recall(ev.total))} (tp ${ev.total.tp}, fp ${ev.total.fp}, fn ${ev.total.fn})`,
  ];
  for (const rule of RULE_IDS) {
    const c = ev.perRule[rule];
    lines.push(`  ${rule.padEnd(26)} P ${f(precision(c))} R ${f(recall(c))} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
  }
  for (const m of ev.mistakes)
    lines.push(
      `  ✗ [${m.brand}] ${m.body}\n      expected [${m.expected.join(", ")}] got [${m.got.map((g) => `${g.rule}:"${g.evidence.text}"`).join(", ")}]`,
    );
  return lines.join("\n");
}
