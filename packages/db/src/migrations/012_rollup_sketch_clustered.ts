import { type Kysely, sql } from "kysely";
import type { Backend } from "../dialect.ts";

/**
 * On SQLite, rollup_sketch becomes a WITHOUT ROWID table: its rows are stored in their key's
 * order (brand, metric, day, agent, category, channel, bucket) instead of in a rowid table beside
 * an index of that key. A read filtered by category or channel sums the per-day bucket rows of
 * its days, and each one it took from the index was then looked up in the table for its count.
 * On the 1M-ticket store, side by side over HTTP against a copy whose table has rowids in day
 * order (as rows arrive): a 90-day overview of one category p50 38.5 -> 35.2 ms, of one channel
 * 48.4 -> 39.3 ms; ingest and rebuild unchanged. The table and its key took 452 MB, the clustered
 * table 230 MB; the migration took 6.1 s there. PostgreSQL keeps its heap and key index.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  if (backend !== "sqlite") return;
  await sql`
    create table rollup_sketch_clustered (
      brand text not null, day text not null, agent text not null, category text not null,
      channel text not null, metric text not null, bucket integer not null, n integer not null,
      constraint rollup_sketch_pk primary key (brand, metric, day, agent, category, channel, bucket)
    ) without rowid`.execute(db);
  await sql`
    insert into rollup_sketch_clustered
    select brand, day, agent, category, channel, metric, bucket, n from rollup_sketch
    order by brand, metric, day, agent, category, channel, bucket`.execute(db);
  await sql`drop table rollup_sketch`.execute(db);
  await sql`alter table rollup_sketch_clustered rename to rollup_sketch`.execute(db);
}
