#!/usr/bin/env node
import { ConfigError } from "../config.ts";
import { UsageError } from "./args.ts";
import { BACKUP_USAGE, backupCommand } from "./backup.ts";
import { CONNECTORS_USAGE, connectorsCommand } from "./connectors.ts";
import { DEMO_USAGE, demoCommand } from "./demo.ts";
import { EXPORT_USAGE, exportCommand } from "./export.ts";
import { IMPORT_USAGE, importCommand } from "./import.ts";
import { KEYS_USAGE, keysCommand } from "./keys.ts";
import { MIGRATE_USAGE, migrateCommand } from "./migrate.ts";
import { REBUILD_USAGE, rebuildCommand } from "./rebuild.ts";
import { SERVE_USAGE, serveCommand } from "./serve.ts";

interface Command {
  run(argv: string[]): Promise<void>;
  usage: string;
  summary: string;
}

const COMMANDS: Record<string, Command> = {
  serve: { run: serveCommand, usage: SERVE_USAGE, summary: "run the API and dashboard" },
  demo: {
    run: demoCommand,
    usage: DEMO_USAGE,
    summary: "seed realistic demo data for the five stores (--serve to run it)",
  },
  import: {
    run: importCommand,
    usage: IMPORT_USAGE,
    summary: "import NDJSON events, Twitter support CSV or Zendesk exports",
  },
  export: { run: exportCommand, usage: EXPORT_USAGE, summary: "write tickets or agents as CSV" },
  migrate: { run: migrateCommand, usage: MIGRATE_USAGE, summary: "apply database migrations" },
  rebuild: { run: rebuildCommand, usage: REBUILD_USAGE, summary: "recompute derived tables from the event log" },
  keys: { run: keysCommand, usage: KEYS_USAGE, summary: "create, list and revoke access keys" },
  backup: { run: backupCommand, usage: BACKUP_USAGE, summary: "copy a SQLite database online (PostgreSQL: pg_dump)" },
  connectors: {
    run: connectorsCommand,
    usage: CONNECTORS_USAGE,
    summary: "set up helpdesk connectors (Chatwoot webhooks)",
  },
};

const usage = () =>
  `Usage: caliper <command> [flags]\n\n${Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
    .join("\n")}\n\ncaliper <command> --help for a command's flags.\n`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`caliper: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`caliper ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`caliper ${name}: ${err.message}\n${err.problems.map((p) => `  - ${p}\n`).join("")}`);
      return 2;
    }
    process.stderr.write(`caliper ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

// Output piped into `head` and closed early is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps running; other commands exit with their status.
    const serving = process.argv[2] === "serve" || (process.argv[2] === "demo" && process.argv.includes("--serve"));
    if (code !== 0 || !serving) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`caliper: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
