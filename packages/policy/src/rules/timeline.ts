/**
 * promise.refund_timeline, promise.delivery_timeline (dispatch and delivery clocks) and
 * promise.return_window.
 *
 * Each time expression (time.ts) is attached to the topic words nearest to it in its
 * sentence: refund (refund, reimburse, money back, credited, on your statement), dispatch
 * (ship, dispatch, send out, go out, prepare, orders), delivery (deliver, arrive, with you,
 * at your door, transit, "receive your order"), return (return, send it back) and "other"
 * subjects that carry times of their own (reply, follow up, update you, escalate, call,
 * warranty, code, link, "the window closes", "reaches us"). Distance is counted in
 * characters; topic words in another clause, after the expression, or weak (orders,
 * shipping, parcel, courier) cost more, and a topic word that only anchors the start of
 * the period ("60 days *of delivery*", "5-10 days *after we receive your return*") is
 * ignored. Pronoun-like words take the topic named before them: "arrive", "reach you",
 * "be with you" are a delivery unless a refund was named last ("your refund ... will arrive
 * in 2 days"); "receive it", "see it", "get it" are a refund after a refund or a return,
 * a delivery after anything else, and the ticket category's topic when no topic was named
 * (`fallbackTopic`). A sentence about "it" with no topic of its own continues the previous
 * sentence's topic.
 *
 * Structure: asides between a subject and its time ("your refund — which goes back to your
 * card — will take 48 hours", "(order EW-1234, $129)") do not count towards the distance; a
 * clause with no subject of its own ("... has been approved and will be paid within 48 hours")
 * shares the subject of the clause before; a verb whose subject is the money ("the
 * reimbursement goes out same day", "refunds reach customers within a day", "your money will be
 * returned in 30 days") is about the refund; an object of an "other" verb ("I'll chase the
 * refund tomorrow", "an update on your refund by Wednesday", "your refund query") is not the
 * topic; "no refunds after 60 days" and "returns must reach us within 21 days" state the window.
 *
 * An expression does not count when it is negated or hedged in its clause or since the last
 * "but" ("I can't promise 2 days", "I can't guarantee it'll arrive before Friday"), conditional
 * ("if it hasn't arrived within 12 days"), in a question, in the past ("was refunded in 2 days",
 * "3 days ago", "shipped this morning", "they arrived safe and sound this morning"), relative
 * ("delayed by 2 days"), the time of the order ("orders placed today"), a request passed on to
 * someone else ("I've asked the seller to ship today"), carrier news ("Royal Mail says
 * tomorrow", "according to the courier", "cleared customs", "will try again tomorrow"), a
 * bank's or PayPal's processing time, a paid option ("next-day delivery for $12") or a slot
 * length ("a one-hour delivery window"). "Another 2 weeks" / "won't ship for another 2 weeks"
 * promise at least that long. For returns, what is left of the window ("within the next 10
 * days", "20 days left") is not the window, and a condition can state it ("as long as it's
 * within 45 days").
 */
import type { Category } from "@caliper/domain";
import { formatDuration } from "../duration.ts";
import type { BrandPolicy, ClockName, ClockPolicy } from "../types.ts";
import { type Candidate, makeFlag, strongest } from "./flag.ts";
import {
  clauseAt,
  clauseIndexAt,
  conditionalAt,
  type Doc,
  type GateWord,
  hasFutureMarker,
  gate,
  hasNegation,
  isPastClause,
  mentions,
  type Span,
  sentenceAt,
} from "./text.ts";
import { assess, exprDays, policyDays, type TimeExpr } from "./time.ts";
import type { Flag } from "./types.ts";

export type Topic = "refund" | "dispatch" | "delivery" | "return" | "other";

interface Keyword {
  readonly start: number;
  readonly end: number;
  /** Index of its clause in `doc.clauses` (see clauseIndexAt), computed once. */
  readonly clause: number;
  readonly topic: Topic;
  readonly weak: boolean;
  readonly pronoun: boolean;
}

interface KeywordPattern {
  readonly topic: Topic;
  /** Every match contains one of these words (see `mentions`); null: always run. */
  readonly any: readonly GateWord[] | null;
  readonly weak: boolean;
  readonly pronoun: boolean;
  readonly re: RegExp;
}

const GOODS =
  "orders?|packages?|parcels?|shipment|items?|glasses|specs|spectacles|frames?|lenses|contacts|sunglasses|shades|jewel(?:le)?ry|rings?|necklaces?|bracelets?|bangles?|earrings?|pendants?|chains?|brooch|anklets?|charms?|watch|piece|pieces|products?|purchases?|replacement|goods|serums?|creams?|moisturi[sz]er|cleanser|toner|lotion|oil|balm|mask|lipstick|palette|skincare|makeup|lamp|earbuds|mat|bottle|boots|kit|set|bundle|gift|box|stuff|things|delivery";

const GOODS_ALL = new RegExp(`\\b(?:${GOODS})\\b`, "gi");

