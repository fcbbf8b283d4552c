/**
 * Reproducible demo history for the five built-in stores (eyewear, marketplace,
 * global-goods, clean-beauty, jewelry). Pure: no I/O, no Math.random, no clock reads
 * (except demoOptions() defaulting `end` to now).
 *
 * - generateDemo(options: { tickets, days, seed, end }, stats?): Generator<CaliperEvent[]>
 *     Batches of <= 1000 events (whole tickets per batch, ready for appendEvents), tickets in
 *     creation-time order, in the normalised EventInput form. Streams: 1,000,000 tickets
 *     (~8M events) never sit in memory. Same options -> identical events, event ids and
 *     ticket ids; ids embed a 4-character tag derived from the options
 *     ("EW-7Q2K-1001", order "EW-7Q2K-O1001"), so re-running the same demo adds nothing
 *     (all duplicates) and a different demo never mixes into the same tickets. Nothing is
 *     dated at or after `end`: recent tickets are still open, clocks still running.
 *     Pass `emptyDemoStats()` as `stats` to count tickets, events by type and brand, human
 *     agent messages and rule-breaking messages (for the CLI's summary).
 * - demoOptions(partial?): DemoOptions — fills DEMO_DEFAULTS (tickets 3000, days 90,
 *     seed 1) and `end` = now.
 * - demoAgents(): { brand, agentId, name, trait }[] — 24 agents, ids like "eyewear/ana",
 *     e.g. to print an agent key for one of them.
 * - demoPeak(options): the peak period used ({ from, to, label } as dates) or null.
 *
 * What is in it: per store 4–6 agents with different speeds and habits (one fast and loved,
 * one slow, one who sometimes promises what policy forbids, one who sends customers
 * off-platform…); per-store category mixes and conversations (prescriptions and try-on for
 * eyewear, ingredients and skin types for clean-beauty, sizing and materials for jewelry,
 * duties and customs for global-goods, sellers and multi-item orders for marketplace);
 * mostly contact_form, some email and chat; fewer tickets at night and at weekends (UTC);
 * human replies mostly in working hours (Mon–Fri 09:00–18:00 UTC) so Friday-evening tickets
 * wait; a peak week (Black Friday when in range) with more tickets and slower replies;
 * bot acknowledgements (actor bot, automated: true); internal notes; assignments and
 * handovers; follow-ups (next_response clocks); ~5% reopens; ratings for ~30% of solved
 * tickets, better when fast and resolved; orders for ~60% of order/shipping/return tickets
 * with placed/shipped/delivered, returns (defect, changed_mind, size…), inspections and USD
 * refunds, some dispatched or refunded late; ~3–5% of human agent messages break a message
 * rule (refund in 48 hours, 90-day returns, "email us at…", € prices, "nothing we can do",
 * card numbers…), the rest quote the stores' real policy numbers.
 */
export {
  DEMO_BATCH,
  DEMO_DEFAULTS,
  type DemoOptions,
  type DemoStats,
  demoAgents,
  demoOptions,
  demoPeak,
  emptyDemoStats,
  generateDemo,
} from "./generate.ts";
export { DEMO_STORES, type DemoAgentProfile, type DemoStore, type RuleId } from "./stores.ts";
