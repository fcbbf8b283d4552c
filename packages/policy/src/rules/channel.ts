/**
 * channel.off_platform: sending the customer to a channel outside `officialChannels`.
 *
 * Detected: email addresses and "email us / write to us / our email is"; phone numbers and
 * "call us / text us / our hotline / by phone"; "live chat / chat with us"; DMs and social or
 * messaging apps (WhatsApp, Telegram, WeChat, Instagram, Facebook, Messenger, Twitter/X,
 * TikTok, Signal, Skype...) named with a contact verb or used as one ("WhatsApp us", "my personal
 * WhatsApp", "tweet us", an @handle to message); "my personal / work email", "drop me a line",
 * "give our customer care line a call", "my direct line", "ext. 204". Each maps to a channel of
 * the domain (email, phone,
 * chat, social; SMS counts as phone, messaging apps as social) and is flagged unless that
 * channel is official for the store.
 *
 * Decisions:
 *  - Pointing to the Contact Us form is always fine.
 *  - "We'll email you the label", "you'll receive a confirmation email", "reply to this email":
 *    the store notifying the customer, or the customer answering in the thread they are in,
 *    is not a redirect (the store texts themselves send emails).
 *  - "I'll call you", "I'll text you", "we'll give you a call": the agent moving the
 *    conversation to the phone is off-platform, and is flagged.
 *  - An address after "your email / your inbox / sent to" echoes the customer's own address.
 *  - "Follow us on Instagram" (marketing) is not a support redirect; a platform counts only
 *    with a contact verb (message, DM, reach, contact, write, ping, text, chat, talk...).
 *  - Negated mentions ("please don't email us", "we don't offer phone support") are fine.
 *  - Stored bodies carry "[redacted email]" / "[redacted phone]" instead of addresses and numbers
 *    (apps/api privacy/redact.ts): they are detected like the originals. A phone placeholder
 *    needs a contact word before it ("call", "reach us on", "number", "WhatsApp:"), because
 *    redaction also hides things that only look like numbers ("52-18-140" frame sizes); the
 *    customer's own ("the number on your account is ...", "sent to [redacted email]") is fine.
 *  - "We'll text you a code / the tracking link / a delivery slot" is a store notification,
 *    like an email; "the courier / the seller will call you" is not the store.
 *  - Digits that end a reference ("MP-220-5567", "1Z 999 AA1 01 2345 6784") are not a phone.
 */
import type { Channel } from "@caliper/domain";
import type { BrandPolicy } from "../types.ts";
import { type Candidate, makeFlag, strongest } from "./flag.ts";
import { clauseAt, type Doc, type GateWord, gate, guardedBy, mentions, negatedInPhrase, prefiltering } from "./text.ts";
import type { Flag } from "./types.ts";

interface Detector {
  readonly channel: Channel;
  /** Every match contains one of these words (see `mentions`)... */
  readonly any?: readonly GateWord[];
  /** ...or this (a character class or word list `mentions` cannot express). */
  readonly gate?: RegExp;
  readonly re: RegExp;
  readonly what: string;
  readonly strength: number;
  readonly accept?: (doc: Doc, start: number, end: number) => boolean;
}

/** An address, or the placeholder stored bodies carry instead of one (apps/api redaction). */
const EMAIL_ADDRESS = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b|\[redacted\s+e-?mail\]/gi;
const PHONE_PLACEHOLDER = /\[redacted\s+phone\]/gi;
/** "reach us on [redacted phone]", "Tel: [redacted phone]", "(m) [redacted phone]". */
const PLACEHOLDER_LEAD = /(?:\b(?:us|me)\s+(?:on|at|via)|\b(?:tel|t|m|mob|ph|whatsapp)\s*[.:]|\b(?:on|at))\s*$/i;
/** The customer's own number: "we have [redacted phone] on file", "your number", "the driver will call". */
const OWN_NUMBER_BEFORE =
  /\b(?:your\s+(?:phone|mobile|cell|number|contact|account)|(?:number|mobile|phone)\s+you\s+(?:gave|provided|entered|shared|supplied|registered|used)|on\s+(?:your\s+)?(?:account|file|record)|(?:updated|changed|set)\s+(?:it\s+|your\s+\w+\s+)?to|registered|on\s+file|we\s+have|ending\s+in)\b[^.!?;]{0,30}$/i;
