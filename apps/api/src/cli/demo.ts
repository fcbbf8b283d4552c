import { analyzeDatabase, createApiKey, readMeta, writeMeta } from "@caliper/db";
import { bootstrap } from "../bootstrap.ts";
import { listenUrl } from "../config.ts";
import { demoAgents, demoOptions, emptyDemoStats } from "../demo/index.ts";
import { loadDemo } from "../ingest/load-demo.ts";
import { silentLogger } from "../logger.ts";
import { startServer } from "../server.ts";
import { dbTarget, intFlag, listenPort, parseFlags, UsageError } from "./args.ts";
import { phaseBars } from "./phase-bars.ts";
import { progress } from "./progress.ts";
import { heapNotice } from "./heap-notice.ts";
import type { Services } from "../services.ts";
import { rebuildSummary } from "./rebuild-summary.ts";

export const DEMO_USAGE = `caliper demo [--tickets N] [--days D] [--seed S] [--end ISO] [--db …] [--policies FILE] [--serve [--port N] [--host ADDR]]

Generates a realistic, reproducible history for the five built-in stores (default 3000 tickets
over the last 90 days, ending at the current hour) and prints a manager and an agent key.
The same options give the same events; running it again adds nothing (without --end, a store
that holds a demo keeps the end of its first run, whatever the hour). Into an empty database
the events are bulk-loaded (the log first, then one rebuild of every projection: the same result
as ingesting them, faster; interrupted, it resumes when run again, and caliper serve finishes it at
start); into one that holds events they are ingested batch by batch.
--policies  policy file the events are projected with (env CALIPER_POLICIES; default: the built-in
            stores). Into a store a server uses, pass the server's: ingesting into a store that
            holds events, a brand whose recorded policy differs from this one is refused before
            any of its events is stored (exit 2).
--serve then serves the API and dashboard on it, as caliper serve does, without serve's admin key,
        metrics listener or policy check at start (run caliper serve on the same --db for those).`;

export async function demoCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, {
    db: { type: "string" },
    policies: { type: "string" },
    tickets: { type: "string" },
    days: { type: "string" },
    seed: { type: "string" },
    end: { type: "string" },
    serve: { type: "boolean" },
    port: { type: "string" },
    host: { type: "string" },
  });
  if (values.end !== undefined && Number.isNaN(Date.parse(values.end)))
    throw new UsageError("--end must be an ISO instant");
  const sizes = {
    tickets: intFlag(values.tickets, "tickets", 3000, 1, 50_000_000),
    days: intFlag(values.days, "days", 90, 1, 3650),
    seed: intFlag(values.seed, "seed", 1, 0, 2 ** 31),
  };
  const port = listenPort(values.port);
  const host = values.host ?? process.env.CALIPER_HOST ?? "127.0.0.1";
  const services = await bootstrap({
    db: dbTarget(values.db),
    policiesFile: values.policies,
    defaultPublicUrl: listenUrl(host, port),
    ...(values.serve ? {} : { logger: silentLogger }),
    backgroundCheckpoints: true,
  });
  let serving = false;
  try {
    const options = demoOptions({ ...sizes, end: await demoEnd(services, values.end) });
    const stats = emptyDemoStats();
    const bars = phaseBars({
      ingest: progress("demo   ", "tickets"),
      log: progress("log    ", "tickets"),
      tickets: progress("tickets", "tickets"),
      orders: progress("orders ", "orders"),
    });
    const t0 = performance.now();
    const writer = await loadDemo(services, options, stats, (p) => bars.update(p.phase, p.done, p.total, p.note));
    bars.close();
    await writeMeta(services.db.db, DEMO_END, options.end);
    await analyzeDatabase(services.db);
    const secs = (performance.now() - t0) / 1000;
    const manager = await createApiKey(services.db, {
      role: "manager",
      brands: ["eyewear", "marketplace", "global-goods", "clean-beauty", "jewelry"],
      agentId: null,
      label: "demo manager",
    });
    const agent = demoAgents()[0];
    const agentKey = agent
      ? await createApiKey(services.db, {
          role: "agent",
          brands: [agent.brand],
          agentId: agent.agentId,
          label: `demo agent ${agent.name}`,
        })
      : null;
    process.stderr.write(
      [
        `Demo: ${stats.tickets} tickets, ${writer.accepted} events stored (${writer.duplicates} already there) in ${secs.toFixed(1)} s`,
        `  period ${new Date(Date.parse(options.end) - options.days * 86_400_000).toISOString().slice(0, 10)} .. ${options.end.slice(0, 10)}, seed ${options.seed}`,
        // A bulk load ends with one rebuild of every projection: how fast, as `caliper rebuild` prints it.
        writer.rebuild ? rebuildSummary(writer.rebuild, "  ") : "",
        `  manager key (all five stores): ${manager.key}`,
        agentKey && agent ? `  agent key (${agent.name}, ${agent.agentId} at ${agent.brand}): ${agentKey.key}` : "",
      ]
        .filter(Boolean)
        .join("\n") + "\n",
    );
    if (values.serve) {
      const server = await startServer(services, port, host);
      serving = true;
      process.stderr.write(`Caliper is running at ${server.url} — sign in with the manager key above.\n`);
      const notice = heapNotice();
      if (notice) process.stderr.write(`${notice}\n`);
      const stop = () => server.close().then(() => process.exit(0));
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
    }
  } finally {
    if (!serving) await services.db.close();
  }
}

/** Where the store keeps the end of the demo history it holds. */
const DEMO_END = "demo_end";

/**
 * The end of the history to generate: --end; else the end of the demo the store already holds
 * (the default is the current hour, and a run an hour later would otherwise add a second history
 * beside the first: every event id depends on the end); else the current hour.
 */
async function demoEnd(services: Services, flag: string | undefined): Promise<string> {
  if (flag !== undefined) return new Date(flag).toISOString();
  const stored = await readMeta(services.db.db, DEMO_END);
  if (stored !== undefined) return stored;
  const hour = new Date();
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString();
}
