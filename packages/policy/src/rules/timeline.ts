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
 * a delivery after anything else, and nothing when no topic was named. A sentence about
 * "it" with no topic of its own continues the previous sentence's topic.
 *
 * An expression does not count when it is negated or hedged in its clause ("I can't promise
 * 2 days"), conditional ("if it hasn't arrived within 12 days"), in a question, in the past
 * ("was refunded in 2 days", "3 days ago", "shipped this morning"), or relative ("2 more
 * days", "delayed by 2 days", "another week").
 */
import { formatDuration } from "../duration.ts";
import type { BrandPolicy, ClockName, ClockPolicy } from "../types.ts";
import { type Candidate, makeFlag, strongest } from "./flag.ts";
import { clauseAt, clauseIndexAt, conditionalAt, type Doc, hasNegation, isPastClause, sentenceAt } from "./text.ts";
import { assess, exprDays, policyDays, type TimeExpr } from "./time.ts";
import type { Flag } from "./types.ts";

export type Topic = "refund" | "dispatch" | "delivery" | "return" | "other";

interface Keyword {
  readonly start: number;
  readonly end: number;
  readonly topic: Topic;
  readonly weak: boolean;
  readonly pronoun: boolean;
}

interface KeywordPattern {
  readonly topic: Topic;
  readonly weak: boolean;
  readonly pronoun: boolean;
  readonly re: RegExp;
}

const GOODS =
  "order|package|parcel|item|items|glasses|frames|lenses|sunglasses|jewel(?:le)?ry|ring|necklace|bracelet|earrings|pendant|watch|product|products|purchase|replacement|goods|serum|cream|skincare|makeup|delivery";

const GOODS_NOUN = new RegExp(`\\b(?:${GOODS})\\b`, "i");

const PATTERNS: readonly KeywordPattern[] = [
  {
    topic: "refund",
    weak: false,
    pronoun: false,
    re: /\b(?:refund(?:s|ed|ing)?|reimburs\w*|money(?:\s+will\s+be)?\s+back|store\s+credit|credit(?:s|ed)?(?!\s+card)|chargebacks?|reversal|back\s+(?:on|to|in|into)\s+your\s+(?:card|account|bank)|reach(?:es)?\s+your\s+(?:card|bank|account)|every\s+(?:cent|penny)|(?:your|the)\s+money|(?:the\s+)?full\s+amount|(?:appear|show|post|reflect)(?:s|ed)?(?:\s+up)?\s+(?:on|in)\s+your\s+(?:card|account|bank|statement)|statement)\b/gi,
  },
  {
    topic: "dispatch",
    weak: false,
    pronoun: false,
    re: /\b(?:ship(?:s|ped)?|dispatch(?:es|ed|ing)?|(?:sen[dt]|get|gets|got)\s+(?:(?:it|them|this|that|your\s+\w+)\s+)?out|go(?:es)?\s+out|went\s+out|leaves?\s+(?:our|the)\s+(?:warehouse|facility|studio|workshop|lab)|out\s+the\s+door|pack(?:ed)?|ready\s+to\s+ship|processing\s+time|handling\s+time|prepar(?:e|ed|ing|ation)|hand(?:ed)?\s+(?:it\s+|them\s+)?(?:over\s+)?to\s+the\s+(?:courier|carrier))\b/gi,
  },
  { topic: "dispatch", weak: true, pronoun: false, re: /\b(?:orders?|engraved|engraving)\b/gi },
  // A bare "window" / "period" is usually the return window ("past our 60-day window"), but weakly.
  { topic: "return", weak: true, pronoun: false, re: /\b(?:window|period)\b/gi },
  {
    topic: "delivery",
    weak: false,
    pronoun: false,
    re: new RegExp(
      `\\b(?:delivery\\s+window|deliver(?:y|ies|ed|s|ing)?|reach(?:es)?\\s+(?:customers|the\\s+customer|your\\s+(?:door|home|address|${GOODS}))|at\\s+your\\s+(?:door(?:step)?|address|home)|on\\s+your\\s+doorstep|in\\s+your\\s+hands|in\\s+transit|transit(?:\\s+times?)?|shipping\\s+(?:times?|takes|will\\s+take|usually\\s+takes|normally\\s+takes|typically\\s+takes|is)|eta|turnaround|(?<!\\bwe\\s|\\bwe've\\s|\\bus\\s)(?:receive|get|have)\\s+(?:your|the)\\s+(?:new\\s+)?(?:${GOODS})(?!\\s+back))\\b`,
      "gi",
    ),
  },
  {
    topic: "delivery",
    weak: true,
    pronoun: false,
    re: /\b(?:shipping|shipment|parcel|package|courier|carrier|express)\b/gi,
  },
  {
    // Pronoun-like: "which will reach you", "it'll be with you" take the topic named before them (default: delivery).
    topic: "delivery",
    weak: false,
    pronoun: true,
    re: /\b(?:(?:get|gets|be|reach(?:es)?)\s+(?:there|to\s+you)|reach(?:es)?\s+you|with\s+you|arriv(?:e|es|ed|al|ing)|expect\s+(?:it|them))\b/gi,
  },
  {
    // "receive it", "you'll see it": only meaningful after a named topic (default: none).
    topic: "other",
    weak: false,
    pronoun: true,
    re: /\b(?:receive|get|have|see)\s+(?:it|them)\b/gi,
  },
  {
    topic: "return",
    weak: false,
    pronoun: false,
    re: /\b(?:return(?:s|ed|ing)?|(?:send|ship|post|mail|bring|take|accept)\s+(?:[\w']+\s+){0,2}back|sen[dt]\s+back|money[- ]back\s+guarantee|return\s+(?:window|period)|change\s+your\s+mind)\b/gi,
  },
  {
    topic: "other",
    weak: false,
    pronoun: false,
    re: /\b(?:repl(?:y|ies|ied)|respon(?:d|se|ses)|follow(?:ing)?[- ]?up|update(?:s|d)?|get\s+back\s+to|back\s+to\s+you|hear\s+(?:back\s+)?from|contact\s+you|reach\s+out|let\s+you\s+know|touch\s+base|keep\s+you|check(?:ing)?\s+(?:in|back)|investigat\w*|look(?:ing)?\s+into|escalat\w*|chas(?:e|ing)|confirm\w*|review\w*|call(?:s|ed)?|email\s+you|message\s+you|warrant(?:y|ies)|guarantee\s+period|in\s+stock|restock\w*|back\s+in\s+stock|code|link|expir\w*|valid|trial|subscription|return\s+(?:shipping|label|postage|address)|(?:arriv\w*|reach\w*|get|gets|back)\s+(?:back\s+)?(?:to\s+|at\s+|with\s+)?(?:us|our\s+(?:warehouse|facility|returns?\s+(?:centre|center|team)))|window\s+(?:closes|ends|expires)|closes|ends|left|remaining)\b/gi,
  },
];

function findKeywords(text: string): Keyword[] {
  const found: Keyword[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text))
      found.push({ start: m.index, end: m.index + m[0].length, topic: p.topic, weak: p.weak, pronoun: p.pronoun });
  }
  // A keyword inside a longer one ("return" in "return shipping", "arrive" in "arrives at our warehouse") is dropped.
  found.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: Keyword[] = [];
  for (const k of found) if (!kept.some((o) => o.start <= k.start && k.end <= o.end)) kept.push(k);
  kept.sort((a, b) => a.start - b.start);
  // Pronouns ("receive it") take the topic last named before them: a refund (or a return), else a delivery.
  return kept.map((k) => {
    if (!k.pronoun) return k;
    let prev: Keyword | undefined;
    for (const o of kept) if (o.end <= k.start && !o.pronoun && o.topic !== "other") prev = o;
    // Goods named since that topic ("... and the frames will reach you") make it a delivery.
    const goodsSince = GOODS_NOUN.test(text.slice(prev ? prev.end : 0, k.start));
    const refundBefore = prev !== undefined && !goodsSince && prev.topic === "refund";
    if (k.topic === "delivery") return { ...k, topic: refundBefore ? "refund" : "delivery" };
    // "get it back after you return it": the money.
    const topic: Topic =
      refundBefore || (prev?.topic === "return" && !goodsSince) ? "refund" : prev || goodsSince ? "delivery" : "other";
    return { ...k, topic };
  });
}

// The text between an expression and a later keyword makes the keyword the start of the period
// ("60 days of delivery"); "before"/"until" point at the end of the period, which is the topic.
const ANCHOR = /\b(?:of|from|after|since|following|once|upon|when)\b(?:\s+(?!to\b|and\b|then\b)[\w']+){0,4}\s*$/i;
const SENTENCE_BREAK = /[.!?;]/;

const MAX_SCORE = 90;

function topicOf(
  doc: Doc,
  keywords: readonly Keyword[],
  t: { start: number; end: number; named?: boolean },
): Topic | null {
  const sentence = sentenceAt(doc, t.start);
  if (!sentence) return null;
  const tClause = clauseIndexAt(doc, t.start);
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
    if (clauseIndexAt(doc, k.start) !== tClause) score += 40;
    if (after) {
      const between = doc.text.slice(t.end, k.start);
      if (ANCHOR.test(between) && !SENTENCE_BREAK.test(between)) score += 200;
    }
    if (score < bestScore) {
      bestScore = score;
      best = k.topic;
    }
  }
  if (bestScore <= MAX_SCORE) return best;
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

const HEDGE =
  /\b(?:can't|cannot|can\s+not|unable\s+to|won't|not\s+able\s+to)\s+(?:\w+\s+)?(?:promise|guarantee)|\bno\s+guarantee|\bnot\s+guaranteed\b/i;

/** A status update from tracking: "out for delivery, arrives today" is news, not a promise about the clock. */
const TRACKING =
  /\b(?:out\s+for\s+delivery|tracking\s+(?:says|shows|confirms|indicates)|(?:local|delivery)\s+depot|sorting\s+(?:centre|center|facility|hub)|in\s+your\s+(?:area|town|city)|on\s+the\s+(?:van|truck)|last[- ]mile|with\s+your\s+local\s+(?:courier|post\s+office|carrier))\b/i;

/** The expression is a promise (not negated, hedged, conditional, asked, past or relative). */
function isPromise(doc: Doc, t: TimeExpr): boolean {
  if (t.relative) return false;
  if (sentenceAt(doc, t.start)?.question) return false;
  const c = clauseAt(doc, t.start);
  if (!c) return false;
  const clauseText = doc.text.slice(c.start, c.end);
  if (hasNegation(doc.text.slice(c.start, t.start))) return false;
  if (HEDGE.test(clauseText)) return false;
  if (conditionalAt(doc, t.start)) return false;
  return !isPastClause(clauseText);
}

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
  /\b(?:any\s*time|no\s+(?:deadline|time\s+limit|limit)|lifetime|forever|indefinitely|whenever\s+you\s+(?:like|want|wish))\b/gi;

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
): TimelineFlags {
  UNLIMITED.lastIndex = 0;
  const unlimited = UNLIMITED.exec(doc.text);
  if (times.length === 0 && !unlimited) return {};
  const keywords = findKeywords(doc.text);
  if (keywords.length === 0) return {};
  const refund: Candidate[] = [];
  const delivery: Candidate[] = [];
  const window: Candidate[] = [];
  const peak = times.length > 0 ? peakFactor(policy, at) : 1;

  for (const t of times) {
    const topic = topicOf(doc, keywords, t);
    if (topic === null || topic === "other") continue;
    if (!isPromise(doc, t)) continue;
    if (topic === "delivery") {
      const sentence = sentenceAt(doc, t.start);
      if (sentence && TRACKING.test(doc.text.slice(sentence.start, sentence.end))) continue;
    }
    const said = doc.body.slice(t.start, t.end);
    if (topic === "return") {
      if (t.named) continue;
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
    const days = exprDays(t, wd);
    const verdict = assess(days, t, target, limit);
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
      topicOf(doc, keywords, t) === "return" &&
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
