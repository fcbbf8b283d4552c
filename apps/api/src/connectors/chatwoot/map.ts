/**
 * Chatwoot account-webhook payloads -> Caliper events. Pure: one payload in, events out; no
 * state is kept between deliveries, so every repeat of a fact must map to the same event id
 * on its own (see the id scheme in ./index.ts).
 *
 * Payload shapes (chatwoot/chatwoot): conversation events are `Conversation#webhook_data`
 * (`Conversations::EventDataPresenter#push_data`) merged with `event` and, for
 * conversation_updated / conversation_status_changed, `changed_attributes` =
 * `[{ attr: { previous_value, current_value } }]` built from Rails `previous_changes`
 * (app/listeners/webhook_listener.rb, base_listener.rb). message_created is
 * `Message#webhook_data` (string `message_type`, ISO `created_at`, `sender` = the sender's
 * `webhook_data`, full `conversation`), while the `messages[0]` embedded in a conversation is
 * `Message#push_event_data` (integer `message_type`, Unix `created_at`, `sender_type`).
 */
import {
  type Actor,
  type CaliperEvent,
  type Category,
  type Channel,
  LIMITS,
  type Priority,
  type TicketStatus,
} from "@caliper/domain";
import { z } from "zod";
import {
  UpstreamId,
  categoryFromLabels,
  cleanText,
  describeIssues,
  isoFromSeconds,
  present,
  record,
  unixSeconds,
  validateEvents,
} from "../shared.ts";

export interface ChatwootOptions {
  /** The brand the webhook URL belongs to (`/v1/connectors/chatwoot/{brand}`). */
  brand: string;
  /** Channel per Chatwoot inbox id, overriding the mapping from the inbox's channel type. */
  inboxChannels?: Record<string /* inbox id */, Channel>;
  /** Channel for channel types the built-in table does not know; "chat" by default. */
  defaultChannel?: Channel;
  /** Conversation label -> category, checked before labels that are category names themselves. */
  labelCategories?: Record<string, Category>;
}

export type ChatwootResult =
  | { kind: "events"; events: CaliperEvent[] }
  /** A payload we understand but do not turn into events (contact_created, typing, label changes...). */
  | { kind: "ignored"; reason: string }
  /** A payload that should have produced events but could not: keep it in the dead-letter table. */
  | { kind: "unmappable"; reason: string };

/** Chatwoot inbox channel types (`inbox.channel_type`) -> Caliper channels. */
export const CHATWOOT_CHANNELS: Readonly<Record<string, Channel>> = {
  "Channel::WebWidget": "chat",
  "Channel::Email": "email",
  "Channel::Api": "contact_form",
  "Channel::FacebookPage": "social",
  "Channel::Instagram": "social",
  "Channel::TwitterProfile": "social",
  "Channel::Tiktok": "social",
  "Channel::Whatsapp": "chat",
  "Channel::Sms": "chat",
  "Channel::TwilioSms": "chat",
  "Channel::Telegram": "chat",
  "Channel::Line": "chat",
  "Channel::Voice": "phone",
};

/** Chatwoot conversation statuses -> Caliper ticket statuses. */
export const CHATWOOT_STATUSES: Readonly<Record<string, TicketStatus>> = {
  open: "open",
  pending: "pending",
  snoozed: "on_hold",
  resolved: "solved",
};

const PRIORITIES: Readonly<Record<string, Priority>> = { low: "low", medium: "normal", high: "high", urgent: "urgent" };

/** `Message.message_type` enum order (push_event_data sends the integer). */
const MESSAGE_TYPES = ["incoming", "outgoing", "activity", "template"] as const;

/** Agent, contact and bot ids as they appear in Caliper events. */
export const chatwootIds = {
  agent: (userId: string) => `cw-user-${userId}`,
  contact: (contactId: string) => `cw-contact-${contactId}`,
  bot: (botId: string, type = "agent_bot") => (type === "agent_bot" ? `cw-bot-${botId}` : `cw-${type}-${botId}`),
  /** Replies typed in a channel's native app (WhatsApp Business, Instagram...) and echoed back. */
  externalEcho: "cw-external-echo",
} as const;

const Time = z.union([z.number(), z.string()]);
const Party = z.looseObject({ id: UpstreamId.nullish(), type: z.string().nullish() });

