import { readFileSync } from "node:fs";
import { gateWords, guardedExpressions, mentions, normalise, scanWords } from "../src/rules/text.ts";
import { demoOptions, generateDemo } from "../../../apps/api/src/demo/index.ts";
await import("../src/rules/index.ts");
const bodies: string[] = [];
for (const batch of generateDemo(demoOptions({ tickets: 5000, end: "2026-12-01T00:00:00Z" })))
  for (const e of batch as any[]) if (e.type === "message.agent" && e.data.body) bodies.push(normalise(e.data.body));
const words = bodies.map((b) => scanWords(b));
const single = new Map(gateWords().map((w) => [w, scanWords(w)]));
const rows = [];
for (const g of guardedExpressions()) {
  let open = 0,
    hit = 0;
  const by = new Map<string, number>();
  const re = new RegExp(g.re.source, g.re.flags.replace(/[gy]/g, ""));
  for (let i = 0; i < bodies.length; i++) {
    if (!mentions(words[i]!, g.gate)) continue;
    open++;
    if (re.test(bodies[i]!)) hit++;
    for (const [w, ws] of single)
      if (mentions(ws, g.gate) && new RegExp(`(?<![a-z0-9])${w}(?![a-z0-9])`, "i").test(bodies[i]!))
        by.set(w, (by.get(w) ?? 0) + 1);
  }
  const t = performance.now();
  for (let k = 0; k < 3; k++)
    for (let i = 0; i < bodies.length; i++) {
      g.re.lastIndex = 0;
      g.re.exec(bodies[i]!);
    }
  const usPerCall = ((performance.now() - t) * 1000) / (3 * bodies.length);
  rows.push({
    cost: (usPerCall * open) / bodies.length,
    usPerCall,
    open: open / bodies.length,
    hit: open ? hit / open : 0,
    src: g.re.source.slice(0, 50),
    top: [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([w, n]) => `${w}:${(n / bodies.length).toFixed(2)}`)
      .join(" "),
  });
}
rows.sort((a, b) => b.cost - a.cost);
let tot = 0;
for (const r of rows) tot += r.cost;
console.log("msgs", bodies.length, "sum of guarded cost us/msg", tot.toFixed(1));
for (const r of rows.slice(0, 30))
  console.log(
    r.cost.toFixed(2).padStart(5),
    "us/msg",
    r.usPerCall.toFixed(1).padStart(5),
    "us/call open",
    r.open.toFixed(2),
    "hit",
    r.hit.toFixed(2),
    r.src.padEnd(50),
    r.top,
  );
