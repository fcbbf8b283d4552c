/**
 * channel.off_platform: sending the customer to a channel outside `officialChannels`.
 *
 * Detected: email addresses and "email us / write to us / our email is"; phone numbers and
 * "call us / text us / our hotline / by phone"; "live chat / chat with us"; DMs and social or
 * messaging apps (WhatsApp, Telegram, WeChat, Instagram, Facebook, Messenger, Twitter/X,
 * TikTok...) named with a contact verb. Each maps to a channel of the domain (email, phone,
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
 */
import type { Channel } from "@caliper/domain";
import type { BrandPolicy } from "../types.ts";
import { type Candidate, makeFlag, strongest } from "./flag.ts";
import { clauseAt, type Doc, negatedInPhrase } from "./text.ts";
import type { Flag } from "./types.ts";

interface Detector {
  readonly channel: Channel;
  readonly re: RegExp;
  readonly what: string;
  readonly strength: number;
  readonly accept?: (doc: Doc, start: number, end: number) => boolean;
}

const EMAIL_ADDRESS = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi;
/** The customer's own address being echoed: "your email address (is|to|at)", "sent it to", "on file". */
const OWN_ADDRESS_BEFORE =
  /\b(?:your\s+(?:e-?mail|inbox|address|account|login)|(?:sent|emailed|forwarded|changed|updated|set)\s+(?:it\s+|them\s+|this\s+|the\s+\w+\s+)?to|registered|on\s+file|we\s+have)\b[^.!?;@]{0,30}$/i;