const WebhookMessage = z.looseObject({
  id: UpstreamId,
  content: z.unknown().optional(),
  created_at: Time,
  message_type: z.union([z.string(), z.number()]),
  private: z.boolean().nullish(),
  sender: Party.nullish(),
  sender_type: z.string().nullish(),
  /** Chatwoot < 1.x sent the contact here and `sender` only for agents. */
  contact: Party.nullish(),
  content_attributes: z.unknown().optional(),
  additional_attributes: z.unknown().optional(),
  conversation: z.looseObject({
    id: UpstreamId.nullish(),
    display_id: UpstreamId.nullish(),
    meta: z.looseObject({ sender: Party.nullish() }).nullish(),
  }),
});

const PushMessage = z.looseObject({
  id: UpstreamId,
  content: z.unknown().optional(),
  created_at: Time,
  message_type: z.union([z.number(), z.string()]),
  private: z.boolean().nullish(),
  sender: Party.nullish(),
  sender_type: z.string().nullish(),
  sender_id: UpstreamId.nullish(),
  content_attributes: z.unknown().optional(),
  additional_attributes: z.unknown().optional(),
});

const ConversationPayload = z.looseObject({
  event: z.string(),
  id: UpstreamId.nullish(),
  display_id: UpstreamId.nullish(),
  inbox_id: UpstreamId.nullish(),
  channel: z.string().nullish(),
  status: z.string().nullish(),
  priority: z.string().nullish(),
  labels: z.unknown().optional(),
  created_at: Time.nullish(),
  timestamp: Time.nullish(),
  updated_at: Time.nullish(),
  last_activity_at: Time.nullish(),
  additional_attributes: z.unknown().optional(),
  messages: z.unknown().optional(),
  meta: z.looseObject({ sender: Party.nullish(), assignee: Party.nullish() }).nullish(),
  changed_attributes: z.unknown().optional(),
});
type ConversationPayload = z.infer<typeof ConversationPayload>;

/** A message in one shape, whichever of the two Chatwoot serialisations it came from. */
interface Message {
  id: string;
  type: string;
  private: boolean;
  at: number;
  content: unknown;
  /** Normalised sender kind: contact, user, agent_bot, captain_assistant...; undefined when not said. */
  senderType: string | undefined;
  senderId: string | undefined;
  hasSender: boolean;
  attributes: Record<string, unknown>;
  additional: Record<string, unknown>;
}

type MessageOutcome = { input: Record<string, unknown> } | { ignored: string } | { unmappable: string };

const unmappable = (reason: string): ChatwootResult => ({ kind: "unmappable", reason });

/** "AgentBot" -> agent_bot, "Captain::Assistant" -> captain_assistant, "user" -> user. */
const snake = (s: string): string =>
  s
    .replaceAll("::", "_")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();

