import { StringDecoder } from "node:string_decoder";

/** Anything that streams bytes or text: a Node.js readable stream, or any async iterable of chunks. */
export type ByteSource = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

const BOM = 0xfeff;

/**
 * Decodes a byte stream as UTF-8 into text chunks. A character split across two chunks is
 * decoded whole (invalid bytes become U+FFFD); a leading byte-order mark is dropped. String
 * chunks pass through unchanged. Holds nothing but the current chunk.
 */
export async function* decodeChunks(input: ByteSource): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let started = false;
  const emit = (text: string): string => {
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === BOM) return text.slice(1);
    }
    return text;
  };
  for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string>) {
    let text: string;
    if (typeof chunk === "string") {
      // Bytes left over from a previous Buffer chunk cannot join a string chunk: flush them.
      text = decoder.end() + chunk;
    } else {
      text = decoder.write(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
      );
    }
    const out = emit(text);
    if (out.length > 0) yield out;
  }
  const rest = emit(decoder.end());
  if (rest.length > 0) yield rest;
}