const PATTERNS: readonly KeywordPattern[] = [
  {
    topic: "refund",
    any: [
      "refund",
      "refunds",
      "refunded",
      "refunding",
      // `reimburs\w*`: any word that starts with "reimburs" (see `gate`), "reimbursable" or a typo glued on too.
      "reimburs*",
      "money",
      "credit",
      "credits",
      "credited",
      "chargeback",
      "chargebacks",
      "reversal",
      "card",
      "account",
      "bank",
      "cent",
      "penny",
      "funds",
      "cash",
      "pay",
      "paying",
      "paid",
      "payout",
      "amount",
      "statement",
      "paypal",
      "wallet",
      "visa",
      "mastercard",
      "amex",
      "debit",
      "original",
    ],
    weak: false,
    pronoun: false,
    re: /\b(?:refund\s+(?:eta|turnaround|timeline|time\s*frame|timescale|processing\s+time)|refund(?:s|ed|ing)?|reimburs\w*|money(?:\s+will\s+be)?\s+back|store\s+credit|credit(?:s|ed)?(?!\s+card)|chargebacks?|reversal|back\s+(?:on|to|in|into)\s+your\s+(?:card|account|bank)|reach(?:es)?\s+your\s+(?:card|bank|account)|every\s+(?:cent|penny)|(?:your|the)\s+(?:money|funds|cash)|funds|pay(?:ing)?\s+you\s+back|paid\s+back|payout|credit\s+note|(?:hit|hits|land|lands|be|go|goes|come|comes|sent|paid|returned|deposited|arrive|arrives|released|transferred|credited|refunded|issued|going|coming)\s+(?:back\s+)?(?:in|into|on|to)\s+your\s+(?:bank(?:\s+account)?|account|card|statement|paypal|wallet|visa|mastercard|amex|(?:debit|credit)\s+card|original\s+payment(?:\s+method)?)|(?:the\s+)?full\s+amount|(?:appear|show|post|reflect)(?:s|ed)?(?:\s+up)?\s+(?:on|in)\s+your\s+(?:card|account|bank|statement)|statement)\b/gi,
  },
  {
    topic: "dispatch",
    any: [
      "ship",
      "ships",
      "shipped",
      "dispatch",
      "dispatches",
      "dispatched",
      "dispatching",
      "despatch",
      "despatches",
      "despatched",
      "despatching",
      "post",
      "posts",
      "posted",
      "mail",
      "mails",
      "mailed",
      "out",
      "leave",
      "leaves",
      "pack",
      "packed",
      "ready",
      "processing",
      "handling",
      "lead",
      "production",
      "made",
      "prepare",
      "prepared",
      "preparing",
      "preparation",
      "hand",
      "handed",
    ],
    weak: false,
    pronoun: false,
    re: /\b(?:ship(?:s|ped)?|(?:dispatch|despatch)(?:es|ed|ing)?|(?:post|mail)(?:s|ed)?\s+(?:(?:it|them|this|that|your\s+\w+)\s+)?out|leaves?\s+us|(?:sen[dt]|get|gets|got)\s+(?:(?:it|them|this|that|your\s+\w+)\s+)?out|go(?:es)?\s+out|went\s+out|leaves?\s+(?:our|the)\s+(?:warehouse|facility|studio|workshop|lab)|out\s+the\s+door|pack(?:ed)?|ready\s+to\s+ship|processing\s+time|handling\s+time|lead\s+times?|production\s+times?|made\s+to\s+order|prepar(?:e|ed|ing|ation)|hand(?:ed)?\s+(?:it\s+|them\s+)?(?:over\s+)?to\s+the\s+(?:courier|carrier))\b/gi,
  },
  {
    topic: "dispatch",
    weak: true,
    pronoun: false,
    any: ["order", "orders", "engraved", "engraving"],
    re: /\b(?:orders?|engraved|engraving)\b/gi,
  },
  // A bare "window" / "period" is usually the return window ("past our 60-day window"), but weakly.
  {
    topic: "return",
    weak: true,
    pronoun: false,
    any: ["window", "period", "countdown"],
    re: /\b(?:window|period|countdown)\b/gi,
  },
  {
    topic: "delivery",
    any: [
      "delivery",
      "deliver",
      "delivers",
      "delivered",
      "delivering",
      "deliveries",
      "reach",
      "reaches",
      "door",
      "doorstep",
      "address",
      "home",
      "hands",
      "transit",
      "shipping",
      "eta",
      "turnaround",
      "receive",
      "get",
      "have",
      "land",
      "lands",
      "landing",
      "send",
      "bring",
      "courier",
      "post",
      "mail",
      "ship",
    ],
    weak: false,
    pronoun: false,
    re: new RegExp(
      `\\b(?:delivery\\s+window|deliver(?:y|ies|ed|s|ing)?|reach(?:es)?\\s+(?:customers|the\\s+customer|your\\s+(?:door|home|address|${GOODS}))|at\\s+your\\s+(?:door(?:step)?|address|home)|on\\s+your\\s+doorstep|in\\s+your\\s+hands|in\\s+transit|transit(?:\\s+times?)?|shipping\\s+(?:times?|takes|will\\s+take|usually\\s+takes|normally\\s+takes|typically\\s+takes|is)|eta|turnaround|(?<!\\bwe\\s|\\bwe've\\s|\\bus\\s)(?:receive|get|have)\\s+(?:your|the|their|my|his|her|our)\\s+(?:new\\s+)?(?:${GOODS})(?!\\s+back)|land(?:s|ing)?\\s+(?:on|at)\\s+your\\s+(?:door(?:step|mat)?|porch|address|house|home)|(?:get|send|bring|courier|post|mail|ship|deliver)\\s+(?:your\\s+(?:${GOODS})|it|them)\\s+(?:out\\s+)?to\\s+you)\\b`,
      "gi",
    ),
  },
  {
    topic: "delivery",
    any: ["shipping", "shipment", "parcel", "package", "courier", "carrier", "express"],
    weak: true,
    pronoun: false,
    re: /\b(?:shipping|shipment|parcel|package|courier|carrier|express)\b/gi,
  },
  {
    // Pronoun-like: "which will reach you", "it'll be with you" take the topic named before them (default: delivery).
    topic: "delivery",
    any: [
      "there",
      "you",
      "arrive",
      "arrives",
      "arrived",
      "arrival",
      "arriving",
      "expect",
      "turn",
      "turns",
      "turning",
      "show",
      "shows",
      "showing",
    ],
    weak: false,
    pronoun: true,
    re: /\b(?:(?:get|gets|be|reach(?:es)?)\s+(?:there|to\s+you)|reach(?:es)?\s+you|with\s+you|arriv(?:e|es|ed|al|ing)|expect\s+(?:it|them)|(?:turn|show)(?:s|ing)?\s+up)\b/gi,
  },
  {
    // "receive it", "you'll see it": only meaningful after a named topic (default: none).
    topic: "other",
    any: ["receive", "get", "have", "see"],
    weak: false,
    pronoun: true,
    re: /\b(?:receive|get|have|see)\s+(?:it|them)\b/gi,
  },
  {
    topic: "return",
    any: [
      "return",
      "returns",
      "returned",
      "returning",
      "back",
      "change",
      "guarantee",
      "refund",
      "refunds",
      "exchange",
      "exchanges",
      "must",
      "need",
      "needs",
      "have",
      "has",
      "should",
    ],
    weak: false,
    pronoun: false,
    re: /\b(?:(?:must|need\s+to|needs\s+to|have\s+to|has\s+to|should)\s+(?:reach\s+us|arrive\s+(?:back\s+)?(?:with|at|to)\s+us|get\s+back\s+to\s+us|be\s+(?:received|returned|sent\s+back|posted\s+back)(?:\s+(?:to|with|by)\s+us)?|be\s+back\s+(?:with|to)\s+us)|no\s+(?:refunds?|returns?|exchanges?)(?:\s+(?:are|will\s+be|can\s+be)\s+(?:given|issued|accepted|possible|available|made))?\s+(?:after|beyond|past|outside(?:\s+of)?)|return(?:s|ed|ing)?|(?:send|ship|post|mail|bring|take|accept)\s+(?:[\w']+\s+){0,2}back|(?:go|goes|come|comes|be\s+sent)\s+back(?!\s+(?:to|on|into|in)\s+(?:your|the|stock)\b)|sen[dt]\s+back|money[- ]back\s+guarantee|return\s+(?:window|period)|change\s+your\s+mind)\b/gi,
  },
  {
    topic: "other",
    any: null,
    weak: false,
    pronoun: false,
    re: /\b(?:(?:an?\s+|the\s+|any\s+|some\s+)?(?:update|news|answer|reply|response|word|decision|feedback)\s+(?:on|about|regarding|re|for)\s+(?:your|the|this)\s+(?:\w+\s+)?(?:refund|order|parcel|package|delivery|return|shipment|claim|case)\w*|(?:chas(?:e|ing)|check(?:ing)?(?:\s+(?:on|in\s+on|up\s+on))?|follow(?:ing)?\s+up(?:\s+on)?|look(?:ing)?\s+into|escalat(?:e|ing)|investigat(?:e|ing)|quer(?:y|ying)|trac(?:e|ing)|ask(?:ing)?\s+(?:\w+\s+)?about|updat(?:e|ing)\s+you\s+on|confirm(?:ing)?)\s+(?:the|your|this|that)\s+(?:\w+\s+)?(?:refund|order|parcel|package|delivery|shipment|return)s?\b|repl(?:y|ies|ied)|respon(?:d|se|ses)|follow(?:ing)?[- ]?up|update(?:s|d)?|get\s+back\s+to|(?:be|come|circle|report|write|revert)(?:ing)?\s+back\s+to\s+you|hear\s+(?:back\s+)?from|contact\s+you|reach\s+out|let\s+you\s+know|touch\s+base|keep\s+you|check(?:ing)?\s+(?:in|back)|investigat\w*|look(?:ing)?\s+into|escalat\w*|chas(?:e|ing)|confirm\w*|review\w*|call(?:s|ed)?|email\s+you|message\s+you|warrant(?:y|ies)|guarantee\s+period|in\s+stock|restock\w*|back\s+in\s+stock|code|link|expir\w*|valid|trial|subscription|return\s+(?:shipping|label|postage|address)|(?:arriv\w*|reach\w*|get|gets|back)\s+(?:back\s+)?(?:to\s+|at\s+|with\s+)?(?:us|our\s+(?:warehouse|facility|returns?\s+(?:centre|center|team)))|window\s+(?:closes|ends|expires)|returns?\s+(?:parcel\s+|package\s+)?to\s+(?:reach|arrive(?:\s+at)?|get\s+(?:back\s+)?to)\b|closes|ends|left|remaining|customs(?:\s+clearance)?|clear(?:s|ed|ing)?\s+customs|holds?|inspect(?:s|ed|ing|ion|ions)?|quality\s+(?:check|control)s?|assess(?:es|ed|ing|ment)?|(?:return|refund|exchange)\s+(?:request|application|claim|case|ticket|form)s?(?!\s+(?:must|should|need|needs|have\s+to|has\s+to|can|may|are|is)\s+(?:only\s+)?(?:be\s+)?(?:made|submitted|raised|opened|logged|filed|started|placed|received|accepted|sent))|(?:(?:some|most|many|the|your|their)\s+)?(?:banks?|card\s+(?:issuers?|providers?|compan(?:y|ies))|issuing\s+banks?|payment\s+providers?|paypal)\s+(?:can|may|might|could|sometimes|usually|normally|typically|often|generally|will|need|needs|take|takes|then|post|posts|show|shows|display|displays|process|processes|clear|clears|release|releases|credit|credits|reflect|reflects)\b|revert(?:ing)?(?:\s+back)?|(?:refund|return|order|delivery|exchange)\s+(?:query|queries|question|questions|enquiry|enquiries|inquiry|inquiries|complaint)s?|for\s+(?:your\s+|the\s+)?(?:banks?|paypal|card\s+(?:issuers?|providers?|compan(?:y|ies))|issuers?|payment\s+providers?|providers?)\s+to\b)\b/gi,
  },
];

/**
 * What "it" means when a message names nothing else ("You'll have it by Monday."): the ticket's category.
 * Shipping and order tickets are about the parcel, return and refund tickets about the money.
 */
export function fallbackTopic(category: Category | undefined): Topic {
  switch (category) {
    case "shipping":
    case "order":
    case "pre_sales":
      return "delivery";
    case "return_refund":
      return "refund";
    default:
      return "other";
  }
}

const GATED_PATTERNS = PATTERNS.map((p) => ({ ...p, gate: p.any === null ? null : gate(p.any, [p.re]) }));

function findKeywords(doc: Doc, fallback: Topic = "other"): Keyword[] {
  const text = doc.text;
  const found: Keyword[] = [];
  for (const p of GATED_PATTERNS) {
    if (p.gate !== null && !mentions(doc, p.gate)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text))
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        clause: 0,
        topic: p.topic,
        weak: p.weak,
        pronoun: p.pronoun,
      });
  }
  // A keyword inside a longer one ("return" in "return shipping", "arrive" in "arrives at our warehouse") is dropped.
  found.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: Keyword[] = [];
  for (const k of found)
    if (!kept.some((o) => o.start <= k.start && k.end <= o.end))
      kept.push({ ...k, clause: clauseIndexAt(doc, k.start) });
  kept.sort((a, b) => a.start - b.start);
  // Where goods are named ("frames", "parcel"...), found once.
  let goods: number[] | undefined;
  const goodsBetween = (from: number, to: number): boolean => {
    if (!goods) {
      goods = [];
      GOODS_ALL.lastIndex = 0;
      for (let m = GOODS_ALL.exec(text); m; m = GOODS_ALL.exec(text)) goods.push(m.index);
    }
    return goods.some((g) => g >= from && g < to);
  };
  // Pronouns ("receive it") take the topic last named before them: a refund (or a return), else a delivery.
  return kept.map((k) => {
    // "the reimbursement goes out same day": a dispatch verb whose subject is the refund.
    // "Your money will be returned in 30 days": "returned" whose subject is the money is the refund.
    if (k.topic === "return" && !k.weak && /^return(?:ed|s)?$/i.test(text.slice(k.start, k.end))) {
      const subject = kept.find((o) => o.topic === "refund" && o.end <= k.start && o.end >= k.start - 25);
      if (subject && !/[.!?;,]|\b(?:you|we|i|they)\b/i.test(text.slice(subject.end, k.start)))
        return { ...k, topic: "refund" as const };
    }
    // "Refunds normally reach customers within a day": a dispatch or delivery verb whose subject is the refund.
    if ((k.topic === "dispatch" || k.topic === "delivery") && !k.weak && REFUND_VERB.test(text.slice(k.start, k.end))) {
      const subject = kept.find((o) => o.topic === "refund" && o.end <= k.start && o.end >= k.start - 30);
      if (subject && !/[.!?;,]/.test(text.slice(subject.end, k.start)) && !goodsBetween(subject.end, k.start))
        return { ...k, topic: "refund" as const };
    }
    if (!k.pronoun) return k;
    let prev: Keyword | undefined;
    for (const o of kept) if (o.end <= k.start && !o.pronoun && o.topic !== "other") prev = o;
    // Goods named since that topic ("... and the frames will reach you") make it a delivery.
    const goodsSince = goodsBetween(prev ? prev.end : 0, k.start);
    const refundBefore = prev !== undefined && !goodsSince && prev.topic === "refund";
    if (k.topic === "delivery") return { ...k, topic: refundBefore ? "refund" : "delivery" };
    // "get it back after you return it": the money.
    const topic: Topic =
      refundBefore || (prev?.topic === "return" && !goodsSince) ? "refund" : prev || goodsSince ? "delivery" : fallback;
    return { ...k, topic };
  });
}