const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{1,5}(?:[\s.-]\d{2,6}){1,4}\b/g;
const PHONE_REFERENCE_BEFORE =
  /\b(?:order|tracking|reference|ref|invoice|ticket|case|account|card|item|sku|model|#|no\.?|number)\s*(?:number|no\.?|#|id)?\s*(?:is|:)?\s*$/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;
const CONTACT_WORD_BEFORE =
  /\b(?:call|phone|ring|text|sms|whats\s?app|tel|telephone|hotline|helpline|dial|mobile|cell|number|line)\b/i;

const DETECTORS: readonly Detector[] = [
  {
    channel: "email",
    re: EMAIL_ADDRESS,
    what: "an email address",
    strength: 3,
    accept: (doc, start) => !OWN_ADDRESS_BEFORE.test(doc.text.slice(Math.max(0, start - 40), start)),
  },
  {
    channel: "email",
    re: /\b(?:e-?mail|write\s+to|drop)\s+(?:us|me|our\s+(?:team|support(?:\s+team)?|agents?)|support|the\s+team)\b|\bsend\s+(?:us|me)\s+an?\s+e-?mail\b|\b(?:contact|reach|message|write\s+to)\s+(?:us|me|our\s+team|support)\s+(?:by|via|through|over|on)\s+e-?mail\b|\bour\s+(?:support\s+|customer\s+service\s+)?e-?mail(?:\s+address)?\s+(?:is|:)/gi,
    what: "email",
    strength: 2,
  },
  {
    channel: "phone",
    re: PHONE,
    what: "a phone number",
    strength: 3,
    accept: (doc, start, end) => {
      const raw = doc.text.slice(start, end);
      const digits = raw.replace(/\D/g, "").length;
      if (digits < 7 || digits > 15 || DATE_LIKE.test(raw)) return false;
      const before = doc.text.slice(Math.max(0, start - 30), start);
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
    accept: (doc, start) => !THIRD_PARTY_BEFORE.test(doc.text.slice(Math.max(0, start - 40), start)),
    re: /\b(?:call|phone|ring|text|sms|dial)\s+(?:us|me|our\s+(?:team|support|hotline|helpline|office|store|line))\b|\bgive\s+(?:us|me)\s+a\s+(?:call|ring|buzz)\b|\b(?:call|ring|dial|use|try|contact|reach\s+(?:us|me)\s+(?:on|at|via)|via|on|through|at)\s+(?:our|the)\s+(?:support\s+|customer\s+service\s+)?(?:(?:tele)?phone\s+(?:number|line)|hotline|helpline|call\s+cent(?:er|re))\b|\b(?:our|the)\s+(?:support\s+|customer\s+service\s+)?(?:(?:tele)?phone\s+number|hotline|helpline)\s+(?:is|:)|\b(?:by|over\s+the|via|on\s+the)\s+(?:tele)?phone\b|\b(?:tele)?phone\s+support\b|\b(?:hop|jump|get)\s+on\s+a\s+(?:quick\s+)?(?:phone\s+)?call\b|\b(?:should|can|could|shall|may)\s+i\s+(?:call|ring|phone|text)\b|\b(?:on|at|via|call|ring|text|reach\s+me\s+on)\s+my\s+(?:personal\s+|direct\s+|own\s+|work\s+)?(?:mobile|cell|phone|number|line)\b|\bmy\s+(?:personal|direct)\s+(?:mobile|cell|phone|number|line)\b|\b(?:text|sms|call|ring|dial)\s+(?:\S+\s+){0,2}(?:to|on|at)\s+\+?\d[\d\s-]{3,}\d|(?:\b(?:i|we|will|can|could|would|may|shall)|'ll|'d)\s+(?:be\s+happy\s+to\s+)?(?:give\s+you\s+a\s+(?:call|ring)|call\s+you|phone\s+you|text\s+you|ring\s+you)\b/gi,
    what: "a phone call or text",
    strength: 2,
  },
  {
    channel: "chat",
    re: /\blive[\s-]?chat\b|\bchat\s+with\s+(?:us|me|our\s+(?:team|agents?)|an?\s+agent)\b|\b(?:start|open|use)\s+(?:a|the|our)\s+chat\b|\b(?:via|through|on|in)\s+(?:the\s+|our\s+)?chat(?:\s+(?:widget|window|box))?\b|\bchat\s+support\b/gi,
    what: "live chat",
    strength: 2,
  },
  {
    channel: "social",
    re: /\b(?:DM|DMs)\b|\bdm\s+(?:us|me)\b|\bdirect\s+message\b|\bprivate\s+message\b/g,
    what: "a direct message",
    strength: 2,
  },
  {
    channel: "social",
    re: /\b(?:whats\s?app|telegram|wechat|viber|instagram|insta|facebook|fb|messenger|twitter|tiktok|snapchat|discord|linkedin)\b/gi,
    what: "a social or messaging app",
    strength: 2,
    accept: (doc, start) => {
      const c = clauseAt(doc, start);
      const text = doc.text.slice(c ? c.start : Math.max(0, start - 60), c ? c.end : start + 30);
      return CONTACT_VERB.test(text) && !MARKETING.test(text);
    },
  },
];

/** "The courier will call you": a carrier contacting the customer is not the store moving the conversation. */
const THIRD_PARTY_BEFORE =
  /\b(?:courier|driver|carrier|delivery|postman|post\s+office|dhl|ups|fedex|usps|bank)\b[^.!?]*$/i;

const CONTACT_VERB =
  /\b(?:message|messaging|dm|pm|contact|reach|write|ping|text|chat|talk|send|hit\s+us\s+up|get\s+in\s+touch|add\s+(?:us|me)|call|speak|continue|conversation|switch|move\s+(?:this|to))\b/i;
/** "Follow us on Instagram for new releases" is marketing, not a support redirect. */
const MARKETING =
  /\b(?:follow|updates|promotions?|news|new\s+(?:arrivals|releases|collections?)|inspiration|giveaways?|deals|offers)\b/i;

/** Words that announce the official channel are never a redirect by themselves. */
const TRIGGER =
  /@|\d{3}|mail|call|phone|ring|text|sms|dial|chat|dm|pm|message|whats|telegram|wechat|viber|insta|face|fb|messenger|twitter|tiktok|snap|discord|linkedin|hotline|helpline/i;

export function checkChannel(doc: Doc, policy: BrandPolicy): Flag | undefined {
  if (!TRIGGER.test(doc.text)) return undefined;
  const official = policy.officialChannels;
  const cands: Candidate[] = [];
  for (const d of DETECTORS) {
    if (official.includes(d.channel)) continue;
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
