import { setImmediate as nextTurn } from "node:timers/promises";
import type { PopulationTicket, SampledTicket, SamplingStrategy } from "@caliper/metrics";
import type { CaliperDb } from "../database.ts";
import { statusCondition } from "../queries/clocks.ts";
import { timeSlices } from "../time-slices.ts";

export interface SampleRecord {
  id: string;
  brand: string;
  from: string;
  to: string;
  perAgent: number;
  seed: string;
  strategy: SamplingStrategy;
  /** Stratum -> population size when drawn. */
  strata: Record<string, number>;
  createdBy: string;
  createdAt: string;
}

export interface SampleTicketRecord extends SampledTicket {
  reviewed: boolean;
}

/** Weights of the risk strategy: what makes a ticket more worth auditing. */
export const RISK_WEIGHTS = { perFlag: 1, maxFlags: 3, slaBreach: 2, lowCsat: 2 } as const;

/**
 * Tickets of a brand created in [from, to) that no one has reviewed yet, with a risk score:
 * message-rule flags (1 each, at most 3), a breached response clock (2), a rating of 1 or 2 (2).
 */
export async function auditPopulation(
  cdb: CaliperDb,
  q: { brand: string; from: string; to: string; asOf: string },
): Promise<PopulationTicket[]> {
  // A week (at most) at a time, with a turn of the event loop between weeks: SQLite reads are synchronous,
  // and a year's population on a big store is a quarter of a million tickets (~2 s of reading).
  // The draw sorts the population by ticket id, so reading it in parts changes nothing.
  const out: PopulationTicket[] = [];
  const weeks = Math.ceil((Date.parse(q.to) - Date.parse(q.from)) / WEEK_MS);
  for (const [i, part] of timeSlices(q.from, q.to, weeks).entries()) {
    if (i > 0) await nextTurn();
    out.push(...(await populationOf(cdb, { ...q, ...part })));
  }
  return out;
}

const WEEK_MS = 7 * 86_400_000;

async function populationOf(
  cdb: CaliperDb,
  q: { brand: string; from: string; to: string; asOf: string },
): Promise<PopulationTicket[]> {
  const rows = await cdb.db
    .selectFrom("tickets")
    .select(["ticket_id", "agent", "flags", "rating"])
    .where("brand", "=", q.brand)
    .where("created_at", ">=", q.from)
    .where("created_at", "<", q.to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("reviews")
            .select("reviews.id")
            .whereRef("reviews.brand", "=", "tickets.brand")
            .whereRef("reviews.ticket_id", "=", "tickets.ticket_id"),
        ),
      ),
    )
    .execute();
  const breached = new Set(
    (
      await cdb.db
        .selectFrom("clocks")
        .select("ticket_id")
        .distinct()
        .where("brand", "=", q.brand)
        .where("clock", "in", ["first_response", "next_response"])
        .where("period_at", ">=", q.from)
        .where("period_at", "<", q.to)
        .where((eb) => statusCondition(eb, "breached", q.asOf))
        .execute()
    ).map((r) => r.ticket_id),
  );
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    agent: r.agent,
    risk:
      Math.min(r.flags, RISK_WEIGHTS.maxFlags) * RISK_WEIGHTS.perFlag +
      (breached.has(r.ticket_id) ? RISK_WEIGHTS.slaBreach : 0) +
      (r.rating !== null && r.rating <= 2 ? RISK_WEIGHTS.lowCsat : 0),
  }));
}

export async function saveSample(cdb: CaliperDb, s: SampleRecord, tickets: readonly SampledTicket[]): Promise<void> {
  await cdb.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("audit_samples")
      .values({
        id: s.id,
        brand: s.brand,
        period_from: s.from,
        period_to: s.to,
        per_agent: s.perAgent,
        seed: s.seed,
        strategy: s.strategy,
        strata: JSON.stringify(s.strata),
        created_by: s.createdBy,
        created_at: s.createdAt,
      })
      .execute();
    for (let i = 0; i < tickets.length; i += 200)
      await trx
        .insertInto("audit_sample_tickets")
        .values(
          tickets.slice(i, i + 200).map((t) => ({
            sample_id: s.id,
            ticket_id: t.ticketId,
            agent: t.agent,
            stratum: t.stratum,
            inclusion_probability: t.inclusionProbability,
          })),
        )
        .execute();
  });
}

export async function getSample(
  cdb: CaliperDb,
  id: string,
): Promise<{ sample: SampleRecord; tickets: SampleTicketRecord[] } | null> {
  const row = await cdb.db.selectFrom("audit_samples").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const tickets = await cdb.db
    .selectFrom("audit_sample_tickets as t")
    .select([
      "t.ticket_id",
      "t.agent",
      "t.stratum",
      "t.inclusion_probability",
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("reviews as r")
              .select("r.id")
              .whereRef("r.ticket_id", "=", "t.ticket_id")
              .where("r.brand", "=", row.brand),
          )
          .as("reviewed"),
    ])
    .where("t.sample_id", "=", id)
    .orderBy("t.ticket_id")
    .execute();
  return {
    sample: toSample(row),
    tickets: tickets.map((t) => ({
      ticketId: t.ticket_id,
      agent: t.agent,
      stratum: t.stratum,
      inclusionProbability: t.inclusion_probability,
      reviewed: Boolean(t.reviewed),
    })),
  };
}

const toSample = (row: {
  id: string;
  brand: string;
  period_from: string;
  period_to: string;
  per_agent: number;
  seed: string;
  strategy: string;
  strata: string;
  created_by: string;
  created_at: string;
}): SampleRecord => ({
  id: row.id,
  brand: row.brand,
  from: row.period_from,
  to: row.period_to,
  perAgent: row.per_agent,
  seed: row.seed,
  strategy: row.strategy as SamplingStrategy,
  strata: JSON.parse(row.strata) as Record<string, number>,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

export async function listSamples(cdb: CaliperDb, brand: string): Promise<SampleRecord[]> {
  const rows = await cdb.db
    .selectFrom("audit_samples")
    .selectAll()
    .where("brand", "=", brand)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return rows.map(toSample);
}

/** Inclusion probability and stratum of sampled tickets, by sample id then ticket id. */
export async function sampleMemberships(
  cdb: CaliperDb,
  sampleIds: readonly string[],
): Promise<Map<string, { stratum: string; inclusionProbability: number }>> {
  const out = new Map<string, { stratum: string; inclusionProbability: number }>();
  for (let i = 0; i < sampleIds.length; i += 200) {
    const rows = await cdb.db
      .selectFrom("audit_sample_tickets")
      .selectAll()
      .where("sample_id", "in", sampleIds.slice(i, i + 200))
      .execute();
    for (const r of rows)
      out.set(`${r.sample_id}\u001f${r.ticket_id}`, {
        stratum: r.stratum,
        inclusionProbability: r.inclusion_probability,
      });
  }
  return out;
}
