import { createApiKey, listApiKeys, openDatabase, revokeApiKey } from "@caliper/db";
import { BrandId, Role } from "@caliper/domain";
import { dbTarget, existingDbTarget, parseFlags, UsageError } from "./args.ts";

export const KEYS_USAGE = `caliper keys create --role admin|manager|agent|ingest [--brand B]... [--agent A] [--label L] [--db …]
caliper keys list [--db …]
caliper keys revoke KEY_ID [--db …]

Keys are shown once, at creation, and stored only as SHA-256 hashes.
manager and ingest keys take one or more --brand; an agent key takes one --brand and --agent;
an admin key sees every brand, or with --brand only those.`;

export async function keysCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseFlags(rest, {
    db: { type: "string" },
    role: { type: "string" },
    brand: { type: "string", multiple: true },
    agent: { type: "string" },
    label: { type: "string" },
    json: { type: "boolean" },
  });
  if (sub === "create") {
    const role = Role.safeParse(values.role);
    if (!role.success) throw new UsageError("--role must be one of admin, manager, agent, ingest");
    const brands = values.brand ?? [];
    for (const b of brands) if (!BrandId.safeParse(b).success) throw new UsageError(`--brand '${b}' is not a brand id`);
    if (role.data !== "admin" && brands.length === 0) throw new UsageError(`a ${role.data} key needs --brand`);
    if (role.data === "agent" && (values.agent === undefined || brands.length !== 1))
      throw new UsageError("an agent key needs exactly one --brand and an --agent id");
    if (role.data !== "agent" && values.agent !== undefined) throw new UsageError("--agent only applies to agent keys");
    const cdb = await openDatabase(dbTarget(values.db));
    try {
      const { key, record } = await createApiKey(cdb, {
        role: role.data,
        brands: role.data === "admin" && brands.length === 0 ? null : brands,
        agentId: values.agent ?? null,
        label: values.label ?? null,
      });
      process.stderr.write(
        `Created ${record.role} key ${record.id}${record.brands ? ` for ${record.brands.join(", ")}` : ""}${record.agentId ? ` (agent ${record.agentId})` : ""}. It is shown only now:\n`,
      );
      process.stdout.write(`${key}\n`);
    } finally {
      await cdb.close();
    }
    return;
  }
  if (sub === "list") {
    const cdb = await openDatabase(existingDbTarget(values.db));
    try {
      const keys = await listApiKeys(cdb);
      if (values.json) process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
      else if (keys.length === 0) process.stderr.write("No keys in this database (caliper keys create makes one).\n");
      else
        for (const k of keys)
          process.stdout.write(
            `${k.id}  ${k.role.padEnd(7)}  ${(k.brands?.join(",") ?? "*").padEnd(20)}  ${(k.agentId ?? "-").padEnd(12)}  ${k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? "never"}`}${k.label ? `  ${k.label}` : ""}\n`,
          );
    } finally {
      await cdb.close();
    }
    return;
  }
  if (sub === "revoke") {
    const id = positionals[0];
    if (!id) throw new UsageError("keys revoke needs a key id (see keys list)");
    const cdb = await openDatabase(existingDbTarget(values.db));
    try {
      if (!(await revokeApiKey(cdb, id))) throw new UsageError(`no active key with id ${id}`);
      process.stderr.write(`Revoked ${id}\n`);
    } finally {
      await cdb.close();
    }
    return;
  }
  throw new UsageError(KEYS_USAGE);
}
