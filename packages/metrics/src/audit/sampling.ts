import { SeededRandom } from "./seeded-random.ts";

/**
 * Reproducible stratified audit samples (DESIGN §6 "Audit samples").
 *
 * Strata are agents (tickets with no agent form their own stratum, "unassigned"). In each stratum of N
 * tickets, k = min(perAgent, N) tickets are drawn without replacement:
 *
 * - `uniform`: a simple random sample (a seeded partial Fisher-Yates shuffle); inclusion probability k/N.
 * - `risk`: probability proportional to size with weights w = 1 + risk, so a zero-risk ticket can still
 *   be drawn. First-order inclusion probabilities pi_i = k w_i / sum(w), computed iteratively: tickets
 *   whose pi would reach 1 are taken with certainty (pi = 1) and the rest share the remaining draws in
 *   proportion to their weights, until no pi exceeds 1. Then sum(pi) = k exactly, and the non-certain
 *   tickets are drawn by randomised systematic PPS (Goodman & Kish 1950; Hartley & Rao 1962): put them in
 *   a seeded random order, lay their pi end to end on [0, k'), draw one uniform start u in [0, 1) and
 *   take the tickets whose intervals contain u, u + 1, ..., u + k' - 1. A ticket's interval has length
 *   pi_i <= 1, so it holds one of the points with probability exactly pi_i, whatever the order; the
 *   random order makes the joint inclusion probabilities positive. Exactly k tickets are drawn.
 *
 * Reproducibility: the population is sorted by ticketId first (so the input order does not matter) and
 * each stratum draws from its own sfc32 generator seeded with a hash of (seed, agent); the same inputs give
 * the same sample, and one agent's tickets do not change another agent's sample.
 */

export type SamplingStrategy = "uniform" | "risk";

export interface PopulationTicket {
  ticketId: string;
  agent: string | null;
  /** >= 0; e.g. a weight from message-rule flags, SLA breaches and low CSAT. */
  risk: number;
}

export interface SampleOptions {
  /** Tickets per stratum (agent); strata with fewer tickets are taken whole. */
  perAgent: number;
  seed: string | number;
  strategy: SamplingStrategy;
}

export interface SampledTicket {
  ticketId: string;
  agent: string | null;
  /** The agent id, or UNASSIGNED_STRATUM for tickets with no agent. */
  stratum: string;
  /** The probability this ticket had of being drawn, in (0, 1]. */
  inclusionProbability: number;
}

/** Stratum label of tickets with no agent. */
export const UNASSIGNED_STRATUM = "unassigned";

export function stratumOf(agent: string | null): string {
  return agent ?? UNASSIGNED_STRATUM;
}

/**
 * Inclusion probabilities of a size-k PPS design without replacement over units with positive weights:
 * pi_i = min(1, k' w_i / sum of the non-certain weights), iterated until no pi exceeds 1 (certainty
 * units have pi = 1). The result sums to k (up to rounding). Throws a RangeError on invalid input.
 */
export function ppsInclusionProbabilities(weights: readonly number[], k: number): number[] {
  const n = weights.length;
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`sample size must be an integer in [0, ${n}]`);
  for (const w of weights) {
    if (!(w > 0 && Number.isFinite(w))) throw new RangeError(`weights must be positive and finite, got ${w}`);
  }
  const pi = new Array<number>(n).fill(0);
  const certain = new Array<boolean>(n).fill(false);
  let remaining = k;
  while (remaining > 0) {
    let sum = 0;
    for (let i = 0; i < n; i++) if (!certain[i]) sum += weights[i]!;
    let newlyCertain = 0;
    for (let i = 0; i < n; i++) {
      if (!certain[i] && remaining * weights[i]! >= sum) {
        certain[i] = true;
        pi[i] = 1;
        newlyCertain++;
      }
    }
    if (newlyCertain === 0) {
      for (let i = 0; i < n; i++) if (!certain[i]) pi[i] = (remaining * weights[i]!) / sum;
      break;
    }
    remaining -= newlyCertain;
  }
  return pi;
}

