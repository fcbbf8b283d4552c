import { createWriteStream } from "node:fs";
import { brandHasEvents, queryAgents } from "@caliper/db";
import { BrandId, Instant } from "@caliper/domain";
import { bootstrap } from "../bootstrap.ts";
import { agentCsv } from "../export/agent-rows.ts";
import { ticketCsv } from "../export/ticket-rows.ts";
import { silentLogger } from "../logger.ts";
import { withAgentQa } from "../qa/qa-summary.ts";
import { existingDbTarget, parseFlags, UsageError } from "./args.ts";

export const EXPORT_USAGE = `caliper export tickets|agents --brand B [--from ISO] [--to ISO] [--as-of ISO] [--agent A] [--out FILE] [--db …]

Writes the same CSV as GET /v1/export/{tickets,agents}.csv (default: the last 30 days) to FILE or stdout.`;

export async function exportCommand(argv: string[]): Promise<void> {
  const [what, ...rest] = argv;
  if (what !== "tickets" && what !== "agents") throw new UsageError(EXPORT_USAGE);
  const { values } = parseFlags(rest, {
    db: { type: "string" },
    brand: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "as-of": { type: "string" },
    agent: { type: "string" },
    out: { type: "string" },
  });
  const brand = BrandId.safeParse(values.brand);
  if (!brand.success) throw new UsageError("--brand must be a brand id");
  const instant = (v: string | undefined, name: string): string | undefined => {
    if (v === undefined) return undefined;
    const r = Instant.safeParse(v);
    if (!r.success) throw new UsageError(`--${name} must be an RFC 3339 instant`);
    return r.data;
  };
  const asOf = instant(values["as-of"], "as-of") ?? new Date().toISOString();
  const to = instant(values.to, "to") ?? asOf;
  const from = instant(values.from, "from") ?? new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
  if (from >= to) throw new UsageError("--from must be before --to");
  const q = { brand: brand.data, from, to, asOf, agent: values.agent };
  const services = await bootstrap({ db: existingDbTarget(values.db), logger: silentLogger });
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  try {
    const lines =
      what === "tickets"
        ? ticketCsv(services, q)
        : agentCsv(await withAgentQa(services, q, await queryAgents(services.db, services.projection, q)));
    let n = -1;
    for await (const line of lines) {
      if (!out.write(line)) await new Promise((r) => out.once("drain", r));
      n++;
    }
    if (values.out) {
      await new Promise<void>((res) => out.end(() => res()));
      process.stderr.write(`Wrote ${n} ${what} to ${values.out}\n`);
    }
    // A header alone: say why, a brand the store has never seen first (a typo looks the same).
    if (n === 0) {
      process.stderr.write(
        (await brandHasEvents(services.db, brand.data))
          ? `No ${what} of ${brand.data} from ${from} to ${to} (--from/--to choose the period; default the last 30 days).\n`
          : `No events for brand '${brand.data}' in this store.\n`,
      );
    }
  } finally {
    await services.db.close();
  }
}
