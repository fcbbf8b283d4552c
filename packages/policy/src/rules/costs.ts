/**
 * promise.return_shipping and fees.hidden: statements about who pays.
 *
 * A message is read as cost statements attached to a subject. Subjects: return shipping
 * ("return shipping", "return label", "return postage", "the return", "returns"), outbound
 * shipping ("shipping", "delivery", "postage", "freight", "shipping fee") and duties ("duties",
 * "customs", "import taxes", "tariffs", "VAT", "handling fees"). Statements:
 *  - free: "free", "free of charge", "on us", "covered by us", "we'll cover / pay for /
 *    reimburse", "prepaid label", "included", "won't be charged", "don't need to pay",
 *    "nothing extra to pay", "no ... fee";
 *  - charge: "you'll need to pay / cover", "at your own expense", "your responsibility",
 *    "paid by the customer", "be charged", "deducted from your refund", "not included",
 *    "will be collected", "may apply", "a fee of", "costs $5", "$7.95 shipping fee".
 * A free statement overlapping a charge statement wins ("won't be charged"). Each statement
 * attaches to the nearest subject of its sentence (same clause preferred). Charge statements
 * that are negated, conditional or asked are ignored.
 *
 * fees.hidden: a charge on outbound shipping when `shipping.free`, or on duties when
 * `shipping.dutiesPaidByStore`.
 *
 * promise.return_shipping:
 *  - returnShipping "free": any charge on return shipping.
 *  - "customer_pays_unless_fault": a free statement, unless the return is a fault return
 *    (input.returnReason defect / wrong_item / damaged, a product_quality ticket, or a
 *    fault — defect, broken, damaged, wrong item, our mistake... — stated in the message or
 *    in the statement's sentence, e.g. "if it's defective we cover return shipping"); or a
 *    charge on a fault return (the store pays those), unless the charge is scoped to
 *    non-fault returns ("since you changed your mind", "otherwise", "unless it's faulty").
 */
import { FAULT_REASONS } from "@caliper/domain";
import type { BrandPolicy } from "../types.ts";
import { type Candidate, makeFlag, strongest } from "./flag.ts";
import { clauseAt, clauseIndexAt, conditionalAt, type Doc, hasNegation, isPastClause, sentenceAt } from "./text.ts";
import type { CheckInput, Flag } from "./types.ts";

type Subject = "return" | "shipping" | "duties";
type Kind = "free" | "charge";

interface Hit {
  readonly start: number;
  readonly end: number;
}
interface SubjectHit extends Hit {
  readonly subject: Subject;
  readonly weak: boolean;
}
interface Statement extends Hit {
  readonly kind: Kind;
  /** Refers back to a subject of its sentence ("otherwise it's $6", "a $20 surcharge"): attaches at any distance. */
  readonly loose: boolean;
}

