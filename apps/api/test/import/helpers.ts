/** Test helpers: byte sources split into chosen chunks. */

export async function* chunksOf(
  parts: readonly (string | Buffer | Uint8Array)[],
): AsyncGenerator<Buffer | Uint8Array | string> {
  for (const p of parts) yield p;
}

/** The UTF-8 bytes of `text` cut at the given byte offsets. */
export function splitBytes(text: string, cuts: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text, "utf8");
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
