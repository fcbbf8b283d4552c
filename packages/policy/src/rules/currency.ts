/**
 * currency.non_usd: quoting refunds or prices in another currency than `policy.currency`.
 *
 * An amount with a currency sign or code ("€45.00", "45,00 €", "3,500 JPY", "20 GBP", "C$20",
 * "150 euros", "5000 yen") in another currency is flagged, including a courtesy conversion
 * ("$45 (about €41)": the store settles in its own currency only). A bare "$" and "dollars" are
 * US dollars; "US$", "USD" too. Without an amount, "refund you in euros" / "priced in GBP" is
 * flagged when it is about a refund, price or payment and not about the customer's bank
 * converting ("your bank may show it in your local currency" is fine). Negated mentions
 * ("we can't pay you in pounds") are fine.
 */
import type { BrandPolicy } from "../types.ts";
import { type Candidate, makeFlag, strongest } from "./flag.ts";
import { clauseAt, type Doc, gate, hasNegation, mentions } from "./text.ts";
import type { Flag } from "./types.ts";

const CODES = [
  "USD",
  "EUR",
  "GBP",
  "JPY",
  "CNY",
  "RMB",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "INR",
  "SEK",
  "NOK",
  "DKK",
  "MXN",
  "BRL",
  "HKD",
  "SGD",
  "KRW",
  "ZAR",
  "PLN",
  "TRY",
  "AED",
  "SAR",
  "THB",
  "PHP",
  "IDR",
  "MYR",
  "CZK",
  "HUF",
  "ILS",
  "RUB",
  "TWD",
  "VND",
  "NGN",
  "UAH",
  "EGP",
  "KES",
  "CLP",
  "COP",
  "ARS",
  "PEN",
  "RON",
  "BGN",
  "ISK",
  "QAR",
  "KWD",
  "PKR",
  "BDT",
  "LKR",
] as const;

const SYMBOLS: Readonly<Record<string, string>> = {
  $: "USD",
  US$: "USD",
  "U.S.$": "USD",
  C$: "CAD",
  CA$: "CAD",
  CAD$: "CAD",
  A$: "AUD",
  AU$: "AUD",
  AUD$: "AUD",
  NZ$: "NZD",
  HK$: "HKD",
  S$: "SGD",
  SG$: "SGD",
  MX$: "MXN",
  R$: "BRL",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
  "₩": "KRW",
  "₽": "RUB",
  "₺": "TRY",
  "₱": "PHP",
  "₪": "ILS",
  "₫": "VND",
  "฿": "THB",
  "₦": "NGN",
  "₴": "UAH",
  NT$: "TWD",
};

/** Letter symbols written next to an amount: "350 kr", "kr 350", "Rs. 499", "RM 40", "200 zł", "1 500 Kč". */
const LETTER_SYMBOLS: readonly [RegExp, string][] = [
  [/^kr\.?$/i, "SEK"],
  [/^(?:rs\.?|inr)$/i, "INR"],
  [/^RM$/, "MYR"],
  [/^zł$/i, "PLN"],
  [/^kč$/i, "CZK"],
  [/^Ft$/, "HUF"],
  [/^(?:lei|RON)$/i, "RON"],
  [/^(?:元|rmb)$/i, "CNY"],
  [/^円$/, "JPY"],
];

const WORDS: readonly [RegExp, string][] = [
  [/^(?:us\s+|u\.s\.\s+|american\s+)?dollars?$/i, "USD"],
  [/^(?:canadian)\s+dollars?$/i, "CAD"],
  [/^(?:australian)\s+dollars?$/i, "AUD"],
  [/^(?:new\s+zealand)\s+dollars?$/i, "NZD"],
  [/^(?:hong\s+kong)\s+dollars?$/i, "HKD"],
  [/^euros?$/i, "EUR"],
  [/^(?:pounds?(?:\s+sterling)?|sterling|quid)$/i, "GBP"],
  [/^yen$/i, "JPY"],
  [/^(?:yuan|renminbi)$/i, "CNY"],
  [/^rupees?$/i, "INR"],
  [/^(?:roubles?|rubles?)$/i, "RUB"],
  [/^(?:mexican\s+)?pesos?$/i, "MXN"],
  [/^(?:swiss\s+)?francs?$/i, "CHF"],
  [/^(?:kronor|krona|kronur|kroner|krone)$/i, "SEK"],
  [/^zloty$/i, "PLN"],
  [/^(?:reais|real)$/i, "BRL"],
  [/^pence$/i, "GBP"],
  [/^(?:dirhams?|dhs)$/i, "AED"],
  [/^(?:riyals?|rials?)$/i, "SAR"],
  [/^dinars?$/i, "KWD"],
  [/^ringgit$/i, "MYR"],
  [/^baht$/i, "THB"],
  [/^won$/i, "KRW"],
  [/^rand$/i, "ZAR"],
  [/^(?:shekels?|sheqels?)$/i, "ILS"],
  [/^(?:lira|lire)$/i, "TRY"],
  [/^forints?$/i, "HUF"],
  [/^(?:koruna|korun|crowns?)$/i, "CZK"],
  [/^(?:zlotys?|złoty|złotych)$/i, "PLN"],
  [/^(?:lei|leu)$/i, "RON"],
  [/^(?:hryvnias?|hryvnia)$/i, "UAH"],
  [/^(?:nairas?)$/i, "NGN"],
  [/^(?:dong)$/i, "VND"],
];
const WORD_ALT =
  "(?:(?:us|u\\.s\\.|american|canadian|australian|new\\s+zealand|hong\\s+kong)\\s+)?dollars?|euros?|pounds?(?:\\s+sterling)?|sterling|quid|yen|yuan|renminbi|rupees?|roubles?|rubles?|(?:mexican\\s+)?pesos?|(?:swiss\\s+)?francs?|kronor|krona|kroner|krone|zlotys?|złoty|złotych|reais|pence|dirhams?|riyals?|rials?|dinars?|ringgit|baht|won|rand|shekels?|lira|lire|forints?|koruna|korun|lei|hryvnias?|nairas?|dong";