const LOOSE = /^(?:'s|it|surcharge|fee|charge|:)/i;

const MONEY = String.raw`(?:(?:US|C|CA|A|AU|NZ)?\$|€|£|¥)\s?\d[\d,]*(?:\.\d{1,2})?|\d[\d,]*(?:\.\d{1,2})?\s?(?:USD|EUR|GBP|dollars?|euros?)\b`;

const SUBJECTS: readonly { subject: Subject; weak: boolean; re: RegExp }[] = [
  {
    subject: "return",
    weak: false,
    re: /\b(?:return(?:s|ing)?\s+(?:shipping|postage|labels?|delivery|costs?|fees?|freight|courier)|cost\s+of\s+(?:the\s+)?return(?:\s+(?:shipping|postage|label))?|(?:postage|shipping|courier)\s+(?:costs?\s+)?(?:to|for)\s+(?:send|ship|post|mail|return)(?:ing)?(?:\s+(?:it|them|the\s+\w+|your\s+\w+))?(?:\s+back)?|(?:ship|shipping|send|sending|post|posting|mail|mailing)\s+(?:it|them|the\s+\w+|your\s+\w+)\s+back|(?:postage|shipping|courier)\s+back(?:\s+to\s+us)?|(?:prepaid|pre-paid|free|paid)\s+(?:return\s+)?(?:shipping\s+)?labels?)\b/gi,
  },
  {
    subject: "return",
    weak: true,
    re: /\b(?:returns?|returning|send(?:ing)?\s+(?:it|them)\s+back|(?:the|a)\s+label)\b/gi,
  },
  {
    subject: "shipping",
    weak: false,
    re: /\b(?:(?:standard\s+|express\s+|international\s+)?(?:shipping|delivery|postage|freight)(?:\s+(?:fees?|charges?|costs?|rates?))?)\b/gi,
  },
  {
    subject: "shipping",
    weak: true,
    re: /\b(?:express|expedited|next-day|overnight)(?:\s+(?:option|service|upgrade))?\b/gi,
  },
  // Handling fees go with customs when customs are named in the sentence (see findSubjects), else with shipping.
  { subject: "shipping", weak: false, re: /\bhandling\s+(?:fees?|charges?)\b/gi },
  {
    subject: "duties",
    weak: false,
    re: /\b(?:(?:customs|import)\s+(?:duties|duty|fees?|charges?|taxes|tax|vat|clearance(?:\s+fees?)?)|import\s+(?:taxes|tax|vat|gst)|duties|duty(?!-free)|customs|tariffs?|vat|gst|brokerage(?:\s+fees?)?|(?:local\s+)?taxes)\b/gi,
  },
];

const FREE: readonly RegExp[] = [
  /\b(?:free(?:\s+of\s+charge)?|for\s+free|at\s+no\s+(?:extra\s+|additional\s+)?(?:cost|charge)|on\s+us|on\s+the\s+house|complimentary|(?:fully\s+)?covered(?:\s+by\s+us)?(?!\s+(?:by|under)\s+(?:our|the|your|a)\b)|prepaid(?:\s+by\s+us)?|pre-paid|paid\s+(?:for\s+)?by\s+us|borne\s+by\s+us|at\s+our\s+(?:own\s+)?(?:expense|cost)|our\s+responsibility|included|duty-free)\b(?!\s+to\b)/gi,
  /\bwaiv(?:e|ed|ing)\b/gi,
  /\b(?:we|i)(?:'ll|\s+will|\s+can|'d|\s+would|\s+always)?\s+(?:be\s+happy\s+to\s+|gladly\s+)?(?:cover|pay\s+for|pay|take\s+care\s+of|absorb|reimburse|refund|prepay|send\s+(?:you\s+)?a\s+(?:free|prepaid))\b/gi,
  /(?:\b(?:won't|will\s+not|don't|do\s+not|doesn't|does\s+not|never|not|no\s+need\s+to)|n't)\s+(?:\w+\s+)?(?:need\s+to\s+|have\s+to\s+|be\s+required\s+to\s+|be\s+asked\s+to\s+)?(?:pay|cover|bear|be\s+charged|be\s+billed|charge|cost)\b/gi,
  /\b(?:nothing\s+(?:extra\s+|more\s+|else\s+)?to\s+pay|no\s+(?:extra\s+|additional\s+|hidden\s+)?(?:(?:shipping|delivery|return|customs|import)\s+)?(?:charges?|costs?|fees?|duties|taxes)|costs?\s+(?:you\s+)?nothing|zero\s+(?:extra\s+)?cost)\b/gi,
];

const CHARGE: readonly RegExp[] = [
  /\b(?:you|customers?|buyers?|recipients?|the\s+customer|the\s+buyer|the\s+recipient)(?:'ll|'d|\s+will|\s+would|\s+may|\s+might|\s+must|\s+should|\s+can)?\s+(?:also\s+)?(?:need\s+to\s+|have\s+to\s+|be\s+required\s+to\s+|be\s+asked\s+to\s+)?(?:\w+\s+and\s+)?(?:pays?|covers?|bears?|be\s+charged|be\s+billed|be\s+responsible\s+for|settles?)\b/gi,
  /\b(?:need|require|ask)\s+you\s+to\s+(?:pay|cover)\b|\b(?:we|i)(?:'ll|\s+will|\s+do|\s+may|\s+might|\s+have\s+to)?\s+(?:charge|bill|deduct|add)\b|\bplease\s+(?:cover|pay(?:\s+for)?|bear|settle)\b|\bsurcharges?\b|\b(?:there(?:'s|\s+is|\s+will\s+be)\s+an?\s+(?:small\s+|flat\s+|additional\s+|extra\s+)?(?:\w+\s+)?(?:fee|charge|cost))\b|\b(?:may|might|will|could|can)\s+(?:ask\s+(?:you\s+)?for|charge|bill|request)\b|\b(?:please\s+)?pay\s+(?:it|them|this|that|the\s+\w+|any\s+\w+)\b/gi,
  /\b(?:(?:at|on)\s+your\s+(?:own\s+)?(?:expense|cost)|your\s+(?:own\s+)?(?:responsibility|problem)|(?:the\s+)?(?:customer|buyer|recipient)'s\s+responsibility|paid\s+(?:for\s+)?by\s+(?:you|the\s+(?:customer|buyer|recipient))|borne\s+by\s+(?:you|the\s+(?:customer|buyer|recipient))|on\s+you)\b/gi,
  /\b(?:(?:be|is|are|gets?)\s+)?(?:charged|deduct(?:ed)?|billed|collected|payable)\b|\bbe\s+added\b|\badding\b/gi,
  /\b(?:not|isn't|aren't|won't\s+be)\s+(?:free|included|covered)\b/gi,
  /\b(?:may|will|might)\s+apply\b|\bapplies\b|\bsubject\s+to\b|\bextra\s+(?:charge|fee|cost)s?\b|\b(?:a|the)\s+(?:small\s+)?(?:fee|charge|surcharge)\s+of\b|\bmust\s+be\s+paid\b|\bto\s+be\s+paid\b|\bplus\b|\bexcluding\b/gi,
  new RegExp(
    `(?:\\b(?:fees?|charges?|costs?|rates?|price)\\s*(?:of|:|=)\\s*(?:${MONEY}))|(?::\\s*(?:${MONEY}))|(?:\\b(?:costs?|is|are|will\\s+be|would\\s+be|comes\\s+to)|'s)\\s+(?:you\\s+)?(?:an?\\s+)?(?:extra\\s+|additional\\s+|further\\s+|only\\s+|just\\s+)?(?:${MONEY})|(?:${MONEY})(?=\\s+(?:\\w+\\s+)?(?:shipping|delivery|postage|return|fee|charge))`,
    "gi",
  ),
];

function collect<T>(text: string, patterns: readonly RegExp[], make: (m: RegExpExecArray) => T): T[] {
  const out: T[] = [];
  for (const re of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push(make(m));
  }
  return out;
}

function findSubjects(text: string): SubjectHit[] {
  const all: SubjectHit[] = [];
  for (const p of SUBJECTS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text))
      all.push({ start: m.index, end: m.index + m[0].length, subject: p.subject, weak: p.weak });
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: SubjectHit[] = [];
  for (const s of all) if (!kept.some((o) => o.start < s.end && s.start < o.end)) kept.push(s);
  // "tariffs and handling fees": handling fees next to customs are customs handling.
  return kept.map((s) =>
    s.subject === "shipping" &&
    /^handling/i.test(text.slice(s.start, s.end)) &&
    kept.some((o) => o.subject === "duties" && Math.abs(o.start - s.start) < 60)
      ? { ...s, subject: "duties" as const }
      : s,
  );
}

const PAST_BEFORE = /\b(?:was|were|been|had)\s+$/i;

function findStatements(text: string): Statement[] {
  const free = collect(text, FREE, (m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: "free" as const,
    loose: false,
  }));
  // "feel free", "free to" are not about money.
  const freeKept = free.filter((f) => !/\bfeel\s+$/i.test(text.slice(Math.max(0, f.start - 6), f.start)));
  const charge = collect(text, CHARGE, (m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: "charge" as const,
    loose: LOOSE.test(m[0]),
  }));
  // "not included" beats "included"; otherwise a free statement beats an overlapping charge ("won't be charged").
  const freeFinal = freeKept.filter((f) => !charge.some((c) => c.start < f.start && f.end <= c.end));
  const chargeKept = charge.filter(
    (c) =>
      !freeFinal.some((f) => f.start < c.end && c.start < f.end) &&
      !PAST_BEFORE.test(text.slice(Math.max(0, c.start - 12), c.start)),
  );
  return [...freeFinal, ...chargeKept];
}

