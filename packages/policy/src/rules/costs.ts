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
 *    "will be collected", "may apply", "a fee of", "costs $5", "$7.95 shipping fee", "the courier
 *    will collect the import VAT", "customs will ask you for $25 in import duty", "will be
 *    due", "borne by the consignee", "comes out of the refund", "isn't refundable", "buy your
 *    own postage", "free over $40" / "otherwise $3.95" (threshold free shipping is a fee),
 *    "calculated at checkout", "+$6", "for $6".
 * A free statement overlapping a charge statement wins ("won't be charged"), unless the charge
 * contains it and is longer ("not included", "free over $40"); "not covered", "never included"
 * negate the free word. "$0 for shipping" is no charge. Each statement attaches to the nearest
 * subject of its sentence (same clause preferred). Charge statements that are negated,
 * conditional or asked are ignored; a charge in the past still counts ("we've added $7 for
 * postage") unless it is being corrected ("added by mistake — I've removed it").
 *
 * Plain "postage" / "shipping" / "the courier" / "stamps" is the return's when a return or a
 * fault is named next to it ("post it back yourself and pay the postage", "returns are subject
 * to a $5 shipping fee", "if it's faulty we'll cover postage"), or in a return or quality
 * ticket that talks about sending something back. "Shipping insurance", "shipping address",
 * "delivery date" are not costs.
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
import {
  clauseAt,
  clauseIndexAt,
  conditionalAt,
  type Doc,
  type GateWord,
  hasNegation,
  gate,
  guardedBy,
  isPastClause,
  mentions,
  prefiltering,
  sentenceAt,
} from "./text.ts";
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

const SUBJECTS: readonly { subject: Subject; weak: boolean; any: readonly GateWord[]; re: RegExp }[] = [
  {
    subject: "return",
    weak: false,
    any: [
      "return",
      "returns",
      "returning",
      "back",
      "label",
      "labels",
      "send",
      "sending",
      "ship",
      "shipping",
      "post",
      "posting",
      "mail",
      "mailing",
      // "courier to shiping": "ship" + "ing" is no word of this list.
      "postage",
      "courier",
    ],
    re: /\b(?:return(?:s|ing)?\s+(?:shipping|postage|labels?|delivery|costs?|fees?|freight|courier)|cost\s+of\s+(?:the\s+)?return(?:\s+(?:shipping|postage|label))?|(?:postage|shipping|courier)\s+(?:costs?\s+)?(?:to|for)\s+(?:send|ship|post|mail|return)(?:ing)?(?:\s+(?:it|them|the\s+\w+|your\s+\w+))?(?:\s+back)?|(?:ship|shipping|send|sending|post|posting|mail|mailing)\s+(?:it|them|the\s+\w+|your\s+\w+)\s+back|(?:postage|shipping|courier)\s+back(?:\s+to\s+us)?|(?:prepaid|pre-paid|free|paid|freepost|postage[- ]paid|returns?)\s+(?:returns?\s+)?(?:shipping\s+)?labels?)\b/gi,
  },
  {
    subject: "return",
    weak: true,
    any: ["return", "returns", "returning", "back", "label", "collection", "pickup", "pick"],
    re: /\b(?:returns?|returning|send(?:ing)?\s+(?:(?:it|them)\s+)?back|(?:the|a)\s+label|(?:courier\s+)?(?:collection|pick-?up)(?!\s+points?))\b/gi,
  },
  {
    subject: "shipping",
    weak: false,
    any: [
      "shipping",
      "delivery",
      "postage",
      "freight",
      "handling",
      "p",
      "s",
      "deliver",
      "delivering",
      "ship",
      "post",
      "posting",
      "stamp",
      "stamps",
    ],
    re: /\b(?:(?:standard\s+|express\s+|international\s+)?(?:shipping|delivery|postage|freight)(?:\s+(?:fees?|charges?|costs?|rates?))?(?!\s+(?:insurance|protection|address|addresses|confirmation|method|options?|updates?|notifications?|details|info|information|company|partner|provider|times?|status|e-?mail|window|date|estimate))|(?:to|for)\s+(?:deliver|delivering|ship|shipping|post|posting)(?!\s+(?:it|them|\w+)\s+back)\b(?!\s+(?:insurance|protection|address|addresses|confirmation|method|options?|updates?|notifications?|details|info|information|company|partner|provider|times?|status|e-?mail))|p\s?&\s?p|s\s?&\s?h|(?:postage\s+)?stamps?|(?<=\d\s)handling\b|postage\s+(?:and|&)\s+packing|shipping\s+(?:and|&)\s+handling)\b/gi,
  },
  {
    subject: "shipping",
    weak: true,
    any: ["express", "expedited", "next", "overnight"],
    re: /\b(?:express|expedited|next-day|overnight)(?:\s+(?:option|service|upgrade))?\b/gi,
  },
  // Handling fees go with customs when customs are named in the sentence (see findSubjects), else with shipping.
  { subject: "shipping", weak: false, any: ["handling"], re: /\bhandling\s+(?:fees?|charges?)\b/gi },
  {
    subject: "duties",
    weak: false,
    any: ["customs", "import", "duties", "duty", "tariff", "tariffs", "vat", "gst", "brokerage", "taxes"],
    re: /\b(?:(?:customs|import)\s+(?:duties|duty|fees?|charges?|taxes|tax|vat|clearance(?:\s+fees?)?)|import\s+(?:taxes|tax|vat|gst)|duties|duty(?!-free)|customs|tariffs?|vat|gst|brokerage(?:\s+fees?)?|(?:local\s+)?taxes)\b/gi,
  },
];

const FREE: readonly Gated[] = [
  {
    any: [
      "free",
      "cost",
      "charge",
      "us",
      "house",
      "complimentary",
      "covered",
      "prepaid",
      "pre",
      "paid",
      "borne",
      "our",
      "included",
      "including",
      "incl",
      "inc",
      "duty",
    ],
    re: /\b(?:free(?:\s+of\s+charge)?|for\s+free|at\s+no\s+(?:extra\s+|additional\s+)?(?:cost|charge)|on\s+us|on\s+the\s+house|complimentary|(?:fully\s+)?covered(?:\s+by\s+us)?(?!\s+(?:by|under)\s+(?:our|the|your|a|you|yourself)\b)|(?:including|incl\.?|inc\.)\s+(?:free\s+)?(?:shipping|delivery|postage)|prepaid(?:\s+by\s+us)?|pre-paid|paid\s+(?:for\s+)?by\s+us|borne\s+by\s+us|at\s+our\s+(?:own\s+)?(?:expense|cost)|our\s+responsibility|included|duty-free)\b(?!\s+to\b)/gi,
  },
  {
    any: [
      "refunded",
      "reimbursed",
      "waive",
      "waived",
      "waiving",
      "foot",
      "footing",
      "pick",
      "picking",
      "covered",
      "postage",
      "freepost",
      "cost",
      "covering",
      "paying",
      "absorbing",
      "refunding",
    ],
    re: /\b(?:return\s+)?(?:shipping|postage|label|delivery|courier)(?:\s+(?:costs?|fees?|charges?))?\s+(?:will\s+be|is|are|gets?|'ll\s+be|can\s+be)\s+(?:fully\s+)?(?:refunded|reimbursed)\b|\bwaiv(?:e|ed|ing)\b|\bfoot(?:ing)?\s+the\s+bill\b|\bpick(?:ing)?\s+up\s+the\s+(?:cost|tab|bill)\b|\b(?:got|have)\s+(?:it|you|that)\s+covered\b|\bpostage[- ]paid\b|\bfreepost\b|\bno\s+cost\s+to\s+you\b|\b(?:we|i)(?:'re|\s+are|'ll\s+be|\s+will\s+be)\s+(?:covering|paying\s+for|absorbing|refunding)\b/gi,
  },
  {
    any: ["cover", "pay", "take", "absorb", "prepay", "send"],
    re: /\b(?:we|i)(?:'ll|\s+will|\s+can|'d|\s+would|\s+always)?\s+(?:even\s+|also\s+|happily\s+|still\s+|gladly\s+)?(?:be\s+happy\s+to\s+|gladly\s+)?(?:cover|pay\s+for|pay|take\s+care\s+of|absorb|prepay|send\s+(?:you\s+)?a\s+(?:free|prepaid))\b(?!\s+(?:the\s+rest|everything\s+else|the\s+(?:item|product|price|repair|replacement|refund|difference|remainder|balance)\b))/gi,
  },
  // "we'll refund the postage" (not "we'll refund the product"): the money for the shipping itself.
  {
    any: ["refund", "reimburse"],
    re: /\b(?:we|i)(?:'ll|\s+will|\s+can|'d|\s+would|\s+always)?\s+(?:be\s+happy\s+to\s+|gladly\s+)?(?:refund|reimburse)(?:\s+you)?(?:\s+for)?(?:\s+(?:the|your|any|all))?(?:\s+[\w-]+)?\s+(?:postage|shipping|label|return\s+(?:postage|shipping|label|costs?|fees?)|delivery|courier|costs?|fees?|charges?|stamps?)\b/gi,
  },
  {
    any: ["pay", "cover", "bear", "charged", "billed", "charge", "cost"],
    re: /(?:\b(?:won't|will\s+not|don't|do\s+not|doesn't|does\s+not|never|not|no\s+need\s+to)|n't)\s+(?:\w+\s+)?(?:need\s+to\s+|have\s+to\s+|be\s+required\s+to\s+|be\s+asked\s+to\s+)?(?:pay|cover|bear|be\s+charged|be\s+billed|charge|cost)\b/gi,
  },
  {
    any: ["pay", "charge", "charges", "cost", "costs", "fee", "fees", "duties", "taxes", "nothing", "zero"],
    re: /\b(?:nothing\s+(?:extra\s+|more\s+|else\s+)?to\s+pay|no\s+(?:extra\s+|additional\s+|hidden\s+)?(?:(?:shipping|delivery|return|customs|import)\s+)?(?:charges?|costs?|fees?|duties|taxes)|costs?\s+(?:you\s+)?nothing|zero\s+(?:extra\s+)?cost)\b/gi,
  },
];

/** "collect / request / demand / ask for" and what they may ask for, in the CHARGE expression that has them. */
const COLLECT_VERBS = [
  ...["collect", "collects", "collecting", "request", "requests", "requesting"],
  ...["demand", "demands", "demanding", "ask", "asks", "asking"],
];
const COLLECTED = [
  ...["duties", "duty", "vat", "gst", "tax", "taxes", "fee", "fees", "charge", "charges", "payment"],
  ...["tariff", "tariffs", "postage"],
];

const CHARGE: readonly Gated[] = [
  {
    any: ["pay", "pays", "cover", "covers", "bear", "bears", "charged", "billed", "responsible", "settle", "settles"],
    re: /\b(?:you|customers?|buyers?|recipients?|the\s+customer|the\s+buyer|the\s+recipient)(?:'ll|'d|\s+will|\s+would|\s+may|\s+might|\s+must|\s+should|\s+can)?\s+(?:also\s+)?(?:need\s+to\s+|have\s+to\s+|be\s+required\s+to\s+|be\s+asked\s+to\s+)?(?:\w+\s+and\s+)?(?:pays?|covers?|bears?|be\s+charged|be\s+billed|be\s+responsible\s+for|settles?)\b/gi,
  },
  {
    any: [
      "pay",
      "cover",
      "charge",
      "charged",
      "bill",
      "billed",
      "invoice",
      "deduct",
      "deducted",
      "add",
      "added",
      "pass",
      "bear",
      "settle",
      "surcharge",
      "surcharges",
      // "there's a fee / charge / cost / payment / bill", "charged at cost", "may request": the noun or "request" only
      // with the word its alternative needs ("payment" and "request" alone open for a seventh of the store's messages).
      ...["fee", "cost", "payment"].map((w) => ["there", w]),
      ["charged", "cost"],
      ...["may", "might", "will", "could", "can", "ll"].map((w) => [w, "request"]),
      "checkout",
      "ask",
      "buy",
      "purchase",
      "arrange",
      "organise",
      "organize",
      "book",
      "own",
      "calculated",
    ],
    re: /\b(?:need|require|ask)\s+you\s+to\s+(?:pay|cover)\b|\b(?:we|i)(?:'ll|\s+will|\s+do|\s+may|\s+might|\s+must|'d|\s+would|'ve|\s+have)?\s+(?:have\s+to\s+|need\s+to\s+|be\s+(?:forced|obliged)\s+to\s+)?(?:charge|bill|deduct|add|pass\s+on|charged|billed|deducted|added)\b(?!\s+(?:an?\s+)?(?:[$€£]\s?\d[\d.,]*\s+)?(?:credit|discount|voucher|coupon|refund|gift|goodwill|free|note))|\bplease\s+(?:cover|pay(?:\s+for)?|bear|settle)\b|\bsurcharges?\b|\b(?:there(?:'s|\s+is|\s+will\s+be|'ll\s+be|\s+(?:may|might|could|would|can)\s+be)\s+an?\s+(?:small\s+|flat\s+|additional\s+|extra\s+)?(?:\w+\s+)?(?:fee|charge|cost|payment|bill))\b|\b(?:calculated|added|shown|quoted|payable|charged)\s+(?:[\w-]+\s+){0,3}?at\s+checkout\b|\bcalculated\s+(?:by|based\s+on|according\s+to)\s+(?:weight|size|distance|destination|location|zone)\b|\bcharged\s+at\s+cost\b|\b(?:may|might|will|could|can|'ll)\s+(?:probably\s+|likely\s+|also\s+|possibly\s+|then\s+)?(?:ask\s+(?:you\s+)?for|charge|bill|invoice|request)\b|\b(?:buy|purchase|arrange|organi[sz]e|book)\s+(?:your\s+own\s+|the\s+)?(?:postage|shipping|labels?|courier|stamps?|return\s+(?:postage|shipping|label))\b|\byour\s+own\s+(?:postage|shipping|courier|labels?|stamps?)\b|\b(?:please\s+)?pay\s+(?:it|them|this|that|the\s+\w+|any\s+\w+)\b/gi,
  },
  {
    any: [
      "expense",
      "cost",
      "dime",
      "liable",
      "responsible",
      // "down to you", "up to you to pay", "on you": only with the word they need ("on", "up" and "down" alone open
      // for a third of the store's messages).
      ...["you", "customer", "buyer", "recipient"].map((w) => ["down", w]),
      ["up", "pay"],
      ["up", "cover"],
      "falls",
      "fall",
      "paid",
      "responsibility",
      "problem",
      "covered",
      "funded",
      "payable",
      "settled",
      "met",
      "borne",
      ["on", "you"],
      "yours",
    ],
    re: /\b(?:(?:at|on)\s+(?:your|the\s+(?:customer|buyer|recipient)'s)\s+(?:own\s+)?(?:expense|cost|dime)|(?:you(?:'re|\s+are|'ll\s+be|\s+will\s+be|\s+would\s+be|\s+may\s+be)|(?:the\s+)?(?:customers?|buyers?|recipients?|purchasers?|consignees?)\s+(?:is|are|will\s+be|would\s+be|may\s+be))\s+(?:fully\s+|solely\s+)?(?:liable|responsible)\s+for|down\s+to\s+(?:you|the\s+(?:customer|buyer|recipient))|up\s+to\s+(?:you|the\s+(?:customer|buyer|recipient))\s+to\s+(?:pay|cover)|falls?\s+(?:to|on)\s+(?:you|the\s+(?:customer|buyer|recipient))|(?:customer|buyer|recipient)[- ]paid|(?:is|are|'s)\s+(?:all\s+)?yours\b|your\s+(?:own\s+)?(?:responsibility|problem)|(?:the\s+)?(?:customer|buyer|recipient)'s\s+responsibility|(?:paid|covered|funded|payable|settled|met)\s+(?:for\s+)?by\s+(?:you|yourself|the\s+(?:customer|buyer|recipient))|(?:borne|paid|payable)\s+by\s+(?:you|the\s+(?:customer|buyer|recipient|consignee|receiver|addressee|purchaser))|on\s+you)\b/gi,
  },
  {
    any: ["charged", "deduct", "deducted", "billed", "collected", "payable", "added", "adding"],
    re: /\b(?:(?:be|is|are|gets?)\s+)?(?:charged|deduct(?:ed)?|billed|collected|payable)\b|\bbe\s+added\b|\badding\b/gi,
  },
  {
    any: ["free", "included", "covered", "cover", "pay", "refund", "reimburse", "include", "absorb", "offer"],
    re: /\b(?:not|isn't|aren't|won't\s+be|no\s+longer)\s+(?:free|included|covered)\b|\b(?:we|i)\s+(?:don't|do\s+not|won't|will\s+not|can't|cannot|can\s+not|are\s+unable\s+to|aren't\s+able\s+to|am\s+unable\s+to)\s+(?:\w+\s+)?(?:cover|pay(?:\s+for)?|refund|reimburse|include|absorb|offer\s+free)\b|\b(?:prices?|totals?|costs?|amounts?|quotes?)\s+(?:don't|doesn't|do\s+not|does\s+not|won't|will\s+not)\s+include\b/gi,
  },
  {
    any: [
      // Per alternative of the expression below; a verb only with the noun or object its alternative needs ("request"
      // and "get" alone open for a third of the store's messages).
      ...COLLECT_VERBS.flatMap((v) => COLLECTED.map((n) => [v, n])),
      "due",
      "incur",
      "incurs",
      "incurred",
      "attract",
      "attracts",
      "carry",
      "carries",
      "extra",
      "chargeable",
      ...["taken", "knocked", "come", "comes"].map((w) => [w, "off"]),
      ...["come", "comes", "taken", "deducted", "paid"].map((w) => [w, "out", "refund"]),
      ...["ask", "asks", "asking", "require", "requires", "expect", "expects", "need", "needs"].flatMap((v) =>
        ["pay", "cover", "settle", "bear"].map((o) => [v, "you", o]),
      ),
      "subtract",
      "subtracted",
      "minus",
      "withheld",
      "hit",
      "charges",
      "charge",
      "bills",
      "bill",
      "invoices",
      "invoice",
      // A suffix: "nonrefundable", and "isn'trefundable" as the expression's "\s*" allows.
      "*refundable",
      ...["get", "receive"].flatMap((v) => ["bill", "invoice", "charge", "fee", "demand"].map((n) => [v, n])),
    ],
    re: /\b(?:collect(?:s|ing)?|request(?:s|ing)?|demand(?:s|ing)?|ask(?:s|ing)?\s+(?:you\s+)?for)\s+(?:the\s+|any\s+|a\s+|an\s+|your\s+|some\s+)?(?:[\w-]+\s+){0,2}?(?:duties|duty|vat|gst|tax(?:es)?|fees?|charges?|payment|tariffs?|postage)\b|\b(?:is|are|will\s+be|'ll\s+be|become|becomes|falls?)\s+due\b|\bdue\s+(?:on|upon|at)\s+(?:delivery|arrival|receipt)\b|\bincur(?:s|red)?\b|\battracts?\b|\bcarr(?:y|ies)\s+an?\s+(?:\w+\s+)?(?:fee|charge|surcharge|cost)\b|\b(?:is|are)\s+(?:an?\s+)?extra\b|\bcosts?\s+extra\b|\bchargeable\b|\b(?:taken|knocked|come|comes)\s+off\s+(?:your|the)\s+(?:refund|total)\b|\b(?:come|comes|taken|deducted|paid)\s+out\s+of\s+(?:the|your)\s+refund\b|\b(?:ask|asks|asking|require|requires|expect|expects|need|needs)\s+you\s+to\s+(?:pay|cover|settle|bear)\b|\bsubtract(?:ed)?\b|\bminus\b|\b(?:isn't|is\s+not|aren't|are\s+not|non-?)\s*refundable\b|\b(?:get|receive)\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:bill|invoice|charge|fee|demand)\s+(?:from|for)\b|\b(?:charges?|bills?|invoices?)\s+(?:you\s+)?(?:an?\s+|the\s+|any\s+)?(?:small\s+|flat\s+|additional\s+|extra\s+)?(?:[\w-]+\s+)?(?:fee|charge|duty|duties|tax|taxes|vat|tariff|surcharge)s?\b|\bwithheld\b|\bhit\s+with\b/gi,
  },
  {
    any: ["apply", "applies", "subject", "extra", "fee", "charge", "surcharge", "paid", "plus", "excluding"],
    re: /\b(?:may|will|might)\s+apply\b|\bapplies\b|\b(?:fees?|charges?|duties|taxes|surcharges?|costs?)\s+(?:do\s+|does\s+)?apply\b|\bsubject\s+to\b|\bextra\s+(?:charge|fee|cost)s?\b|\b(?:a|the)\s+(?:small\s+)?(?:fee|charge|surcharge)\s+of\b|\bmust\s+be\s+paid\b|\bto\s+be\s+paid\b|\bplus\b|\bexcluding\b/gi,
  },
  {
    any: null,
    re: new RegExp(
      `(?:\\bfree\\s+(?:[\\w-]+\\s+){0,3}?(?:over|above|on\\s+orders?\\s+(?:over|above|of)|for\\s+orders?\\s+(?:over|above|of)|with\\s+orders?\\s+(?:over|above|of)|when\\s+you\\s+spend|if\\s+you\\s+spend|from)\\s+(?:${MONEY}))|(?:\\b(?:otherwise|or\\s+else|else|below\\s+that|under\\s+that)\\s*[,:]?\\s*(?:it's\\s+|it\\s+is\\s+|it\\s+costs\\s+|there's\\s+a\\s+)?(?:${MONEY}))|(?:\\b(?:fees?|charges?|costs?|rates?|price|duty|duties|vat|tax|taxes|tariffs?)\\s*(?:of|:|=)\\s*(?:about\\s+|around\\s+|approx(?:\\.|imately)?\\s+|roughly\\s+|~\\s*|up\\s+to\\s+)?(?:${MONEY}))|(?:\\bfor\\s+(?:just\\s+|only\\s+)?(?:${MONEY})(?!\\s+(?:or\\s+more|and\\s+(?:over|above)|\\+)))|(?:\\b(?:runs?|set\\s+you\\s+back|totals?|amounts?\\s+to)\\s+(?:you\\s+)?(?:about\\s+|around\\s+|roughly\\s+)?(?:${MONEY}))|(?:(?:${MONEY})\\s+(?:in|of|for)\\s+(?:import\\s+|customs\\s+)?(?:duties|duty|customs|taxes|tax|vat|tariffs?|postage|shipping))|(?::\\s*\\+?\\s*(?:${MONEY}))|(?:\\+\\s?(?:${MONEY}))|(?:\\b(?:costs?|is|are|will\\s+be|would\\s+be|comes\\s+to)|'s)\\s+(?:you\\s+)?(?:an?\\s+)?(?:extra\\s+|additional\\s+|further\\s+|only\\s+|just\\s+)?(?:${MONEY})|(?:${MONEY})(?=\\s+(?:\\w+\\s+)?(?:shipping|delivery|postage|return|fee|charge))`,
      "gi",
    ),
  },
];

/** A pattern and the words one of which every match contains (null: a money amount, so a digit). */
interface Gated {
  readonly any: readonly GateWord[] | null;
  readonly re: RegExp;
}

function collect<T>(
  doc: Doc,
  patterns: readonly (Gated & { gate: number | null })[],
  make: (m: RegExpExecArray) => T,
): T[] {
  const out: T[] = [];
  const text = doc.text;
  for (const { gate: g, re } of patterns) {
    if (g === null ? prefiltering() && !MONEY_MARK.test(text) : !mentions(doc, g)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push(make(m));
  }
  return out;
}

/**
 * What every MONEY amount contains: a currency sign, or a code or word after the number (whose digits may end in a
 * comma, as MONEY allows: "10,USD").
 */
const MONEY_MARK = /[$€£¥]|[\d,]\s?(?:usd|eur|gbp|dollars?|euros?)\b/i;
const withGate = (p: Gated) => {
  if (p.any !== null) return { ...p, gate: gate(p.any, [p.re]) };
  guardedBy(MONEY_MARK, [p.re]);
  return { ...p, gate: null };
};
const GATED_FREE = FREE.map(withGate);
const GATED_CHARGE = CHARGE.map(withGate);
const GATED_SUBJECTS = SUBJECTS.map((p) => ({ ...p, gate: gate(p.any, [p.re]) }));

/**
 * A return or quality ticket whose message talks about sending something back: plain "postage" / "the courier"
 * in it is the return's ("Pop it in the post back to us. The postage is down to you.").
 */
function returnContext(text: string, input: CheckInput): boolean {
  if (input.category !== "return_refund" && input.category !== "product_quality") return false;
  RETURN_CUE.lastIndex = 0;
  return (
    RETURN_CUE.test(text) ||
    /\b(?:post|posting|send|sending|ship|shipping|mail|mailing)\s+(?:\w+\s+){0,4}back\b/i.test(text)
  );
}

function findSubjects(doc: Doc, returnMessage = false): SubjectHit[] {
  const text = doc.text;
  const all: SubjectHit[] = [];
  for (const p of GATED_SUBJECTS) {
    if (!mentions(doc, p.gate)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text))
      all.push({ start: m.index, end: m.index + m[0].length, subject: p.subject, weak: p.weak });
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: SubjectHit[] = [];
  for (const s of all) if (!kept.some((o) => o.start < s.end && s.start < o.end)) kept.push(s);
  return kept.map((s) => {
    const said = text.slice(s.start, s.end);
    // "tariffs and handling fees": handling fees next to customs are customs handling.
    if (
      s.subject === "shipping" &&
      /^handling/i.test(said) &&
      kept.some((o) => o.subject === "duties" && Math.abs(o.start - s.start) < 60)
    )
      return { ...s, subject: "duties" as const };
    // "post it back yourself and pay the postage": plain postage next to a return is the return's postage.
    if (
      s.subject === "shipping" &&
      BARE_SHIPPING.test(said) &&
      (nearReturn(text, s) ||
        (returnMessage && !/^shipping/i.test(said)) ||
        RETURNS_BEFORE.test(sameSentenceBefore(text, s.start)) ||
        FAULT_NEAR.test(sameSentenceBefore(text, s.start)))
    )
      return { ...s, subject: "return" as const };
    return s;
  });
}

const NEGATABLE_FREE = /^(?:covered|included|free|prepaid|pre-paid|complimentary|paid\s+(?:for\s+)?by\s+us)/i;
const NEGATED_BEFORE = /(?:\b(?:not|never|no\s+longer)|n't)\s+(?:be\s+|been\s+)?(?:fully\s+|always\s+)?$/i;

/** "$0 for shipping": an amount of nothing is not a charge. */
const ZERO_MONEY = /^(?:(?![1-9]).)*(?:US)?[$€£¥]\s?0(?:[.,]0{1,2})?(?![\d.,])(?:(?![1-9]).)*$/;

/** "by mistake", "I've removed it", "refunded": a past charge being corrected, not a fee. */
const CORRECTION =
  /\b(?:mistake|mistakenly|error|erroneous(?:ly)?|wrongly|incorrectly|removed|refunded|reversed|cancell?ed|waived|credited\s+back|shouldn't\s+have|should\s+not\s+have|by\s+accident|accidental(?:ly)?|glitch)\b/i;

const BARE_SHIPPING = /^(?:postage|shipping|courier|freight|(?:postage\s+)?stamps?)(?:\s+(?:fees?|charges?|costs?))?$/i;
/** "Returns are subject to a $5 shipping fee": the returns named just before, in the same stretch of text. */
const RETURNS_BEFORE = /\b(?:returns?|exchanges?)\b(?:(?!\b(?:and|but|while|whereas|or)\b)[^.!?;]){0,40}$/i;
/** "If the ring is faulty we'll cover postage": a fault in the same stretch of text is about sending it back. */
const FAULT_NEAR =
  /\b(?:faulty|defective|broken|damaged|wrong\s+(?:item|size|colou?r|one)|(?:came|come|is|are|was)\s+loose|fell\s+out|snapped|cracked)\b/i;
const RETURN_CUE =
  /\b(?:return(?:ing)?\s+(?:it|them|the\s+\w+|your\s+\w+)|(?:on|for|of)\s+(?:the|your|a|this)\s+return|(?:arrange|arranging|book|booking|make|start|process|do)\s+(?:the|your|a|this)\s+return|(?:send|sending|post|posting|ship|shipping|mail|mailing)\s+(?:it|them|(?:the|your|this|that)\s+\w+)\s+back|back\s+(?:to|with)\s+us|both\s+ways|each\s+way|there\s+and\s+back|(?:reach(?:es)?|gets?\s+(?:back\s+)?to)\s+us|(?:pop|put|drop)\s+(?:it|them)\s+in\s+the\s+post|post\s+(?:it|them)\s+(?:back|to\s+us))\b/gi;
const CUE_CONTRAST = /\b(?:but|however|while|whereas|although|though|except|unlike|whereas)\b|[.!?;]/i;

/** Up to 60 characters before `pos`, back to the start of its sentence. */
function sameSentenceBefore(text: string, pos: number): string {
  const before = text.slice(Math.max(0, pos - 60), pos);
  const cut = before.search(/[^.!?;]*$/);
  return cut > 0 ? before.slice(cut) : before;
}

function nearReturn(text: string, s: Hit): boolean {
  const from = Math.max(0, s.start - 50);
  const window = text.slice(from, Math.min(text.length, s.end + 40));
  RETURN_CUE.lastIndex = 0;
  for (let m = RETURN_CUE.exec(window); m; m = RETURN_CUE.exec(window)) {
    const a = from + m.index;
    const b = a + m[0].length;
    const gap = b <= s.start ? text.slice(b, s.start) : a >= s.end ? text.slice(s.end, a) : "";
    if (!CUE_CONTRAST.test(gap)) return true;
  }
  return false;
}

const PAST_BEFORE = /\b(?:was|were|been|had)\s+$/i;

function findStatements(doc: Doc): Statement[] {
  const text = doc.text;
  const free = collect(doc, GATED_FREE, (m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: "free" as const,
    loose: false,
  }));
  // "feel free", "free to" are not about money.
  // "feel free" is not about money; "not covered", "never included" negate the free word.
  const freeKept = free.filter(
    (f) =>
      !/\bfeel\s+$/i.test(text.slice(Math.max(0, f.start - 6), f.start)) &&
      !(
        NEGATABLE_FREE.test(text.slice(f.start, f.end)) &&
        NEGATED_BEFORE.test(text.slice(Math.max(0, f.start - 16), f.start))
      ),
  );
  const charge = collect(doc, GATED_CHARGE, (m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: "charge" as const,
    loose: LOOSE.test(m[0]),
  }));
  // "not included" beats "included"; otherwise a free statement beats an overlapping charge ("won't be charged").
  // A longer charge containing a free statement wins ("not included", "free over $40").
  const freeFinal = freeKept.filter(
    (f) => !charge.some((c) => c.start <= f.start && f.end <= c.end && c.end - c.start > f.end - f.start),
  );
  const chargeKept = charge.filter(
    (c) =>
      !ZERO_MONEY.test(text.slice(c.start, c.end)) &&
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
  /\b(?:defect(?:s|ive)?|faulty|broken|broke|damaged|damage|cracked|scratched|chipped|bent|snapped|tarnished|discolou?red|fell\s+(?:off|out|apart)|came\s+(?:loose|off|apart)|(?:stones?|clasp|setting|prongs?|hinges?|screws?|arms?|lens(?:es)?|charms?)\s+(?:is|are|was|were|has\s+come|have\s+come|came|come)\s+loose|missing\s+(?:stones?|parts?|pieces?)|not\s+working|doesn't\s+work|stopped\s+working|wrong\s+(?:item|size|colou?r|product|one|order|model|prescription|bracelet|ring|necklace|earrings|pair|shade|frames?|lenses|parcel|package)|not\s+what\s+you\s+ordered|(?:sent|shipped)\s+(?:you\s+)?(?:[\w-]+\s+){0,4}instead\s+of|(?:our|my)\s+(?:mistake|error|fault)|error\s+on\s+our\s+(?:part|side|end)|by\s+mistake|mix-up|manufacturing\s+(?:flaw|fault|defect|issue)|not\s+as\s+described|leak(?:ed|ing|s)?|quality\s+(?:issue|problem))\b/gi;
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

export function checkCosts(doc: Doc, policy: BrandPolicy, input: CheckInput): CostFlags {
  const subjects = findSubjects(doc, returnContext(doc.text, input));
  if (subjects.length === 0) return {};
  const statements = findStatements(doc);
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
      // A charge in the past is still a charge ("we've added $7 for postage") unless it is being corrected.
      if (
        clause &&
        isPastClause(doc.text.slice(clause.start, clause.end)) &&
        (CORRECTION.test(doc.text.slice(sentence.start, Math.min(doc.text.length, sentence.end + 80))) ||
          !/\b(?:we|i)(?:'ve|\s+have)\s+(?:just\s+)?(?:charged|billed|added|deducted)\b/i.test(
            doc.text.slice(clause.start, clause.end),
          ))
      )
        continue;
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