/** The customer's own address being echoed: "your email address (is|to|at)", "sent it to", "on file". */
const OWN_ADDRESS_BEFORE =
  /\b(?:your\s+(?:e-?mail|inbox|address|account|login)|(?:sent|emailed|forwarded|changed|updated|set|(?:we|i)(?:'ll|'re|'m|\s+will|\s+are|\s+am)?\s+(?:be\s+)?(?:send|sending|going\s+to\s+send))\s+(?:you\s+)?(?:it\s+|them\s+|this\s+|(?:(?:a|the|your|any|all)\s+)?(?:[\w-]+\s+){1,3}?)?(?:over\s+)?to|(?:went|goes|gone|going|was\s+sent|were\s+sent|delivered|arrived?|arrives)\s+(?:out\s+)?to|registered|on\s+file|we\s+have|check|inbox\s+(?:at|for))\b[^.!?;@]{0,30}$/i;

const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{1,5}(?:[\s.-]\d{2,6}){1,4}\b/g;
const PHONE_REFERENCE_BEFORE =
  /\b(?:order|tracking|reference|ref|invoice|ticket|case|account|card|item|sku|model|#|no\.?|number)\s*(?:number|no\.?|#|id)?\s*(?:is|:)?\s*$/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;
const CONTACT_WORD_BEFORE =
  /\b(?:call|phone|ring|text|sms|whats\s?app|tel|telephone|hotline|helpline|dial|mobile|cell|number|line|reach|contact|get\s+hold|message|signal|telegram|viber)\b/i;

const AT_OR_PLACEHOLDER = /@|\[redacted/i;
const DIGIT = /\d/;
/** An @handle. */
const AT = /@/;

const DETECTORS: readonly Detector[] = [
  {
    channel: "email",
    gate: AT_OR_PLACEHOLDER,
    re: EMAIL_ADDRESS,
    what: "an email address",
    strength: 3,
    accept: (doc, start) => !OWN_ADDRESS_BEFORE.test(doc.text.slice(Math.max(0, start - 40), start)),
  },
  {
    channel: "email",
    any: ["email", "emails", "emailing", "e", "write", "drop"],
    re: /\b(?:e-?mail|write\s+to|drop)\s+(?:us|me|our\s+(?:team|support(?:\s+team)?|agents?)|support|the\s+team)\b|\be-?mail(?:ing)?\s+(?:us|me|our\s+(?:[\w-]+\s+){0,2}?(?:team|support|department|desk|staff|agents?|office))\b|\b(?:contact|reach|message|write\s+to|get\s+in\s+touch\s+with)\s+(?:us|me|support|the\s+team|our\s+(?:[\w-]+\s+){0,2}?(?:team|support|staff|department|desk|agents?))\s+(?:directly\s+)?(?:by|via|through|over)\s+e-?mail\b|\b(?:my|our)\s+(?:own\s+)?(?:personal|direct|private|work|other)\s+e-?mail(?:\s+address)?\b|\b(?:to|at|on|via)\s+my\s+e-?mail(?:\s+address)?\b|\bdrop\s+(?:me|us)\s+(?:a\s+line|an?\s+(?:e-?mail|note|message))\b|\b(?:email|e-mail)\s+(?:(?:it|them|this|that|those|the\s+\w+|(?:a\s+|some\s+)?(?:photos?|pictures?|pics?|screenshots?|receipts?|invoices?|videos?|images?))\s+)?(?:over\s+)?(?:to\s+(?:us|me|our\s+\w+)|over|across)\b|\b(?:by|via|over|through)\s+e-?mail\s+(?:to\s+)?(?:us|me)\b|\bsend\s+(?:us|me)\s+an?\s+e-?mail\b|\b(?:contact|reach|message|write\s+to)\s+(?:us|me|our\s+team|support)\s+(?:by|via|through|over|on)\s+e-?mail\b|\bour\s+(?:support\s+|customer\s+service\s+)?e-?mail(?:\s+address)?\s+(?:is|:)/gi,
    what: "email",
    strength: 2,
  },
  {
    channel: "phone",
    gate: DIGIT,
    re: PHONE,
    what: "a phone number",
    strength: 3,
    accept: (doc, start, end) => {
      const raw = doc.text.slice(start, end);
      // Part of a longer code ("1Z 999 AA1 01 2345 6784"), not a number of its own.
      if (start > 0 && /[A-Za-z0-9]/.test(doc.text[start - 1] ?? "")) return false;
      // "MP-220-5567", "#220 5567": the tail of a reference.
      if (start > 1 && /[-#/]/.test(doc.text[start - 1] ?? "") && /[A-Za-z0-9]/.test(doc.text[start - 2] ?? ""))
        return false;
      const digits = raw.replace(/\D/g, "").length;
      if (digits < 7 || digits > 15 || DATE_LIKE.test(raw)) return false;
      const near = doc.text.slice(Math.max(0, start - 60), start);
      const before = near.slice(Math.max(0, near.search(/[^.!?\n]*$/)));
      if (
        PHONE_REFERENCE_BEFORE.test(before) &&
        !/\b(?:phone|mobile|cell|contact)\s+number\s*(?:is|:)?\s*$/i.test(before)
      )
        return false;
      return raw.startsWith("+") || raw.includes("(") || CONTACT_WORD_BEFORE.test(before);
    },
  },
  {
    channel: "phone",
    any: ["redacted"],
    re: PHONE_PLACEHOLDER,
    what: "a phone number",
    strength: 3,
    accept: (doc, start) => {
      const before = doc.text.slice(Math.max(0, start - 40), start);
      if (OWN_NUMBER_BEFORE.test(before) || THIRD_PARTY_BEFORE.test(before)) return false;
      // Redaction also hides things that only look like numbers ("52-18-140" frame sizes): a placeholder is a
      // phone number to use only when something around it says so.
      const near = doc.text.slice(Math.max(0, start - 30), start);
      const sentenceStart = Math.max(
        near.lastIndexOf("."),
        near.lastIndexOf("!"),
        near.lastIndexOf("?"),
        near.lastIndexOf("\n"),
      );
      return CONTACT_WORD_BEFORE.test(near.slice(sentenceStart + 1)) || PLACEHOLDER_LEAD.test(near);
    },
  },
  {
    channel: "phone",
    any: [
      "call",
      "calls",
      "phone",
      "ring",
      "text",
      "texts",
      "sms",
      "dial",
      "buzz",
      "bell",
      "shout",
      "tinkle",
      "whatsapp",
      "whats",
      // A prefix: "extension", and "ext" glued to its number ("ext204") as the expression allows.
      "ext*",
      "hotline",
      "helpline",
      "telephone",
      // "my number", "on my mobile", "my direct line": "number" alone opens for a seventh of the store's messages.
      ...["mobile", "cell", "number", "line"].map((w) => ["my", w]),
    ],
    accept: (doc, start, end) =>
      !THIRD_PARTY_BEFORE.test(doc.text.slice(Math.max(0, start - 40), start)) &&
      !(/you$/i.test(doc.text.slice(start, end)) && STORE_NOTICE_AFTER.test(doc.text.slice(end, end + 40))),
    re: /\b(?:call|phone|ring|text|sms|dial)\s+(?:us|me|our\s+(?:[\w-]+\s+){0,3}?(?:team|support|hotline|helpline|office|store|line|desk|department|centre|center|number|agents?|staff))\b|\b(?:call|ring|dial|phone|text)\s+(?:the|this|that)\s+(?:number|line|hotline|helpline)\b(?!\s+on\s+the\s+back)|\bgive\s+(?:us|me|(?!(?:the\s+)?(?:courier|carrier|driver|bank|post\s+office|seller|manufacturer|depot)\b)(?:our|the)\s+(?:[\w-]+\s+){0,3}?(?:team|line|desk|office|store|shop|number|hotline|helpline|department|centre|center))\s+a\s+(?:quick\s+)?(?:call|ring|buzz|bell|shout|tinkle)\b|\b(?:call|ring|phone|text|sms|whats\s?app)\s+(?:us|me)\s+(?:on|at)\b|\bmy\s+(?:direct\s+line|extension)\b|\b(?:ext|extension)\.?\s*\d{2,5}\b|\b(?:call|ring|dial|use|try|contact|reach\s+(?:us|me)\s+(?:on|at|via)|via|on|through|at)\s+(?:our|the)\s+(?:support\s+|customer\s+service\s+)?(?:(?:tele)?phone\s+(?:number|line)|hotline|helpline|call\s+cent(?:er|re))\b|\b(?:our|the)\s+(?:support\s+|customer\s+service\s+)?(?:(?:tele)?phone\s+number|hotline|helpline)\s+(?:is|:)|\b(?:by|over\s+the|via|on\s+the)\s+(?:tele)?phone\b|\b(?:tele)?phone\s+support\b|\b(?:hop|jump|get)\s+on\s+a\s+(?:quick\s+)?(?:phone\s+)?call\b|\b(?:should|can|could|shall|may)\s+i\s+(?:call|ring|phone|text)\b|\b(?:on|at|via|call|ring|text|reach\s+me\s+on)\s+my\s+(?:personal\s+|direct\s+|own\s+|work\s+)?(?:mobile|cell|phone|number|line)\b|\bmy\s+(?:personal|direct)\s+(?:mobile|cell|phone|number|line)\b|\b(?:text|sms|call|ring|dial)\s+(?:\S+\s+){0,2}(?:to|on|at)\s+\+?\d[\d\s-]{3,}\d|(?:\b(?:i|we|will|can|could|would|may|shall)|'ll|'d)\s+(?:be\s+happy\s+to\s+)?(?:give\s+you\s+a\s+(?:quick\s+|short\s+|brief\s+)?(?:call|ring|buzz|bell)|call\s+you|phone\s+you|text\s+you|ring\s+you|(?:send|drop|shoot)\s+you\s+(?:a\s+)?(?:quick\s+)?(?:text|sms|whatsapp)(?:\s+message)?)\b/gi,
    what: "a phone call or text",
    strength: 2,
  },
  {
    channel: "chat",
    any: ["chat", "livechat", "webchat"],
    re: /\blive[\s-]?chat\b|\bweb[\s-]?chat\b|\bchat\s+(?:team|agents?|bubble|icon|button)\b|\bchat\s+with\s+(?:us|me|our\s+(?:team|agents?)|an?\s+agent)\b|\b(?:start|open|use)\s+(?:a|the|our)\s+chat\b|\b(?:via|through|on|in)\s+(?:the\s+|our\s+)?chat(?:\s+(?:widget|window|box))?\b|\bchat\s+support\b/gi,
    what: "live chat",
    strength: 2,
  },
  {
    channel: "social",
    any: ["dm", "dms", "pm"],
    re: /\b(?:DM|DMs|PM)\b/g,
    what: "a direct message",
    strength: 2,
  },
  {
    channel: "social",
    any: [
      "dm",
      "pm",
      "inbox",
      "direct",
      "private",
      "dms",
      "socials",
      "social",
      "whatsapp",
      "whats",
      "telegram",
      "viber",
      "wechat",
      "skype",
      "facetime",
      "imessage",
      "snapchat",
      "signal",
      "instagram",
      "insta",
      "facebook",
      "messenger",
      "twitter",
      "tiktok",
      "discord",
    ],
    re: /\b(?:dm|pm|inbox|whats\s?app|telegram|viber|wechat|skype|facetime|imessage|snapchat)\s+(?:us|me|our\s+(?:[\w-]+\s+){0,2}?(?:team|support|agents?|staff|desk|department))\b|\bmy\s+(?:personal\s+|direct\s+|private\s+|own\s+|work\s+)?(?:whats\s?app|telegram|signal|viber|wechat|instagram|insta|facebook|messenger|twitter|snapchat|tiktok|discord|skype)\b|\bour\s+(?:whats\s?app|telegram|signal|viber|wechat)(?:\s+(?:number|account|handle))?(?:\s+is|\s*:)|\bdirect\s+message\b|\bprivate\s+message\b|\bslide\s+into\s+(?:our|my)\s+dms\b|\bour\s+(?:socials|social\s+media(?:\s+(?:pages?|accounts?|channels?))?)\b/gi,
    what: "a direct message",
    strength: 2,
  },
  {
    channel: "social",
    any: [
      "whatsapp",
      "whats",
      "telegram",
      "wechat",
      "viber",
      "instagram",
      "insta",
      "ig",
      "facebook",
      "fb",
      "messenger",
      "twitter",
      "tiktok",
      "snapchat",
      "discord",
      "linkedin",
      "skype",
      "facetime",
      "imessage",
      "slack",
      "kakao",
      "kakaotalk",
      "bluesky",
      "reddit",
      "line",
      "zoom",
      "threads",
      "tweet",
    ],
    gate: AT,
    re: /\b(?:whats\s?app|telegram|wechat|viber|instagram|insta|ig|facebook|fb|messenger|twitter|tiktok|snapchat|discord|linkedin|skype|facetime|imessage|slack|kakao(?:talk)?|bluesky|reddit|line\s+app)\b|\b(?:on|via|over)\s+(?:zoom|threads|ig)\b|\bzoom\s+call\b|\btweet\s+(?:us|me|at\s+us)\b|(?<![\w.@])@[a-z0-9_]{3,}\b(?!\.[a-z])/gi,
    what: "a social or messaging app",
    strength: 2,
    accept: (doc, start) => appWithContactVerb(doc, start),
  },
  {
    // The Signal app, capitalised ("poor signal" is not a channel).
    channel: "social",
    any: ["signal"],
    re: /\bSignal\b/g,
    what: "a social or messaging app",
    strength: 2,
    accept: (doc, start) => appWithContactVerb(doc, start),
  },
];

/** "We'll text you a code", "I'll text you the tracking link": the store notifying, like an email, not a redirect. */
const STORE_NOTICE_AFTER =
  /^\s*(?:(?:a|the|your|an)\s+(?:[\w-]+\s+){0,2}?(?:code|link|pin|otp|notification|confirmation|reminder|update|number|label|slot|time|window|eta|tracking|receipt|invoice|alert|heads-up)\b|(?:when|once|as\s+soon\s+as|before|the\s+day\s+before|the\s+moment)\b)/i;

/** "The courier will call you": a carrier contacting the customer is not the store moving the conversation. */
const THIRD_PARTY_BEFORE =
  /\b(?:courier|driver|carrier|delivery|postman|post\s+office|dhl|ups|fedex|usps|bank|seller|vendor|merchant|brand|manufacturer)\b[^.!?]*$/i;

const CONTACT_VERB =
  /\b(?:message|messaging|dm|pm|contact|reach|write|ping|text|chat|talk|send|hit\s+(?:us|me)\s+up|get\s+in\s+touch|add\s+(?:us|me)|call|speak|continue|conversation|switch|move\s+(?:this|to)|drop\s+(?:us|me)|shoot\s+(?:us|me)|tweet|find\s+(?:us|me)|catch\s+(?:us|me)|video|join|get\s+hold|hold\s+of|available|reachable|contactable|team|agents?|support|reply|respond|answer)\b/i;
/** "Follow us on Instagram for new releases" is marketing, not a support redirect. */
const MARKETING =
  /\b(?:follow|updates|promotions?|news|new\s+(?:arrivals|releases|collections?)|inspiration|giveaways?|deals|offers)\b/i;

/** Each detector's word gate (see `gate`), or null when only its `gate` expression decides. */
const GATED_DETECTORS = DETECTORS.map((d) => {
  if (d.any) return { ...d, words: gate(d.any, [d.gate ? { re: d.re, or: d.gate } : d.re]) };
  if (d.gate) guardedBy(d.gate, [d.re]);
  return { ...d, words: null };
});

function appWithContactVerb(doc: Doc, start: number): boolean {
  const c = clauseAt(doc, start);
  const text = doc.text.slice(c ? c.start : Math.max(0, start - 60), c ? c.end : start + 30);
  return CONTACT_VERB.test(text) && !MARKETING.test(text);
}

export function checkChannel(doc: Doc, policy: BrandPolicy): Flag | undefined {
  const official = policy.officialChannels;
  const cands: Candidate[] = [];
  for (const d of GATED_DETECTORS) {
    if (official.includes(d.channel)) continue;
    if (d.words !== null && !mentions(doc, d.words) && !(d.gate?.test(doc.text) ?? false)) continue;
    if (d.words === null && d.gate && prefiltering() && !d.gate.test(doc.text)) continue;
    d.re.lastIndex = 0;
    for (let m = d.re.exec(doc.text); m; m = d.re.exec(doc.text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (d.accept && !d.accept(doc, start, end)) continue;
      if (negatedInPhrase(doc, start)) continue;
      cands.push({
        strength: d.strength,
        flag: makeFlag(
          "channel.off_platform",
          doc,
          start,
          end,
          `Customers are served only through the official channels: ${official.join(", ") || "none"} (officialChannels)`,
          `Sends the customer to ${d.what} (${d.channel}), which is not an official channel of this store.`,
        ),
      });
    }
  }
  return strongest(cands);
}
