/**
 * Zendesk connector: export files -> Caliper events, for `caliper import --format
 * zendesk-ticket-events FILE` and `caliper import --format zendesk-satisfaction FILE`.
 * Pure mapping plus a streaming file reader; the CLI does the I/O and the ingestion.
 *
 * ## Using it from the CLI
 *
 * ```ts
 * for await (const row of mapZendeskFile(fs.createReadStream(file), "ticket-events", { brand })) {
 *   if ("error" in row)        report(`item ${row.index} (line ${row.line}): ${row.error}`);
 *   else if ("ignored" in row) count ignored (satisfaction offered / unoffered)
 *   else                       ingest row.events (batches of <= 1000); print row.warnings
 * }
 * ```
 *
 * ## API
 *
 * - `readZendeskFile(input: AsyncIterable<string | Buffer | Uint8Array> | NodeJS.ReadableStream,
 *    kind: "ticket-events" | "satisfaction"): AsyncGenerator<{ index; line; item } | { index; line; error }>`
 *   Layouts: a page `{ticket_events:[…]}` / `{satisfaction_ratings:[…]}` (pretty-printed or not),
 *   several pages one after another (NDJSON lines, each a page object), an array of items, or one
 *   item per line (NDJSON). `line` is where the item's JSON value starts.
 * - `mapZendeskTicketEvent(item: unknown, options: { brand; tickets?: ZendeskTickets;
 *    tagCategories?: Record<tag, Category>; defaultChannel?: Channel }):
 *    { events: CaliperEvent[]; warnings: string[] } | { error: string }`
 *   Pass the same `tickets` Map (from `new Map()`) for every item of a file: it remembers each
 *   ticket's requester (one entry per ticket). Without it, comments of tickets created in other
 *   items are skipped with a warning.
 * - `mapZendeskSatisfaction(item: unknown, options: { brand }):
 *    { events: CaliperEvent[]; scale: "binary" } | { ignored: string } | { error: string }`
 * - `mapZendeskFile(input, kind, options)`: the two above combined, with the per-file ticket Map;
 *   yields `{ index; line; events; warnings } | { index; line; ignored } | { index; line; error }`.
 * - `ZENDESK_CHANNELS`, `ZENDESK_STATUSES`, `ZENDESK_SCORES`, `zendeskUserId`: the tables below.
 *
 * Every produced event is validated with `EventInput`.
 *
 * ## Ticket events (Incremental Ticket Event Export with `include=comment_events`)
 *
 * | Zendesk | Caliper |
 * |---|---|
 * | item with `Create` children | `ticket.created`: channel from the item's `via` (Web form/web/help center/API/"Web service" -> contact_form, Mail/email -> email, Chat/messaging/SMS/WhatsApp -> chat, Voice/phone calls -> phone, Twitter/Facebook/Instagram -> social, else `defaultChannel` = contact_form); category = first tag that `tagCategories` maps or that is a category name ("return_refund", "shipping"...), else "other"; priority and subject from their Create children; customerId = the requester; actor = the requester when they wrote the first comment (or made the update), else the agent who did |
 * | `Create`/`Change` child with `status` | `ticket.status`: new/open -> open, pending -> pending, hold -> on_hold, solved -> solved, closed -> closed (a Create new/open and a Change that stays the same Caliper status, e.g. new -> open, give none; deleted gives a warning) |
 * | `Create`/`Change` child with a non-null `assignee_id` | `ticket.assigned` to `zd-<assignee_id>` |
 * | `Comment` child by the requester | `message.customer` |
 * | `Comment` child, public, by someone else | `message.agent` by `zd-<author_id>`; automated (actor system) when written by Zendesk's system user (-1) or via a trigger/automation (via "rule") |
 * | `Comment` child, private | `note.internal` |
 * | other children (Notification, Cc, SatisfactionRating, tags...) | nothing |
 *
 * The requester is the Create event's `requester_id` child, else the author of the ticket's first
 * comment (in its Create event); a later `requester_id` Change replaces it. Export files are
 * in time order, so a ticket's Create comes before its comments; a ticket created before the
 * export window has no known requester and its comments are skipped with a warning.
 *
 * Ids: `zd-<item id>-<child id>` for events from one child; `zd-<item id>` for `ticket.created`
 * (it gathers several Create children, and as a prefix of its children's ids it replays before
 * the first comment at the same instant); agents and customers are `zd-<Zendesk user id>`;
 * ticketId = `ticket_id` as a string; `at` = the item's `timestamp`. Re-importing an overlapping
 * export gives the same ids, so the overlap is counted as duplicates.
 *
 * ## Satisfaction ratings
 *
 * good (or good_with_comment) -> `feedback.submitted` rating 5, bad -> rating 1, with
 * `data.comment` and `data.scale: "binary"` (the source scale, for the dashboard); offered and
 * unoffered (a survey sent but not answered) -> ignored. ticketId = `ticket_id`; `at` =
 * `updated_at` (else `created_at`); id `zd-sat-<rating id>-<updated_at Unix seconds>`, so a
 * changed rating is a new, later event and the latest one counts.
 */
import type { CaliperEvent, Category, Channel } from "@caliper/domain";
import { readZendeskFile, type ZendeskFileKind } from "./read.ts";
import { mapZendeskSatisfaction } from "./satisfaction.ts";
import { mapZendeskTicketEvent, type ZendeskTicketState } from "./ticket-events.ts";

export { ZENDESK_CHANNELS } from "./channels.ts";
export { readZendeskFile, type ZendeskFileKind, type ZendeskFileRow } from "./read.ts";
export { mapZendeskSatisfaction, ZENDESK_SCORES, type ZendeskSatisfactionResult } from "./satisfaction.ts";
export {
  mapZendeskTicketEvent,
  ZENDESK_STATUSES,
  type ZendeskTicketEventOptions,
  type ZendeskTicketEventResult,
  type ZendeskTicketState,
  type ZendeskTickets,
  zendeskUserId,
} from "./ticket-events.ts";

export interface ZendeskImportOptions {
  brand: string;
  tagCategories?: Record<string, Category>;
  defaultChannel?: Channel;
}

export type ZendeskImportRow =
  | { index: number; line: number; events: CaliperEvent[]; warnings: string[] }
  | { index: number; line: number; ignored: string }
  | { index: number; line: number; error: string };

/** Reads a Zendesk export file and maps every item, keeping the per-ticket memory for this file. */
export async function* mapZendeskFile(
  input: AsyncIterable<string | Buffer | Uint8Array> | NodeJS.ReadableStream,
  kind: ZendeskFileKind,
  options: ZendeskImportOptions,
): AsyncGenerator<ZendeskImportRow> {
  const tickets = new Map<string, ZendeskTicketState>();
  for await (const row of readZendeskFile(input, kind)) {
    const { index, line } = row;
    if ("error" in row) {
      yield row;
      continue;
    }
    if (kind === "satisfaction") {
      const r = mapZendeskSatisfaction(row.item, { brand: options.brand });
      yield "events" in r ? { index, line, events: r.events, warnings: [] } : { index, line, ...r };
    } else {
      const r = mapZendeskTicketEvent(row.item, { ...options, tickets });
      yield { index, line, ...r };
    }
  }
}