const MAX_DISTANCE = 70;
const CONTRAST = /\b(?:but|or|however|while|whereas|except|although|though|only|otherwise|unless)\b|[.!?;]/i;

function between(doc: Doc, a: Hit, b: Hit): string {
  return a.end <= b.start ? doc.text.slice(a.end, b.start) : doc.text.slice(b.end, a.start);
}

interface Attachment {
  readonly subject: SubjectHit;
  readonly score: number;
}

function subjectOf(doc: Doc, subjects: readonly SubjectHit[], s: Statement): Attachment | undefined {
  const sentence = sentenceAt(doc, s.start);
  if (!sentence) return undefined;
  const clause = clauseIndexAt(doc, s.start);
  let best: SubjectHit | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const sub of subjects) {
    if (sub.end <= sentence.start || sub.start >= sentence.end) continue;
    const dist = sub.end <= s.start ? s.start - sub.end : sub.start >= s.end ? sub.start - s.end : 0;
    const score = dist + (sub.weak ? 15 : 0) + (clauseIndexAt(doc, sub.start) !== clause ? 35 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = sub;
    }
  }
  return best && (bestScore <= MAX_DISTANCE || s.loose) ? { subject: best, score: bestScore } : undefined;
}

const FAULT =
  /\b(?:defect(?:s|ive)?|faulty|broken|broke|damaged|damage|cracked|scratched|chipped|bent|snapped|tarnished|discolou?red|fell\s+(?:off|out|apart)|came\s+(?:loose|off|apart)|missing\s+(?:stones?|parts?|pieces?)|not\s+working|doesn't\s+work|stopped\s+working|wrong\s+(?:item|size|colou?r|product|one|order|model|prescription|bracelet|ring|necklace|earrings|pair|shade|frames?|lenses|parcel|package)|not\s+what\s+you\s+ordered|(?:sent|shipped)\s+(?:you\s+)?(?:[\w-]+\s+){0,4}instead\s+of|(?:our|my)\s+(?:mistake|error|fault)|error\s+on\s+our\s+(?:part|side|end)|by\s+mistake|mix-up|manufacturing\s+(?:flaw|fault|defect|issue)|not\s+as\s+described|leak(?:ed|ing|s)?|quality\s+(?:issue|problem))\b/gi;
const CUSTOMER_CHOICE_BEFORE = /\b(?:you|they)\s+(?:ordered|picked|chose|selected|bought)\s+(?:the\s+|a\s+)?$/i;
const NON_FAULT =
  /\b(?:chang(?:e|ed)\s+(?:of\s+)?(?:your\s+|their\s+)?mind|change-of-mind|no\s+longer\s+(?:want|need)|(?:don't|didn't)\s+(?:want|like|need)|doesn't\s+fit|didn't\s+fit|otherwise|non-defective|not\s+defective|unless|for\s+other\s+reasons|(?:you|customer)\s+(?:ordered|chose|picked))\b/i;

interface FaultMention {
  readonly start: number;
  /** Stated as a fact, not inside an "if"/"unless" clause and not negated. */
  readonly factual: boolean;
}

function faultMentions(doc: Doc): FaultMention[] {
  const out: FaultMention[] = [];
  FAULT.lastIndex = 0;
  for (let m = FAULT.exec(doc.text); m; m = FAULT.exec(doc.text)) {
    const before = doc.text.slice(Math.max(0, m.index - 30), m.index);
    if (CUSTOMER_CHOICE_BEFORE.test(before)) continue;
    const c = clauseAt(doc, m.index);
    const negated = hasNegation(doc.text.slice(c ? c.start : Math.max(0, m.index - 30), m.index));
    if (negated) continue;
    out.push({ start: m.index, factual: !conditionalAt(doc, m.index) });
  }
  return out;
}

function returnShippingPolicyText(policy: BrandPolicy): string {
  return policy.returns.returnShipping === "free"
    ? "Return shipping is free for every return (returns.returnShipping free)"
    : "Return shipping is paid by the customer unless the return is due to a defect, a wrong item or damage (returns.returnShipping customer_pays_unless_fault)";
}

export interface CostFlags {
  returnShipping?: Flag;
  fees?: Flag;
}

const TRIGGER =
  /ship|deliver|postage|freight|dut(?:y|ies)|customs|tariff|tax|vat|gst|import|handling|brokerage|label|return|send(?:ing)?\s+(?:it|them)\s+back/i;

export function checkCosts(doc: Doc, policy: BrandPolicy, input: CheckInput): CostFlags {
  if (!TRIGGER.test(doc.text)) return {};
  const subjects = findSubjects(doc.text);
  if (subjects.length === 0) return {};
  const statements = findStatements(doc.text);
  if (statements.length === 0) return {};

  const fees: Candidate[] = [];
  const returns: Candidate[] = [];
  let faults: FaultMention[] | undefined;
  const faultReturn = (): boolean => {
    if (input.returnReason && FAULT_REASONS.includes(input.returnReason)) return true;
    if (input.category === "product_quality") return true;
    faults ??= faultMentions(doc);
    return faults.some((f) => f.factual);
  };

  const attached = statements.map((s) => ({ s, a: subjectOf(doc, subjects, s) }));
  for (const { s, a } of attached) {
    if (!a) continue;
    const subject = a.subject;
    // A free statement about the same kind of subject in the same sentence, not set against it by "but" /
    // "however" / "except", wins: "total $180 including free shipping", "what you pay: tariffs are covered by us".
    if (
      s.kind === "charge" &&
      attached.some(
        (o) =>
          o.s.kind === "free" &&
          o.a !== undefined &&
          o.a.subject.subject === subject.subject &&
          !CONTRAST.test(between(doc, o.s, s)),
      )
    )
      continue;
    const sentence = sentenceAt(doc, s.start);
    if (!sentence) continue;
    const span = { start: Math.min(s.start, subject.start), end: Math.max(s.end, subject.end) };
    if (s.kind === "charge") {
      if (sentence.question || conditionalAt(doc, s.start)) continue;
      const clause = clauseAt(doc, s.start);
      if (hasNegation(doc.text.slice(Math.max(clause?.start ?? 0, s.start - 30), s.start))) continue;
      if (clause && isPastClause(doc.text.slice(clause.start, clause.end))) continue;
    }
    if (subject.subject === "shipping" || subject.subject === "duties") {
      if (s.kind !== "charge") continue;
      const store =
        subject.subject === "shipping"
          ? policy.shipping.free
            ? "Shipping is free: the customer pays no shipping fee (shipping.free)"
            : null
          : policy.shipping.dutiesPaidByStore
            ? "Duties, tariffs and import taxes are paid by the store (shipping.dutiesPaidByStore)"
            : null;
      if (!store) continue;
      fees.push({
        strength: 1,
        flag: makeFlag(
          "fees.hidden",
          doc,
          span.start,
          span.end,
          store,
          `Tells the customer to pay ${subject.subject === "shipping" ? "shipping" : "duties or taxes"} that the store bears.`,
        ),
      });
      continue;
    }
    // Return shipping.
    const sentenceText = doc.text.slice(sentence.start, sentence.end);
    if (s.kind === "charge") {
      const violates =
        policy.returns.returnShipping === "free" ||
        (policy.returns.returnShipping === "customer_pays_unless_fault" &&
          faultReturn() &&
          !NON_FAULT.test(sentenceText));
      if (!violates) continue;
      returns.push({
        strength: subject.weak ? 1 : 2,
        flag: makeFlag(
          "promise.return_shipping",
          doc,
          span.start,
          span.end,
          returnShippingPolicyText(policy),
          policy.returns.returnShipping === "free"
            ? "Charges the customer for return shipping, which is free under this store's policy."
            : "Charges the customer for return shipping on a fault return, which the store pays for.",
        ),
      });
    } else if (policy.returns.returnShipping === "customer_pays_unless_fault") {
      if (sentence.question || conditionalAt(doc, s.start)) continue;
      if (faultReturn()) continue;
      FAULT.lastIndex = 0;
      if (FAULT.test(sentenceText)) continue; // scoped to fault returns: "if it's defective, the label is on us"
      returns.push({
        strength: subject.weak ? 1 : 2,
        flag: makeFlag(
          "promise.return_shipping",
          doc,
          span.start,
          span.end,
          returnShippingPolicyText(policy),
          "Offers free return shipping on a return that is not the store's fault; the customer pays return shipping.",
        ),
      });
    }
  }
  const out: CostFlags = {};
  const r = strongest(returns);
  if (r) out.returnShipping = r;
  const f = strongest(fees);
  if (f) out.fees = f;
  return out;
}
