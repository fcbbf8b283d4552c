import { readFileSync } from "node:fs";

const root = new URL("../fixtures/", import.meta.url);

/**
 * A fixture file's text without its leading `// ...` lines (where each fixture says where its
 * shape comes from): the bytes a client would send or a user would import.
 */
export function fixtureText(path: string): string {
  const lines = readFileSync(new URL(path, root), "utf8").split("\n");
  let i = 0;
  while (i < lines.length && (lines[i] as string).startsWith("//")) i++;
  return lines.slice(i).join("\n");
}

/** A Chatwoot webhook payload fixture, parsed. */
export const chatwootPayload = (name: string): unknown => JSON.parse(fixtureText(`chatwoot/${name}.jsonc`));

/** The raw body of a Chatwoot webhook payload fixture, as Chatwoot would send it. */
export const chatwootBody = (name: string): string => fixtureText(`chatwoot/${name}.jsonc`);

/** A deep copy of a payload as a mutable record, for variants of a fixture. */
export const clone = (value: unknown): Record<string, unknown> => structuredClone(value) as Record<string, unknown>;

/** Text delivered as byte chunks of the given sizes (cycling), to exercise chunk boundaries. */
export async function* byteChunks(text: string, sizes: readonly number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
    i++;
  }
}

/** Drains an async generator into an array. */
export async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}