const REFUND_VERB =
  /^(?:go(?:es)?\s+out|went\s+out|sen[dt]\s+out|gets?\s+(?:\w+\s+)?out|leaves?|sent|reach(?:es)?\s+(?:customers|the\s+customer|you)|arriv|lands?\b|with\s+you|be\s+with)/i;

// The text between an expression and a later keyword makes the keyword the start of the period
// ("60 days of delivery"); "before"/"until" point at the end of the period, which is the topic.
const ANCHOR =
  /(?:\b(?:of|from|after|since|following|once|upon|when)\b|\b(?:on\s+)?the\s+day\b)(?:\s+(?!to\b|and\b|then\b)[\w']+){0,4}\s*$/i;
const SENTENCE_BREAK = /[.!?;]/;

const MAX_SCORE = 90;

/**
 * Asides that separate a subject from its verb: "(order EW-1234, $129)", "— which goes back to your card —",
 * ", which we've approved,". A keyword and a time expression on either side of them are as close as the text
 * without them; a keyword inside one is weaker for an expression outside it.
 */
const PARENTHETICAL =
  /\([^()]*\)|\s[—–]\s?[^—–.!?]*?\s?[—–](?=\s)|\s-\s[^.!?]*?\s-(?=\s)|,\s*(?:which|who)\b[^,.;!?]*,/g;
const GAP_BREAK =
  /[,;:()]|\s[–—-]\s|\b(?:and|but|so|or|while|whereas|although|though|however|because|which|then|plus|otherwise|unless|if|once|when|after|before|since|until)\b/i;

export function findParentheticals(text: string): Span[] {
  const out: Span[] = [];
  PARENTHETICAL.lastIndex = 0;
  for (let m = PARENTHETICAL.exec(text); m; m = PARENTHETICAL.exec(text))
    out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const inSpan = (spans: readonly Span[], pos: number): Span | undefined =>
  spans.find((s) => pos >= s.start && pos < s.end);

function topicOf(
  doc: Doc,
  keywords: readonly Keyword[],
  t: { start: number; end: number; named?: boolean },
  asides: readonly Span[] = [],
  out?: { weak: boolean },
): Topic | null {
  const sentence = sentenceAt(doc, t.start);
  if (!sentence) return null;
  const tClause = clauseIndexAt(doc, t.start);
  const tAside = inSpan(asides, t.start);
  // "Your refund has been approved and will be paid within 48 hours": a clause with no subject of its own
  // shares the previous clause's.
  const tc = Number.isInteger(tClause) ? doc.clauses[tClause] : undefined;
  const pc = doc.clauses[tClause - 1];
  const sharedClause =
    tc !== undefined &&
    pc !== undefined &&
    pc.start >= sentence.start &&
    !SUBORDINATE_LEAD.has(pc.lead) &&
    CONTINUATION.test(doc.text.slice(tc.start, tc.end))
      ? tClause - 1
      : Number.NaN;
  // Its subject: the first topic word of that clause, if it comes early.
  const subject = Number.isNaN(sharedClause)
    ? undefined
    : keywords.find((k) => pc !== undefined && k.start >= pc.start && k.start < pc.end);
  let best: Topic | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const k of keywords) {
    if (k.end <= sentence.start || k.start >= sentence.end) continue;
    // "immediately", "today": too vague to hang on a weak word like "order".
    if (k.weak && t.named) continue;
    const before = k.end <= t.start;
    const after = k.start >= t.end;
    let score = before ? t.start - k.end : after ? k.start - t.end + 5 : 0;
    if (k.weak) score += 25;
    const gapFrom = before ? k.end : t.end;
    const gapTo = before ? t.start : k.start;
    let skipped = 0;
    let stripped = "";
    if (before || after) {
      let at = gapFrom;
      for (const a of asides)
        if (a.start >= gapFrom && a.end <= gapTo) {
          stripped += doc.text.slice(at, a.start);
          skipped += a.end - a.start;
          at = a.end;
        }
      stripped += doc.text.slice(at, gapTo);
    }
    if (skipped > 0) {
      score -= skipped;
      if (GAP_BREAK.test(stripped)) score += 40;
    } else {
      const kClause = k.clause;
      const shared = k === subject && pc !== undefined && k.start - pc.start <= 16;
      if (kClause !== tClause && !shared) score += 40;
    }
    const kAside = inSpan(asides, k.start);
    if (kAside && kAside !== tAside) score += 30;
    if (after) {
      const between = doc.text.slice(t.end, k.start);
      if (ANCHOR.test(between) && !SENTENCE_BREAK.test(between)) score += 200;
    }
    if (score < bestScore) {
      bestScore = score;
      best = k.topic;
      if (out) out.weak = k.weak;
    }
  }
  if (bestScore <= MAX_SCORE) return best;
  if (out) out.weak = false;
  // "Your refund has been approved. It will be in your account within 48 hours.": a sentence about "it" with no
  // topic of its own continues the previous sentence's last topic.
  if (best === null && PRONOUN_SUBJECT.test(doc.text.slice(sentence.start, t.start))) {
    const prev = doc.sentences[doc.sentences.indexOf(sentence) - 1];
    if (prev) {
      let last: Keyword | undefined;
      for (const k of keywords)
        if (k.start >= prev.start && k.end <= prev.end && !k.weak && k.topic !== "other") last = k;
      if (last) return last.topic;
    }
  }
  return null;
}

const PRONOUN_SUBJECT = /^\s*(?:\w+\s+){0,2}(?:it|they|this|that|these)(?:'ll|'s)?\b/i;

// Prefixes: HEDGE has no word boundary after "promise" or "guarantee" ("can't guaranteedwd" is hedged too).
const HEDGE =
  /\b(?:can't|cannot|can\s+not|unable\s+to|won't|not\s+able\s+to)\s+(?:\w+\s+)?(?:promise|guarantee)|\bno\s+guarantee|\bnot\s+guaranteed\b/i;
const HEDGE_GATE = gate(["promise*", "guarantee*"], [HEDGE]);

/**
 * A status update from tracking or the carrier: "out for delivery, arrives today", "it cleared customs and you
 * should have it by Thursday", "the courier has promised Friday" is news, not a promise about the clock.
 */
const TRACKING =
  /\b(?:out\s+for\s+delivery|tracking\s+(?:says|shows|confirms|indicates|page\s+says)|(?:local|delivery)\s+(?:depot|office)|sorting\s+(?:centre|center|facility|office|hub)|in\s+your\s+(?:area|town|city|country)|on\s+the\s+(?:van|truck|lorry)|last[- ]mile|with\s+your\s+local\s+(?:courier|post\s+office|carrier)|according\s+to\s+(?:the\s+)?(?:courier|carrier|tracking|driver|dhl|ups|fedex|usps|royal\s+mail|post\s+office)|(?:informed|told|advised|notified|warned)\s+(?:us\s+)?by\s+(?:the\s+)?(?:courier|carrier|driver|dhl|ups|fedex|usps|royal\s+mail|post\s+office)|cleared\s+customs|attempted\s+(?:a\s+)?delivery|delivery\s+attempt|re-?attempt|try\s+again|redeliver\w*|(?:another|second|next)\s+(?:delivery\s+)?attempt|(?:through|past)\s+customs|(?:arrived|landed)\s+in\s+(?:the\s+)?(?:us|usa|uk|eu|states|country)|(?:courier|carrier|driver|tracking|dhl|ups|fedex|usps|royal\s+mail|evri|dpd|gls|post\s+office|australia\s+post|canada\s+post|la\s+poste|postnl|aramex|purolator|yodel|hermes|tnt|ontrac|parcelforce|postal\s+service)\b[^.!?]{0,50}\b(?:says?|said|promised|confirm(?:s|ed)|told\s+(?:me|us)|estimat(?:es?|ed)|shows?|showing|indicat(?:es?|ed)|expect(?:s|ed)|predict(?:s|ed)|quoted?))\b/i;

/** "Orders placed today", "if you order before 2pm tomorrow": the time of the order, not of the service. */
const ORDER_TIME_BEFORE =
  /\b(?:placed|ordered|purchased|bought|submitted|order|orders)\s+(?:(?:before|by|after|on|from|until|till)\s+(?:noon|midday|midnight|\d{1,2}(?::\d{2})?\s*(?:am|pm)?|\w+day|today|tomorrow|tonight)\s+)?$/i;
const ASKED_TO_BEFORE =
  /\b(?:asked|told|reminded|urged|requested|instructed|pushed|nudged|chased|pressed)\s+(?:them|him|her|the\s+[\w-]+|our\s+[\w-]+|[\w-]+)\s+to\s+(?:[\w']+\s+){0,4}$/i;
/** "won't ship for another 2 weeks", "isn't dispatched until next week": at least that long. */
const NOT_UNTIL =
  /(?:\b(?:not|never)|n't)\s+(?:be\s+)?(?:[\w']+\s+){0,3}?(?:for|until|till|before)\s+(?:another\s+|at\s+least\s+|a\s+further\s+|an?\s+(?:other|extra)\s+|the\s+next\s+)?$/i;
const SUBORDINATE_LEAD = new Set([
  "before",
  "after",
  "until",
  "once",
  "when",
  "if",
  "unless",
  "since",
  "because",
  "so",
  "which",
  "while",
  "as soon as",
]);
/** A clause that goes on from the previous one without a subject of its own: "... and sound this morning". */
const CONTINUATION =
  /^\s*(?:and|or|then|plus)\s+(?!(?:we|you|it|they|i|he|she|this|that|these|those|your|our|the|its|their)\b|\w+'(?:ll|s|re|ve|d)\b)/i;

/**
 * The promise an expression makes, or null when it is not one (negated, hedged, conditional, asked, past,
 * relative, the time of the order). "Another 2 weeks" / "won't ship for 2 weeks" promise at least that long.
 */
function promiseOf(doc: Doc, t: TimeExpr, keywords: readonly Keyword[]): TimeExpr | null {
  if (t.relative && !t.remaining) return null;
  if (sentenceAt(doc, t.start)?.question) return null;
  const c = clauseAt(doc, t.start);
  if (!c) return null;
  const clauseText = doc.text.slice(c.start, c.end);
  const before = doc.text.slice(c.start, t.start);
  if (ORDER_TIME_BEFORE.test(doc.text.slice(Math.max(0, t.start - 30), t.start))) return null;
  // "I've asked the seller to ship today": a request passed on to someone else, not a promise.
  if (ASKED_TO_BEFORE.test(doc.text.slice(Math.max(c.start, t.start - 60), t.start))) return null;
  const notUntil = NOT_UNTIL.test(before);
  if (!notUntil && hasNegation(before)) return null;
  if (mentions(doc, HEDGE_GATE) && (HEDGE.test(clauseText) || HEDGE.test(sinceContrast(doc, t.start)))) return null;
  if (conditionalAt(doc, t.start)) return null;
  if (isPastClause(clauseText)) return null;
  if (
    CONTINUATION.test(clauseText) &&
    !hasFutureMarker(clauseText) &&
    !keywords.some((k) => !k.weak && k.start >= c.start && k.end <= c.end)
  ) {
    const i = doc.clauses.indexOf(c);
    const prev = i > 0 ? doc.clauses[i - 1] : undefined;
    const sentence = sentenceAt(doc, t.start);
    if (prev && sentence && prev.start >= sentence.start && isPastClause(doc.text.slice(prev.start, prev.end)))
      return null;
  }
  if (notUntil || t.remaining) return { ...t, atLeast: true, fuzzy: false };
  return t;
}

/** "as long as it's within 45 days", "if you're still inside 30 days": a condition that states the return window. */
const WINDOW_CONDITION =
  /^\s*(?:if|as\s+long\s+as|provided|providing|only\s+if)\s+(?:(?:it's|it\s+is|it\s+was|you're|you\s+are|they're|they\s+are|we're|(?:it|they|you)\s+(?:are|is)|(?:the\s+)?\w+\s+(?:is|are))\s+)?(?:still\s+)?(?:within|inside|under|less\s+than|no\s+more\s+than|returned\s+within|sent\s+back\s+within)\s+$/i;

function windowCondition(doc: Doc, t: TimeExpr): TimeExpr | null {
  const c = clauseAt(doc, t.start);
  if (!c || t.relative || sentenceAt(doc, t.start)?.question) return null;
  return WINDOW_CONDITION.test(doc.text.slice(c.start, t.start)) ? t : null;
}

/** "next-day delivery is available for $12", "2-day shipping at checkout": a paid option, not a promise. */
const PAID_OPTION = /^[\s-]*(?:delivery|shipping|dispatch|service|express|postage|courier|option|upgrade)\b/i;
const SLOT_AFTER = /^[\s-]*(?:delivery\s+|time\s+|arrival\s+|collection\s+)?(?:window|slot)s?\b/i;
const PAID_CONTEXT =
  /\b(?:available|option(?:al)?|upgrade|surcharge|for\s+an?\s+(?:extra|additional|small)|at\s+checkout|(?:extra|additional)\s+(?:cost|charge|fee))\b|[$€£]\s?\d/i;

function sentenceText(doc: Doc, pos: number): string {
  const s = sentenceAt(doc, pos);
  return s ? doc.text.slice(s.start, s.end) : "";
}

/** The sentence before `pos`, back to the last "but" / "however" / ";": what a hedge at its start still covers. */
function sinceContrast(doc: Doc, pos: number): string {
  const s = sentenceAt(doc, pos);
  const before = doc.text.slice(s ? s.start : Math.max(0, pos - 120), pos);
  const parts = before.split(/\b(?:but|however|although|though|yet)\b|;/i);
  return parts[parts.length - 1] ?? "";
}

/** "within the next 10 days", "in the remaining 5 days": what is left of a return window, not the window. */
const WINDOW_REMAINDER_BEFORE = /\b(?:the\s+)?(?:next|coming|remaining|last|final|other)\s+$/i;

const UNIT_WORDS = { m: "minutes", h: "hours", d: "days", wd: "working days" } as const;

function rangeText(c: ClockPolicy): string {
  if (c.target.unit === c.limit.unit) return `${c.target.amount}-${c.limit.amount} ${UNIT_WORDS[c.limit.unit]}`;
  return `${c.target.amount} ${UNIT_WORDS[c.target.unit]} to ${c.limit.amount} ${UNIT_WORDS[c.limit.unit]}`;
}

const CLOCK_SENTENCE: Readonly<Record<"refund" | "dispatch" | "delivery", (range: string) => string>> = {
  refund: (r) => `Refunds are issued within ${r} after the return passes inspection`,
  dispatch: (r) => `Orders are dispatched within ${r}`,
  delivery: (r) => `Delivery takes ${r} after dispatch`,
};

function clockPolicyText(name: "refund" | "dispatch" | "delivery", c: ClockPolicy): string {
  return `${CLOCK_SENTENCE[name](rangeText(c))} (clocks.${name} ${formatDuration(c.target)}/${formatDuration(c.limit)})`;
}

const SUBJECT = { refund: "a refund", dispatch: "dispatch", delivery: "delivery" } as const;

const round = (n: number): string => (n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));

/** "1 working day", "2 working days", "5-10 days" (unitWord is plural). */
function saidText(said: { lo: number; hi: number }, unitWord: string): string {
  if (said.lo !== said.hi) return `${round(said.lo)}-${round(said.hi)} ${unitWord}`;
  return `${round(said.lo)} ${round(said.lo) === "1" ? unitWord.replace(/s$/, "") : unitWord}`;
}

// "any time", "no deadline": an unlimited return window.
const UNLIMITED =
  /\b(?:any\s*time|at\s+any\s+point|no\s+(?:deadline|time\s+limit|limit)|lifetime|forever|indefinitely|whenever\s+(?:you\s+(?:like|want|wish|need|are\s+ready|'re\s+ready)|(?:it\s+)?suits(?:\s+you)?)|in\s+your\s+own\s+time)\b/gi;

export interface TimelineFlags {
  refund?: Flag;
  delivery?: Flag;
  window?: Flag;
}

const LOCAL_DATE = new Map<string, Intl.DateTimeFormat>();

/**
 * The peak factor at `at`: the largest factor of the policy's peak periods containing the local
 * date of `at` in the brand timezone, else 1. Only the limit is stretched: promising the normal
 * times during peak stays compliant, promising the peak times becomes compliant.
 */
export function peakFactor(policy: BrandPolicy, at: string | Date | undefined): number {
  if (at === undefined || policy.peakPeriods.length === 0) return 1;
  const when = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(when.getTime())) return 1;
  let fmt = LOCAL_DATE.get(policy.timezone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat("en-CA", {
        timeZone: policy.timezone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
    } catch {
      return 1;
    }
    LOCAL_DATE.set(policy.timezone, fmt);
  }
  const day = fmt.format(when);
  let factor = 1;
  for (const p of policy.peakPeriods) if (day >= p.from && day <= p.to && p.factor > factor) factor = p.factor;
  return factor;
}

export function checkTimelines(
  doc: Doc,
  times: readonly TimeExpr[],
  policy: BrandPolicy,
  at?: string | Date,
  category?: Category,
): TimelineFlags {
  UNLIMITED.lastIndex = 0;
  const unlimited = UNLIMITED.exec(doc.text);
  if (times.length === 0 && !unlimited) return {};
  const keywords = findKeywords(doc, fallbackTopic(category));
  if (keywords.length === 0) return {};
  const asides = findParentheticals(doc.text);
  const refund: Candidate[] = [];
  const delivery: Candidate[] = [];
  const window: Candidate[] = [];
  const peak = times.length > 0 ? peakFactor(policy, at) : 1;

  for (const t of times) {
    const via = { weak: false };
    const topic = topicOf(doc, keywords, t, asides, via);
    if (topic === null || topic === "other") continue;
    // "within our 6-12 working day window": a bare "window" counted in working days is a clock's window.
    if (topic === "return" && via.weak && t.unit === "bd") continue;
    if (PAID_OPTION.test(doc.text.slice(t.end, t.end + 24)) && PAID_CONTEXT.test(sentenceText(doc, t.start))) continue;
    // "a one-hour delivery window", "a 2-hour slot": the length of a time slot, not a lead time.
    if (topic !== "return" && SLOT_AFTER.test(doc.text.slice(t.end, t.end + 24))) continue;
    const promise = promiseOf(doc, t, keywords) ?? (topic === "return" ? windowCondition(doc, t) : null);
    if (!promise) continue;
    if (topic === "delivery") {
      const sentence = sentenceAt(doc, t.start);
      if (sentence && TRACKING.test(doc.text.slice(sentence.start, sentence.end))) continue;
    }
    const said = doc.body.slice(t.start, t.end);
    if (topic === "return") {
      if (t.named || t.remaining) continue;
      if (WINDOW_REMAINDER_BEFORE.test(doc.text.slice(Math.max(0, t.start - 30), t.start))) continue;
      const days = exprDays(t, false);
      const w = policy.returns.windowDays;
      const tol = Math.max(2, Math.round(w * 0.05));
      if (days.lo >= w - tol && days.hi <= w + tol) continue;
      const deviation = Math.max(Math.abs(days.lo - w), Math.abs(days.hi - w)) / w;
      window.push({
        strength: deviation,
        flag: makeFlag(
          "promise.return_window",
          doc,
          t.start,
          t.end,
          windowPolicyText(policy),
          `"${said}" states a return window of ${saidText(days, "days")}; the policy allows ${w} days.`,
        ),
      });
      continue;
    }
    const clockName: ClockName = topic;
    const clock = policy.clocks[clockName];
    const wd = clock.target.unit === "wd" || clock.limit.unit === "wd";
    const target = policyDays(clock.target);
    const limit = policyDays(clock.limit) * peak;
    const days = exprDays(promise, wd);
    const verdict = assess(days, promise, target, limit);
    if (verdict === "ok") continue;
    const unitWord = wd ? "working days" : "days";
    const strength = verdict === "faster" ? (target + 1) / (days.hi + 1) : (days.lo + 1) / (limit + 1);
    const flag = makeFlag(
      topic === "refund" ? "promise.refund_timeline" : "promise.delivery_timeline",
      doc,
      t.start,
      t.end,
      clockPolicyText(topic, clock),
      `"${said}" promises ${SUBJECT[topic]} in ${saidText(days, unitWord)}, ${verdict === "faster" ? "faster than the store commits to" : "slower than the policy limit"} (${rangeText(clock)}${peak > 1 ? `, limit x${peak} in a peak period` : ""}).`,
    );
    (topic === "refund" ? refund : delivery).push({ flag, strength });
  }

  if (unlimited) {
    const t = { start: unlimited.index, end: unlimited.index + unlimited[0].length };
    if (
      topicOf(doc, keywords, t, asides) === "return" &&
      !hasNegation(doc.text.slice(clauseAt(doc, t.start)?.start ?? 0, t.start))
    )
      window.push({
        strength: 10,
        flag: makeFlag(
          "promise.return_window",
          doc,
          t.start,
          t.end,
          windowPolicyText(policy),
          `"${unlimited[0]}" promises returns without a time limit; the policy allows ${policy.returns.windowDays} days.`,
        ),
      });
  }
  const out: TimelineFlags = {};
  const r = strongest(refund);
  if (r) out.refund = r;
  const d = strongest(delivery);
  if (d) out.delivery = d;
  const w = strongest(window);
  if (w) out.window = w;
  return out;
}

function windowPolicyText(policy: BrandPolicy): string {
  return `Returns are accepted within ${policy.returns.windowDays} days of delivery (returns.windowDays ${policy.returns.windowDays})`;
}
