import { listConnectors, saveConnector } from "@caliper/db";
import { BrandId, Channel } from "@caliper/domain";
import { bootstrap } from "../bootstrap.ts";
import { publicUrlSetting } from "../config.ts";
import { connectorSecret, newSecretId } from "../connectors/secret.ts";
import { silentLogger } from "../logger.ts";
import { dbTarget, existingDbTarget, parseFlags, UsageError } from "./args.ts";

export const CONNECTORS_USAGE = `caliper connectors add chatwoot --brand B [--inbox ID=CHANNEL]... [--url BASE] [--db …]
caliper connectors list [--db …]

add prints the webhook URL and its signing secret (shown once; adding again replaces it).
--inbox maps a Chatwoot inbox id to a channel (contact_form, email, chat, phone, social).
The secret is derived from CALIPER_SECRET: serve must run with the same CALIPER_SECRET.`;

export async function connectorsCommand(argv: string[]): Promise<void> {
  const [sub, kind, ...rest] = argv;
  if (sub === "list") {
    const { values } = parseFlags(kind ? [kind, ...rest] : rest, { db: { type: "string" } });
    const services = await bootstrap({ db: existingDbTarget(values.db), logger: silentLogger });
    try {
      for (const c of await listConnectors(services.db))
        process.stdout.write(`${c.brand}  ${c.kind}  created ${c.createdAt}  ${JSON.stringify(c.config)}\n`);
    } finally {
      await services.db.close();
    }
    return;
  }
  if (sub !== "add" || kind !== "chatwoot") throw new UsageError(CONNECTORS_USAGE);
  const { values } = parseFlags(rest, {
    db: { type: "string" },
    brand: { type: "string" },
    inbox: { type: "string", multiple: true },
    url: { type: "string" },
  });
  // Checked as CALIPER_PUBLIC_URL is: the webhook URL is built on it.
  const url = publicUrlSetting(values.url, "--url");
  const brand = BrandId.safeParse(values.brand);
  if (!brand.success) throw new UsageError("--brand must be a brand id");
  const inboxChannels: Record<string, string> = {};
  for (const pair of values.inbox ?? []) {
    const [id, channel] = pair.split("=");
    if (!id || channel === undefined) throw new UsageError(`--inbox ${pair}: use ID=CHANNEL, e.g. 3=email`);
    if (!Channel.safeParse(channel).success)
      throw new UsageError(`--inbox ${pair}: '${channel}' is not a channel (${Channel.options.join(", ")})`);
    inboxChannels[id] = channel as string;
  }
  const services = await bootstrap({ db: dbTarget(values.db), logger: silentLogger });
  try {
    const secretId = newSecretId();
    await saveConnector(services.db, { brand: brand.data, kind: "chatwoot", secretId, config: { inboxChannels } });
    const base = url ?? services.config.publicUrl;
    process.stderr.write(
      `Chatwoot connector for ${brand.data}. In Chatwoot: Settings > Integrations > Webhooks > Add new webhook, with this URL,\n` +
        "and have your proxy (or Chatwoot's webhook signing) send X-Chatwoot-Timestamp and X-Chatwoot-Signature. Signing secret (shown once):\n",
    );
    process.stdout.write(`${base}/v1/connectors/chatwoot/${brand.data}\n`);
    process.stdout.write(`${connectorSecret(services.config.secret, "chatwoot", brand.data, secretId)}\n`);
  } finally {
    await services.db.close();
  }
}