const AMOUNT = String.raw`\d{1,3}(?:[,.\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SYMBOL_ALT = String.raw`U\.S\.\$|US\$|CAD\$|CA\$|C\$|AUD\$|AU\$|A\$|NZ\$|NT\$|HK\$|SG\$|S\$|MX\$|R\$|\$|€|£|¥|₹|₩|₽|₺|₱|₪|₫|฿|₦|₴`;
const LETTER_ALT = String.raw`kr\.?|Kr\.?|Rs\.?|RS\.?|RM|zł|Zł|Kč|Ft|lei|元|円`;
const CODE_ALT = CODES.join("|");

/** Case-sensitive: codes are upper case ("TRY" is a currency, "try" is not). */
const AMOUNT_RE = new RegExp(
  `(?<![\\w$])(${SYMBOL_ALT})\\s?(${AMOUNT})|(${AMOUNT})\\s?(€|£|¥|₹|₩|₽|₺|₱|₪|₫|฿|₦|₴)|(${AMOUNT})\\s?(${CODE_ALT})\\b|\\b(${CODE_ALT})\\s?(${AMOUNT})`,
  "g",
);
const LETTER_AMOUNT_RE = new RegExp(
  `(?<![\\w$])(${LETTER_ALT})\\s?(${AMOUNT})(?![\\w%])|(?<![\\w.,])(${AMOUNT})\\s?(${LETTER_ALT})(?![\\w])`,
  "g",
);
const AMOUNT_WORD_RE = new RegExp(`\\b(${AMOUNT})\\s+(${WORD_ALT})\\b`, "gi");
/**
 * The source with every letter (outside an escape) matching either case: for the parts of an expression without
 * the i flag that are case-insensitive, as "in EUR" / "In euros" are while the code itself must be upper case.
 */
const caseless = (source: string): string =>
  source.replace(/\\.|\p{L}/gu, (c) => {
    const up = c.toUpperCase();
    return c.length > 1 || up === c ? c : `[${c}${up}]`;
  });
const IN_CURRENCY_RE = new RegExp(
  `\\b${caseless("(?:in|into)")}\\s+(?:(${CODE_ALT})\\b|(${caseless(WORD_ALT)})\\b)`,
  "g",
);
/** "We can refund you in your local currency": the store paying out in another currency (not the bank converting). */
const LOCAL_CURRENCY_RE =
  /\b(?:we|i)(?:'ll|\s+will|\s+can|\s+could|'d|\s+would)?\s+(?:\w+\s+)?(?:refund|pay|credit|charge|quote|price|reimburse|send)\w*\s+(?:you\s+)?(?:(?:it|this|that|the\s+\w+)\s+)?in\s+(?:your\s+)?(?:local|own|home)\s+currency\b/gi;
const MONEY_CONTEXT =
  /\b(?:refund\w*|pay\w*|paid|price\w*|charg\w*|cost\w*|quot\w*|settl\w*|credit\w*|send|sent|invoice\w*|bill\w*)\b/i;
const BANK_CONTEXT = /\b(?:bank|issuer|exchange\s+rate|conversion|convert\w*|statement|local\s+currency)\b/i;

function codeOfWord(w: string): string | undefined {
  const word = w.replace(/\s+/g, " ").trim();
  for (const [re, code] of WORDS) if (re.test(word)) return code;
  return undefined;
}

/**
 * A sign, a code (also glued to an amount: "GBP4", "4GBP", as AMOUNT_RE allows; only the codes AMOUNT_RE knows,
 * so carriers and order-number prefixes, "UPS", "DHL", "ORD1234", do not open it) or a letter currency beside
 * digits ("lei24", "24kr": LETTER_AMOUNT_RE, built from the same LETTER_ALT).
 */
const TRIGGER_SIGN = new RegExp(
  `[$€£¥₹₩₽₺₱₪₫฿₦₴元円]|(?<![A-Za-z])(?:${CODE_ALT})(?![A-Za-z])|\\d\\s?(?:${LETTER_ALT})|(?:${LETTER_ALT})\\s?\\d`,
);
const TRIGGER_WORD = gate(
  [
    "currency",
    "dollar",
    "dollars",
    "euro",
    "euros",
    "pound",
    "pounds",
    "sterling",
    "quid",
    "yen",
    "yuan",
    "renminbi",
    "rupee",
    "rupees",
    "ruble",
    "rubles",
    "rouble",
    "roubles",
    "peso",
    "pesos",
    "franc",
    "francs",
    "krona",
    "kronor",
    "krone",
    "kroner",
    "kronur",
    "zloty",
    "zlotys",
    "oty",
    "otych",
    "reais",
    "real",
    "pence",
    "dirham",
    "dirhams",
    "dhs",
    "riyal",
    "riyals",
    "rial",
    "rials",
    "dinar",
    "dinars",
    "ringgit",
    "baht",
    "won",
    "rand",
    "shekel",
    "shekels",
    "sheqel",
    "sheqels",
    "lira",
    "lire",
    "forint",
    "forints",
    "koruna",
    "korun",
    "crown",
    "crowns",
    "lei",
    "leu",
    "hryvnia",
    "hryvnias",
    "naira",
    "nairas",
    "dong",
  ],
  [AMOUNT_RE, LETTER_AMOUNT_RE, AMOUNT_WORD_RE, IN_CURRENCY_RE, LOCAL_CURRENCY_RE].map((re) => ({
    re,
    or: TRIGGER_SIGN,
  })),
);

export function checkCurrency(doc: Doc, policy: BrandPolicy): Flag | undefined {
  if (!TRIGGER_SIGN.test(doc.text) && !mentions(doc, TRIGGER_WORD)) return undefined;
  const currency = policy.currency.toUpperCase();
  const cands: Candidate[] = [];
  const add = (start: number, end: number, code: string, strength: number) => {
    if (code === currency) return;
    const c = clauseAt(doc, start);
    if (hasNegation(doc.text.slice(c ? c.start : Math.max(0, start - 40), start))) return;
    cands.push({
      strength,
      flag: makeFlag(
        "currency.non_usd",
        doc,
        start,
        end,
        `Refunds and prices are quoted and settled in ${currency} (currency ${currency})`,
        `Quotes an amount in ${code}; this store quotes and settles in ${currency} only.`,
      ),
    });
  };
  const text = doc.text;
  AMOUNT_RE.lastIndex = 0;
  for (let m = AMOUNT_RE.exec(text); m; m = AMOUNT_RE.exec(text)) {
    const symbol = m[1] ?? m[4];
    const code = symbol !== undefined ? SYMBOLS[symbol] : (m[6] ?? m[7]);
    if (code) add(m.index, m.index + m[0].length, code, 3);
  }
  AMOUNT_WORD_RE.lastIndex = 0;
  for (let m = AMOUNT_WORD_RE.exec(text); m; m = AMOUNT_WORD_RE.exec(text)) {
    const code = codeOfWord(m[2] ?? "");
    if (code) add(m.index, m.index + m[0].length, code, 3);
  }
  LETTER_AMOUNT_RE.lastIndex = 0;
  for (let m = LETTER_AMOUNT_RE.exec(text); m; m = LETTER_AMOUNT_RE.exec(text)) {
    const symbol = m[1] ?? m[4] ?? "";
    const code = LETTER_SYMBOLS.find(([re]) => re.test(symbol))?.[1];
    if (code) add(m.index, m.index + m[0].length, code, 3);
  }
  LOCAL_CURRENCY_RE.lastIndex = 0;
  for (let m = LOCAL_CURRENCY_RE.exec(text); m; m = LOCAL_CURRENCY_RE.exec(text))
    add(m.index, m.index + m[0].length, "the customer's local currency", 1);
  IN_CURRENCY_RE.lastIndex = 0;
  for (let m = IN_CURRENCY_RE.exec(text); m; m = IN_CURRENCY_RE.exec(text)) {
    const raw = m[1] ?? m[2] ?? "";
    // Codes are upper case (IN_CURRENCY_RE matches them so, and the rest of the phrase in either case).
    const code = m[1] !== undefined ? raw : codeOfWord(raw);
    if (!code) continue;
    const c = clauseAt(doc, m.index);
    const clause = text.slice(c ? c.start : Math.max(0, m.index - 60), c ? c.end : m.index + 40);
    if (!MONEY_CONTEXT.test(clause) || BANK_CONTEXT.test(clause)) continue;
    add(m.index, m.index + m[0].length, code, 1);
  }
  return strongest(cands);
}