interface Stratum {
  agent: string | null;
  tickets: PopulationTicket[];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkOptions(perAgent: number, strategy: SamplingStrategy): void {
  if (!Number.isInteger(perAgent) || perAgent < 0) {
    throw new RangeError(`perAgent must be a non-negative integer, got ${perAgent}`);
  }
  if (strategy !== "uniform" && strategy !== "risk") throw new RangeError(`unknown strategy ${String(strategy)}`);
}

/** Validates the population and groups it by agent, tickets sorted by ticketId, strata in first-ticket order. */
function strataOf(population: readonly PopulationTicket[]): Stratum[] {
  const sorted = [...population].sort((a, b) => compareStrings(a.ticketId, b.ticketId));
  const strata = new Map<string | null, Stratum>();
  let previous: string | null = null;
  for (const ticket of sorted) {
    if (ticket.ticketId === previous) throw new RangeError(`duplicate ticket ${ticket.ticketId} in the population`);
    previous = ticket.ticketId;
    if (!(ticket.risk >= 0 && Number.isFinite(ticket.risk))) {
      throw new RangeError(`risk must be finite and >= 0, got ${ticket.risk} for ticket ${ticket.ticketId}`);
    }
    let stratum = strata.get(ticket.agent);
    if (stratum === undefined) {
      stratum = { agent: ticket.agent, tickets: [] };
      strata.set(ticket.agent, stratum);
    }
    stratum.tickets.push(ticket);
  }
  return [...strata.values()];
}

function stratumProbabilities(stratum: Stratum, perAgent: number, strategy: SamplingStrategy): number[] {
  const n = stratum.tickets.length;
  const k = Math.min(perAgent, n);
  if (strategy === "uniform") return new Array<number>(n).fill(k / n);
  return ppsInclusionProbabilities(
    stratum.tickets.map((t) => 1 + t.risk),
    k,
  );
}

/** Indices (into the stratum's tickets) drawn; `pi` are the design's inclusion probabilities. */
function drawStratum(pi: readonly number[], k: number, strategy: SamplingStrategy, random: SeededRandom): number[] {
  const n = pi.length;
  if (strategy === "uniform") {
    // Partial Fisher-Yates: the first k of a uniformly random permutation.
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + random.nextInt(n - i);
      const tmp = order[i]!;
      order[i] = order[j]!;
      order[j] = tmp;
    }
    return order.slice(0, k);
  }
  const chosen: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < n; i++) (pi[i] === 1 ? chosen : rest).push(i);
  const draws = k - chosen.length;
  if (draws <= 0) return chosen;
  random.shuffle(rest);
  let point = random.nextFloat();
  let cumulative = 0;
  for (let r = 0; r < rest.length && chosen.length < k; r++) {
    const i = rest[r]!;
    cumulative += pi[i]!;
    // The last unit takes a point that rounding pushed past the final cumulative sum (which is k' exactly
    // in exact arithmetic).
    if (point < cumulative || r === rest.length - 1) {
      chosen.push(i);
      point += 1;
    }
  }
  return chosen;
}

/** Every population ticket's inclusion probability under the design (ticketId -> pi); no randomness. */
export function inclusionProbabilities(
  population: readonly PopulationTicket[],
  options: Pick<SampleOptions, "perAgent" | "strategy">,
): Map<string, number> {
  checkOptions(options.perAgent, options.strategy);
  const out = new Map<string, number>();
  for (const stratum of strataOf(population)) {
    const pi = stratumProbabilities(stratum, options.perAgent, options.strategy);
    stratum.tickets.forEach((t, i) => {
      out.set(t.ticketId, pi[i]!);
    });
  }
  return out;
}

/** Number of population tickets per stratum label: the known N_h for estimateCompliance. */
export function stratumSizes(population: readonly PopulationTicket[]): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const t of population) {
    const s = stratumOf(t.agent);
    sizes[s] = (sizes[s] ?? 0) + 1;
  }
  return sizes;
}

/** Draws the stratified sample; see the module comment. Output sorted by ticketId. */
export function drawAuditSample(population: readonly PopulationTicket[], options: SampleOptions): SampledTicket[] {
  const { perAgent, seed, strategy } = options;
  checkOptions(perAgent, strategy);
  if (typeof seed === "number" && !Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
  const sample: SampledTicket[] = [];
  for (const stratum of strataOf(population)) {
    const k = Math.min(perAgent, stratum.tickets.length);
    if (k === 0) continue;
    const pi = stratumProbabilities(stratum, perAgent, strategy);
    const random = new SeededRandom(JSON.stringify([String(seed), stratum.agent]));
    for (const i of drawStratum(pi, k, strategy, random)) {
      const ticket = stratum.tickets[i]!;
      sample.push({
        ticketId: ticket.ticketId,
        agent: ticket.agent,
        stratum: stratumOf(ticket.agent),
        inclusionProbability: pi[i]!,
      });
    }
  }
  return sample.sort((a, b) => compareStrings(a.ticketId, b.ticketId));
}
