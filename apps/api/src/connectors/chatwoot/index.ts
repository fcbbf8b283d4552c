/**
 * Chatwoot connector: account-webhook payloads -> Caliper events, and webhook signatures.
 * Pure functions; the HTTP route (`POST /v1/connectors/chatwoot/{brand}`), the dead-letter
 * table and key lookup live elsewhere and call these.
 *
 * ## Using it from the route
 *
 * ```ts
 * const raw = new Uint8Array(await c.req.arrayBuffer());
 * // Auth: an ingest key for the brand in Authorization, or else the brand's connector secret:
 * const v = verifyChatwootSignature({ secret, timestamp: c.req.header("x-chatwoot-timestamp"),
 *   signature: c.req.header("x-chatwoot-signature"), rawBody: raw });
 * if (!v.ok) -> 401 (v.reason: "missing" | "malformed" | "stale" | "mismatch")
 * let payload; try { payload = JSON.parse(new TextDecoder().decode(raw)) } catch { -> 400 }
 * const r = mapChatwootPayload(payload, { brand, inboxChannels });
 * r.kind === "events"     -> ingest r.events (repeats come back as duplicates) -> 200/202
 * r.kind === "ignored"    -> 202, nothing stored (r.reason says why: contact_created, typing...)
 * r.kind === "unmappable" -> store the raw payload + r.reason in the dead-letter table, 202
 * ```
 *
 * ## API
 *
 * - `mapChatwootPayload(payload: unknown, options: ChatwootOptions): ChatwootResult`
 *   - `ChatwootOptions = { brand; inboxChannels?: Record<inboxId, Channel>; defaultChannel?: Channel ("chat");
 *      labelCategories?: Record<label, Category> }`
 *   - `ChatwootResult = { kind: "events"; events: CaliperEvent[] } | { kind: "ignored"; reason } | { kind: "unmappable"; reason }`
 *   - every produced event is validated with `EventInput` (already normalised: UTC `at`, actor set).
 * - `verifyChatwootSignature({ secret, timestamp, signature, rawBody, now?, toleranceSeconds? = 300 })`
 *   -> `{ ok: true } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" }`;
 *   signature = `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${raw body}`), constant-time compare.
 * - `signChatwootPayload({ secret, timestamp, rawBody })` -> the header value (tests, tools).
 * - `CHATWOOT_CHANNELS`, `CHATWOOT_STATUSES`, `chatwootIds`: the tables below, exported.
 *
 * ## Mapping
 *
 * | Chatwoot | Caliper |
 * |---|---|
 * | conversation_created | `ticket.created` (+ the event of `messages[0]`, usually the customer's first message) |
 * | message_created, incoming | `message.customer` (actor `cw-contact-<sender id>`; a sender without `type`, or none, is the contact) |
 * | message_created, `private: true` | `note.internal` (actor the agent, else system) |
 * | message_created, outgoing from `sender.type` "user" | `message.agent` by `cw-user-<id>` (a human reply) |
 * | message_created, outgoing from agent_bot / captain / no sender, or an automation rule / campaign message | `message.agent` with `automated: true` (actor bot `cw-bot-<id>` or system) |
 * | message_created, `message_type` "template" (bot forms, CSAT, "get notified by email") | `message.agent`, `automated: true`, actor bot |
 * | message_created, activity | ignored (system notices such as "Conversation was resolved") |
 * | conversation_status_changed (`changed_attributes[].status.current_value`, or `status` when null) | `ticket.status`: open->open, pending->pending, snoozed->on_hold, resolved->solved |
 * | conversation_updated with a `status` change | the same `ticket.status` (same id as the status_changed event) |
 * | conversation_updated with a non-null `assignee_id` change | `ticket.assigned` to `cw-user-<new assignee_id>` (meta.assignee as fallback) |
 * | conversation_updated otherwise (labels, waiting_since, first_reply_created_at, unassignment) | ignored |
 * | conversation_opened / conversation_resolved (legacy) | `ticket.status` from `status` |
 * | anything else (contact_*, message_updated, webwidget_triggered, typing) | ignored |
 *
 * ticket.created: ticketId = conversation `id` (Chatwoot's display id) as a string; `at` =
 * `created_at` (Unix seconds); channel = `inboxChannels[inbox_id]`, else `CHATWOOT_CHANNELS[channel]`
 * (WebWidget->chat, Email->email, Api->contact_form, Facebook/Instagram/Twitter/TikTok->social,
 * WhatsApp/SMS/Telegram/Line->chat, Voice->phone), else `defaultChannel`; category = the first
 * conversation label that `labelCategories` maps or that is a category name, else "other";
 * priority low/medium/high/urgent -> low/normal/high/urgent; subject = `additional_attributes.mail_subject`;
 * customerId = `cw-contact-<meta.sender.id>`; actor = that customer, or the agent when
 * `messages[0]` is an agent's outgoing message (a conversation an agent started).
 *
 * ## Event ids (deterministic: every repeat of a fact maps to the same id, distinct facts differ)
 *
 * - `cw-msg-<message id>`: message ids are global in a Chatwoot installation; message_created and
 *   the `messages[0]` repeated in conversation_created give the same id (and the same event: `at`
 *   is truncated to whole seconds since the two serialisations differ in precision).
 * - `cw-conv-<conversation id>-created`: a conversation is created once.
 * - `cw-conv-<conversation id>-status-<chatwoot status>-<T>`: T = the conversation's `updated_at`
 *   in whole Unix seconds (else `timestamp`). A status change fires both conversation_status_changed
 *   and conversation_updated from the same save, with the same status and `updated_at`, hence one
 *   id; the same status reached again later has a later T.
 * - `cw-conv-<conversation id>-assign-<assignee id>-<T>`: same T.
 *
 * Limits: ids assume one Chatwoot account per brand (conversation display ids are per account).
 * Chatwoot builds each payload when its background job runs, not at the save: if the
 * conversation is touched between the status_changed job and the updated job (the activity
 * message Chatwoot writes for a status change touches `updated_at`), the two carry different
 * `updated_at` and the status is stored twice, seconds apart. That never changes the final
 * status or any reply time; it only adds a same-status event. Older versions without
 * `updated_at` use `timestamp` (last activity), so their status time can be the last message's
 * time. Unassignment and bot assignment have no Caliper event. A conversation that starts
 * "pending" (bot inboxes) is created open; its later status changes are mapped as they come.
 */
export {
  CHATWOOT_CHANNELS,
  CHATWOOT_STATUSES,
  type ChatwootOptions,
  type ChatwootResult,
  chatwootIds,
  mapChatwootPayload,
} from "./map.ts";
export {
  type ChatwootSignatureFailure,
  signChatwootPayload,
  type VerifyChatwootSignatureInput,
  verifyChatwootSignature,
} from "./signature.ts";