/** content_attributes is JSON; some versions serialise it as a string. */
function attributes(value: unknown): Record<string, unknown> {
  if (typeof value === "string") {
    try {
      return record(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return record(value);
}

function messageType(value: string | number): string {
  const n = typeof value === "number" ? value : /^\d$/.test(value) ? Number(value) : undefined;
  return n === undefined ? String(value).toLowerCase() : (MESSAGE_TYPES[n] ?? `type ${n}`);
}

function normaliseMessage(
  m: z.infer<typeof WebhookMessage> | z.infer<typeof PushMessage>,
  senderFallback?: { id?: string | null | undefined; type?: string | null | undefined } | null,
): Message | string {
  const at = unixSeconds(m.created_at);
  if (at === null) return `message ${m.id} has an unreadable created_at ${JSON.stringify(m.created_at)}`;
  const sender = m.sender ?? senderFallback ?? undefined;
  const rawType = sender?.type ?? m.sender_type ?? undefined;
  const pushSenderId = UpstreamId.safeParse(record(m)["sender_id"]);
  const senderId = sender?.id ?? (pushSenderId.success ? pushSenderId.data : undefined);
  return {
    id: m.id,
    type: messageType(m.message_type),
    private: m.private === true,
    at,
    content: m.content,
    senderType: rawType ? snake(rawType) : undefined,
    senderId: senderId ?? undefined,
    hasSender: sender !== undefined || present(m.sender_type),
    attributes: attributes(m.content_attributes),
    additional: attributes(m.additional_attributes),
  };
}

/** The actor for an outgoing message's sender; undefined when there is none (or it is a contact). */
function senderActor(m: Message): Actor | undefined {
  if (!m.hasSender || m.senderId === undefined) return undefined;
  if (m.senderType === undefined || m.senderType === "user")
    return { type: "agent", id: chatwootIds.agent(m.senderId) };
  if (m.senderType === "contact") return undefined;
  return { type: "bot", id: chatwootIds.bot(m.senderId, m.senderType) };
}

/**
 * One message -> one event. Incoming: the customer. Private: an internal note. Template
 * (bot forms, CSAT requests, "get notified by email"): an automated reply. Outgoing: a human
 * reply when Chatwoot itself would count it as one (`Message#human_response?`: sent by a
 * User, not by an automation rule or campaign), else an automated reply.
 */
function mapMessage(m: Message, brand: string, ticketId: string, fallbackCustomer: string | undefined): MessageOutcome {
  const base = { id: `cw-msg-${m.id}`, brand, ticketId, at: isoFromSeconds(m.at) };
  const body = cleanText(m.content, LIMITS.body);
  const data: Record<string, unknown> = body === undefined ? {} : { body };
  const actor = senderActor(m);
  switch (m.type) {
    case "activity":
      return { ignored: `message ${m.id} is an activity message (a system notice, not a reply)` };
    case "incoming": {
      const own = m.senderId !== undefined && (m.senderType === undefined || m.senderType === "contact");
      const customer = own ? chatwootIds.contact(m.senderId as string) : fallbackCustomer;
      return {
        input: {
          ...base,
          type: "message.customer",
          actor: customer ? { type: "customer", id: customer } : { type: "customer" },
          data,
        },
      };
    }
    case "outgoing":
    case "template": {
      if (m.hasSender && m.senderType === "contact")
        return { unmappable: `${m.type} message ${m.id} has a contact as its sender` };
      if (m.senderType === "user" && m.senderId === undefined)
        return { unmappable: `${m.type} message ${m.id} was sent by a user without an id` };
      if (m.private) return { input: { ...base, type: "note.internal", actor: actor ?? { type: "system" }, data } };
      const automatedBySource =
        m.type === "template" || present(m.attributes["automation_rule_id"]) || present(m.additional["campaign_id"]);
      if (actor?.type === "agent")
        return {
          input: {
            ...base,
            type: "message.agent",
            actor,
            data: automatedBySource ? { ...data, automated: true } : data,
          },
        };
      if (actor) return { input: { ...base, type: "message.agent", actor, data: { ...data, automated: true } } };
      if (m.type === "outgoing" && present(m.attributes["external_echo"]) && !automatedBySource)
        return {
          input: { ...base, type: "message.agent", actor: { type: "agent", id: chatwootIds.externalEcho }, data },
        };
      const automatedActor: Actor = m.type === "template" ? { type: "bot" } : { type: "system" };
      return { input: { ...base, type: "message.agent", actor: automatedActor, data: { ...data, automated: true } } };
    }
    default:
      return { unmappable: `message ${m.id} has an unknown message_type "${m.type}"` };
  }
}

function finish(inputs: readonly unknown[]): ChatwootResult {
  const r = validateEvents(inputs);
  return r.ok ? { kind: "events", events: r.events } : unmappable(r.reason);
}

function mapMessageCreated(payload: unknown, options: ChatwootOptions): ChatwootResult {
  const parsed = WebhookMessage.safeParse(payload);
  if (!parsed.success) return unmappable(`message_created: ${describeIssues(parsed.error)}`);
  const p = parsed.data;
  const ticketId = p.conversation.id ?? p.conversation.display_id;
  if (!ticketId) return unmappable("message_created: conversation.id is missing");
  const message = normaliseMessage(p, p.message_type === "incoming" ? p.contact : undefined);
  if (typeof message === "string") return unmappable(`message_created: ${message}`);
  const metaSender = p.conversation.meta?.sender;
  const fallbackCustomer = metaSender?.id ? chatwootIds.contact(metaSender.id) : undefined;
  const outcome = mapMessage(message, options.brand, ticketId, fallbackCustomer);
  if ("ignored" in outcome) return { kind: "ignored", reason: outcome.ignored };
  if ("unmappable" in outcome) return unmappable(`message_created: ${outcome.unmappable}`);
  return finish([outcome.input]);
}

/** The `{ previous_value, current_value }` of one attribute in `changed_attributes`, if listed. */
function change(p: ConversationPayload, key: string): { previous: unknown; current: unknown } | undefined {
  for (const entry of changedEntries(p)) {
    const attrs = record(entry);
    if (key in attrs) {
      const values = record(attrs[key]);
      return { previous: values["previous_value"], current: values["current_value"] };
    }
  }
  return undefined;
}

/** `changed_attributes` as a list of `{ attr: {...} }`; a plain object of attributes is accepted too. */
function changedEntries(p: ConversationPayload): unknown[] {
  const changed = p.changed_attributes;
  if (Array.isArray(changed)) return changed;
  return Object.entries(record(changed)).map(([k, v]) => ({ [k]: v }));
}

/**
 * The time a conversation change happened, in whole seconds: `updated_at` (Chatwoot >= 3.x,
 * the conversation row's update time), else `timestamp` (= last_activity_at), else creation.
 * conversation_status_changed and the conversation_updated fired by the same save carry the
 * same values, which is what makes their ids equal.
 */
const changeTime = (p: ConversationPayload): number | null =>
  unixSeconds(p.updated_at) ?? unixSeconds(p.timestamp) ?? unixSeconds(p.last_activity_at) ?? unixSeconds(p.created_at);

function statusEvent(
  p: ConversationPayload,
  ticketId: string,
  brand: string,
  current: unknown,
): { input: Record<string, unknown> } | { unmappable: string } {
  if (typeof current !== "string" || current === "") return { unmappable: "the conversation has no status" };
  const status = CHATWOOT_STATUSES[current.toLowerCase()];
  if (!status) return { unmappable: `unknown Chatwoot status "${current}"` };
  const t = changeTime(p);
  if (t === null) return { unmappable: "the conversation carries no updated_at or timestamp" };
  return {
    input: {
      id: `cw-conv-${ticketId}-status-${current.toLowerCase()}-${t}`,
      type: "ticket.status",
      brand,
      ticketId,
      at: isoFromSeconds(t),
      data: { status },
    },
  };
}

function conversationOf(payload: unknown): { p: ConversationPayload; ticketId: string } | string {
  const parsed = ConversationPayload.safeParse(payload);
  if (!parsed.success) return describeIssues(parsed.error);
  const ticketId = parsed.data.id ?? parsed.data.display_id;
  if (!ticketId) return "the conversation id is missing";
  return { p: parsed.data, ticketId };
}

function mapConversationCreated(payload: unknown, options: ChatwootOptions): ChatwootResult {
  const conv = conversationOf(payload);
  if (typeof conv === "string") return unmappable(`conversation_created: ${conv}`);
  const { p, ticketId } = conv;
  const created = unixSeconds(p.created_at) ?? changeTime(p);
  if (created === null) return unmappable("conversation_created: created_at is missing or unreadable");
  const customerId = p.meta?.sender?.id ? chatwootIds.contact(p.meta.sender.id) : undefined;

  const inputs: Record<string, unknown>[] = [];
  let createdByAgent: Actor | undefined;
  const first = PushMessage.safeParse(Array.isArray(p.messages) ? p.messages[0] : undefined);
  if (first.success) {
    const message = normaliseMessage(first.data);
    if (typeof message !== "string") {
      const outcome = mapMessage(message, options.brand, ticketId, customerId);
      if ("input" in outcome) {
        inputs.push(outcome.input);
        const actor = record(outcome.input["actor"]);
        if (outcome.input["type"] === "message.agent" && actor["type"] === "agent")
          createdByAgent = outcome.input["actor"] as Actor;
      }
    }
  }

  const inboxChannel = p.inbox_id ? options.inboxChannels?.[p.inbox_id] : undefined;
  const channel =
    inboxChannel ?? (p.channel ? CHATWOOT_CHANNELS[p.channel] : undefined) ?? options.defaultChannel ?? "chat";
  const subject = cleanText(record(p.additional_attributes)["mail_subject"], LIMITS.subject);
  const priority = p.priority ? PRIORITIES[p.priority.toLowerCase()] : undefined;
  const data: Record<string, unknown> = {
    channel,
    category: categoryFromLabels(Array.isArray(p.labels) ? p.labels : [], options.labelCategories) ?? "other",
    ...(priority ? { priority } : {}),
    ...(subject ? { subject } : {}),
    ...(customerId ? { customerId } : {}),
  };
  inputs.unshift({
    id: `cw-conv-${ticketId}-created`,
    type: "ticket.created",
    brand: options.brand,
    ticketId,
    at: isoFromSeconds(created),
    actor: createdByAgent ?? (customerId ? { type: "customer", id: customerId } : { type: "customer" }),
    data,
  });
  return finish(inputs);
}

function mapStatusChanged(payload: unknown, options: ChatwootOptions, event: string): ChatwootResult {
  const conv = conversationOf(payload);
  if (typeof conv === "string") return unmappable(`${event}: ${conv}`);
  const { p, ticketId } = conv;
  // changed_attributes is null in older Chatwoot versions: the conversation's status is the new one.
  const current = change(p, "status")?.current ?? p.status;
  const outcome = statusEvent(p, ticketId, options.brand, current);
  return "input" in outcome ? finish([outcome.input]) : unmappable(`${event}: ${outcome.unmappable}`);
}

function mapConversationUpdated(payload: unknown, options: ChatwootOptions): ChatwootResult {
  const conv = conversationOf(payload);
  if (typeof conv === "string") return unmappable(`conversation_updated: ${conv}`);
  const { p, ticketId } = conv;
  const inputs: Record<string, unknown>[] = [];

  // A status change also fires conversation_status_changed: same id, so one of them is a duplicate.
  const status = change(p, "status");
  if (status) {
    const outcome = statusEvent(p, ticketId, options.brand, status.current);
    if (!("input" in outcome)) return unmappable(`conversation_updated: ${outcome.unmappable}`);
    inputs.push(outcome.input);
  }

  const assignee = change(p, "assignee_id");
  if (assignee && present(assignee.current)) {
    // The new assignee_id is the fact; meta.assignee is the conversation at delivery time.
    const agent = UpstreamId.safeParse(assignee.current);
    const agentId = agent.success ? agent.data : (p.meta?.assignee?.id ?? undefined);
    if (!agentId) return unmappable("conversation_updated: the new assignee_id is unreadable");
    const t = changeTime(p);
    if (t === null) return unmappable("conversation_updated: the conversation carries no updated_at or timestamp");
    inputs.push({
      id: `cw-conv-${ticketId}-assign-${agentId}-${t}`,
      type: "ticket.assigned",
      brand: options.brand,
      ticketId,
      at: isoFromSeconds(t),
      data: { agentId: chatwootIds.agent(agentId) },
    });
  }

  if (inputs.length === 0) {
    const keys = changedEntries(p).flatMap((entry) => Object.keys(record(entry)));
    const what = keys.length > 0 ? keys.join(", ") : "nothing listed in changed_attributes";
    const unassigned = assignee && !present(assignee.current) ? " (unassignment has no Caliper event)" : "";
    return {
      kind: "ignored",
      reason: `conversation_updated changed ${what}: no status or assignee change${unassigned}`,
    };
  }
  return finish(inputs);
}

/**
 * A customer's answer to Chatwoot's CSAT survey arrives as `message_updated` of the survey
 * message (content_type input_csat) with content_attributes.submitted_values.csat_survey_response
 * { rating 1..5, feedback_message }. It becomes feedback.submitted; the id carries the update
 * time, so a changed rating is a later event (the latest counts) and a repeat is a duplicate.
 */
function mapMessageUpdated(payload: unknown, options: ChatwootOptions): ChatwootResult {
  const parsed = WebhookMessage.safeParse(payload);
  if (!parsed.success) return { kind: "ignored", reason: "message_updated without a readable message" };
  const p = parsed.data;
  const ticketId = p.conversation.id ?? p.conversation.display_id;
  const message = normaliseMessage(p);
  if (typeof message === "string" || !ticketId)
    return { kind: "ignored", reason: "message_updated without a conversation" };
  const answer = record(record(message.attributes["submitted_values"])["csat_survey_response"]);
  const rating = Number(answer["rating"]);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    return { kind: "ignored", reason: `message_updated of message ${message.id} carries no CSAT rating` };
  const updated = unixSeconds(record(payload)["updated_at"] as string | number | undefined) ?? message.at;
  const comment = cleanText(answer["feedback_message"], LIMITS.comment);
  const contact = p.conversation.meta?.sender?.id;
  return finish([
    {
      id: `cw-csat-${message.id}-${updated}`,
      type: "feedback.submitted",
      brand: options.brand,
      ticketId,
      at: isoFromSeconds(updated),
      actor: contact ? { type: "customer", id: chatwootIds.contact(contact) } : { type: "customer" },
      data: { rating, ...(comment ? { comment } : {}) },
    },
  ]);
}

/**
 * Maps one Chatwoot account-webhook payload (already parsed from JSON) to Caliper events.
 * Every event is validated with `EventInput`; if any is invalid the payload is unmappable.
 */
export function mapChatwootPayload(payload: unknown, options: ChatwootOptions): ChatwootResult {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return unmappable("the payload is not a JSON object");
  const event = record(payload)["event"];
  if (typeof event !== "string" || event === "") return unmappable("the payload has no `event` name");
  switch (event) {
    case "message_created":
      return mapMessageCreated(payload, options);
    case "conversation_created":
      return mapConversationCreated(payload, options);
    case "conversation_status_changed":
    case "conversation_opened": // deprecated in favour of conversation_status_changed
    case "conversation_resolved":
      return mapStatusChanged(payload, options, event);
    case "conversation_updated":
      return mapConversationUpdated(payload, options);
    case "message_updated":
      return mapMessageUpdated(payload, options);
    default:
      return { kind: "ignored", reason: `Chatwoot event "${event}" is not mapped to Caliper events` };
  }
}
