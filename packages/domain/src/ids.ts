import { z } from "zod";

/** Printable text without control characters or lone surrogates. */
const printable = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
};

/** An identifier chosen by a caller: 1..200 printable characters. */
export const ExternalId = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .refine(printable, "must not contain control characters or lone surrogates");

/** A brand key: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit. */
export const BrandId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "must be 1-64 lower-case letters, digits, '.', '_' or '-'");
export type BrandId = z.infer<typeof BrandId>;

export const AgentId = ExternalId;
export const TicketId = ExternalId;
export const OrderId = ExternalId;
export const EventId = ExternalId;

/** Free text such as a message body: any Unicode except NUL and lone surrogates. */
export const freeText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters")
    .refine((s) => s.isWellFormed(), "must not contain lone surrogates");
