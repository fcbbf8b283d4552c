/**
 * Child process of the rules benchmark: times `checkMessage` of the policy package under ROOT
 * (this checkout, or a baseline tree) over every agent message of a demo history, and prints a
 * JSON summary on stdout. The messages come from this checkout's demo generator, so a baseline
 * and this checkout check the same texts.
 *
 *   node --import tsx bench/rules-child.ts ROOT TICKETS PASSES
 *
 * Each pass checks every message once, with the brand's built-in policy and the ticket's
 * category, as projections do (but without their cache of identical bodies); the first pass is
 * a warm-up and is not timed.
 */
import { join } from "node:path";
import type { CaliperEvent } from "@caliper/domain";
import { demoOptions, generateDemo } from "../apps/api/src/demo/index.ts";

const [root, ticketsArg, passesArg] = process.argv.slice(2);
if (!root || !ticketsArg || !passesArg) {
  process.stderr.write("usage: bench/rules-child.ts ROOT TICKETS PASSES\n");
  process.exit(2);
}
interface Policy {
  checkMessage(policy: unknown, input: { body: string; at: string; category?: string }): unknown[];
  BUILTIN_POLICIES: Readonly<Record<string, unknown>>;
}
const policy = (await import(join(root, "packages", "policy", "src", "index.ts"))) as Policy;

const messages: { policy: unknown; body: string; at: string; category?: string }[] = [];
const categories = new Map<string, string>();
const options = demoOptions({ tickets: Number(ticketsArg), end: "2026-11-30T00:00:00Z", seed: 11 });
for (const batch of generateDemo(options))
  for (const e of batch as CaliperEvent[]) {
    if (e.type === "ticket.created" && e.data.category) categories.set(e.ticketId as string, e.data.category);
    if (e.type !== "message.agent" || !e.data.body) continue;
    const category = categories.get(e.ticketId as string);
    messages.push({
      policy: policy.BUILTIN_POLICIES[e.brand],
      body: e.data.body,
      at: e.at,
      ...(category ? { category } : {}),
    });
  }

const pass = (): { ms: number; flags: number } => {
  let flags = 0;
  const t0 = performance.now();
  for (const m of messages) flags += policy.checkMessage(m.policy, m).length;
  return { ms: performance.now() - t0, flags };
};
pass();
const passes = Array.from({ length: Number(passesArg) }, pass);
const chars = messages.reduce((n, m) => n + m.body.length, 0);
process.stdout.write(
  `${JSON.stringify({ messages: messages.length, chars, flags: passes[0]?.flags ?? 0, ms: passes.map((p) => p.ms) })}\n`,
);
