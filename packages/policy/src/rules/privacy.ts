/**
 * privacy.sensitive_data: asking for or echoing card numbers, CVV/CVC/security codes,
 * passwords, PINs, one-time codes.
 *
 *  - Asking: a request verb (send, share, provide, give, tell, confirm, type, enter, read,
 *    reply with, need, ask for, what is/are...) before a sensitive item in the same clause:
 *    card number / card details / the 16 digits on your card, CVV, CVC, security code,
 *    password, passcode, PIN (upper case, or "PIN code/number"), one-time / verification /
 *    2FA code, OTP, bank account or routing number; also "the long number on your card", "the
 *    three numbers on the back of your Visa", "the security digits on the reverse", "the code
 *    we've just texted you", "the verification email", "a photo of your card", "your (Amazon)
 *    login", "pw", "memorable word". Request verbs include the casual ones (pop, put, drop,
 *    take, spell, read out, key in, reply with). Negated ("never share your CVV", "we will never
 *    ask for your PIN", "please don't send your card details", "we never store or ask for your
 *    CVV") is fine.
 *  - Echoing: a Luhn-valid 13-19 digit sequence (spaces or dashes allowed) that is not a
 *    tracking/order/reference number, "password: xyz" / "your PIN is 1234", or the
 *    "[redacted card]" placeholder of a stored body (the agent wrote a card number).
 *
 * Decisions: the last four digits of a card are not sensitive ("send the last 4 digits of the
 * card" is fine); "reset / change / choose your password" is not a request for it; "the pin on
 * the brooch" (lower case) is jewelry, not a PIN; "enter your card details at checkout" (on
 * the store's own page) is fine.
 */
import { makeFlag } from "./flag.ts";
import { clauseAt, type Doc, gate, hasNegation, mentions, negatedInClause } from "./text.ts";
import type { Flag } from "./types.ts";

const SENSITIVE =
  /\b(?:(?:long|full|whole|entire|16[- ]digit|sixteen[- ]digit|card)\s+)?(?:number|digits|code|numbers)\s+(?:on|from|across|printed\s+on)\s+(?:the\s+(?:front|back|reverse|rear)\s+of\s+)?(?:your|the)\s+(?:(?:(?:credit|debit|bank|payment)\s+)?card|visa|mastercard|amex)\b|\b(?:code|digits|numbers?)\s+on\s+the\s+(?:back|reverse|rear)\b|\bsecurity\s+digits\b|\byour\s+(?:[\w-]+\s+)?(?:login|log-in|sign-in)(?!\s+(?:page|link|screen|button|form))\b|\b(?:verification|security|login|sign-?in|2fa|otp|one-time|authentication)\s+(?:e-?mail|text|sms|message)\b|\b(?:full|all|complete|entire|long)\s+(?:(?:1[3-9]|sixteen|fifteen)[- ]?)digits?\b|\b(?:1[3-9]|sixteen|fifteen)[- ]digit\s+(?:card\s+)?number\b|\b(?:photo|picture|pic|image|scan|copy|screenshot)\s+of\s+(?:the\s+)?(?:(?:front|back)\s+(?:and|&)\s+(?:front|back)\s+of\s+)?(?:your|the)\s+(?:(?:credit|debit|bank|payment)\s+)?card\b|\b(?:front\s+(?:and|&)\s+back|both\s+sides)\s+of\s+(?:your|the)\s+(?:(?:credit|debit|bank|payment)\s+)?card\b|\b(?:3|4|three|four)[- ]?digits?\s+(?:security\s+)?(?:code|number)\b|\bcode\s+(?:that\s+)?(?:we|i)(?:'ve|\s+have)?\s+(?:just\s+)?(?:sent|texted|emailed|messaged|sms'd)\b|\bcode\s+(?:that\s+)?you(?:'ve|\s+have)?\s+(?:just\s+)?(?:received|got|been\s+sent)\b|\bcode\s+(?:in|from)\s+(?:the|that|our)\s+(?:text|sms|e-?mail|message)\b|\b(?:pw|pwd|passwd|pass\s+word)\b|\bmemorable\s+(?:word|information|info)\b|\bsecurity\s+(?:question\s+)?answers?\b|\bmother's\s+maiden\s+name\b|\b(?:(?:full|complete|entire|long)\s+)?(?:(?:credit|debit|bank)\s+)?card(?:'s)?\s+(?:number|details|info(?:rmation)?|no\.?|digits)\b|\b(?:the\s+)?(?:1[3-9]|sixteen|fifteen)\s+digits\s+(?:on|of)\s+(?:your|the)\s+card\b|\b(?:long\s+)?(?:number|digits|code)\s+(?:on|from)\s+the\s+(?:front|back)\s+of\s+(?:your|the)\s+card\b|\bsecurity\s+number\b|\b(?:\d|four|six|eight)-digit\s+(?:code|pin)\b|\bcode\s+from\s+(?:your\s+|the\s+)?(?:authenticator|text|sms|app|email)\b|\b(?:online\s+)?banking\s+(?:login|password|details|credentials)\b|\b(?:online\s+)?bank\s+(?:login|log-in|password|credentials|pin)\b|\b(?:security|card|account|bank|app)\s+pin\b|\blogin\s+(?:details|credentials)\b|\b(?:3|4|three|four)\s+digits\s+on\s+the\s+back\b|\bcode\s+(?:that\s+)?(?:we|i)\s+(?:just\s+)?(?:sent|texted|emailed)\b|\b(?:code|pin)\s+(?:sent\s+)?(?:to|on)\s+your\s+(?:phone|mobile|email)\b|\b(?:cvv2?|cvc2?|csc|cid)\b|\b(?:3|4|three|four)-digit\s+(?:security\s+)?code\b|\bsecurity\s+code\b|\bcard\s+verification\s+(?:code|value|number)\b|\b(?:account\s+|login\s+|email\s+)?password\b(?!\s+(?:reset|link|manager|recovery|change))|\bpasscode\b|\bpin\s+(?:code|number)\b|\bone[- ]time\s+(?:code|password|passcode|pin)\b|\botp\b|\b(?:verification|2fa|two[- ]factor|authentication|login|sms|security)\s+code\b|\b(?:bank\s+account|routing|iban)\s+(?:number|details)\b|\bsort\s+code\b|\bsocial\s+security\s+number\b|\bssn\b/gi;
/** "PIN" only in upper case: "the pin on the brooch" is jewelry. */
const PIN = /\bPINs?\b/g;

/**
 * Every match of SENSITIVE contains one of these words, or all the words of a list (see `gate`): for each of its
 * alternatives, a word between spaces or word boundaries ("card" ends most of them), or the glued forms a "[- ]?"
 * allows ("16digits", "3digit", seen by the "*digit" suffixes, as in TRIGGER below).
 */
const SENSITIVE_GATE = gate(
  [
    ...["card", "visa", "mastercard", "amex", "reverse", "rear"],
    ...["code", "digits", "number", "numbers"].map((w) => [w, "back"]),
    ...["login", "signin", "verification", "security", "2fa", "otp", "authentication", "banking", "routing", "iban"],
    ["log", "in"],
    ["sign", "in"],
    ["one", "time"],
    ["bank", "account"],
    ["bank", "log"],
    ["bank", "credentials"],
    // Suffixes: "digit" also glued to its count ("16digits", "3digit").
    ...["*digit", "*digits", "code", "pin", "password", "passcode", "memorable", "maiden", "ssn"],
    ...["pw", "pwd", "passwd"],
    ["pass", "word"],
    ...["cvv", "cvv2", "cvc", "cvc2", "csc", "cid"],
  ],
  [SENSITIVE],
);
const PIN_GATE = gate(["pin", "pins"], [PIN]);

const REQUEST =
  /\b(?:send|share|provide|give|tell|confirm|type|enter|read|post|dm|text|email|e-mail|forward|include|attach|supply|submit|verify|need|require|want|pop|put|drop|write|jot|stick|paste|add|list|leave|show|snap|photograph|screenshot|upload|scan|take|say|spell|key\s+in|fill\s+in|input|quote|pass\s+(?:on|me|us)|reply\s+with|let\s+(?:me|us)\s+know|ask(?:ing)?\s+(?:you\s+)?for|what(?:'s|\s+is|\s+are|\s+were|\s+was)|could\s+i\s+(?:have|get)|can\s+i\s+(?:have|get))\b/i;
/** "Card number? CVV? I need both": asked as a bare question, or needed right after. */
const REQUEST_AFTER = /^\s*\?|^[^.!?]{0,40}[.!?]?\s*(?:i|we)\s+(?:need|require|want)\b/i;
const OWN_PAGE_AFTER =
  /^[^.!?]{0,40}\b(?:on|in|at|into|through)\s+(?:the|our)\s+(?:login|web\s*site|site|app|checkout|payment|secure|account)/i;
const PASSWORD_ACTION_BEFORE =
  /\b(?:reset|change|update|recover|forgot(?:ten)?|new|choose|create|set\s+up|set|strong)\s+(?:your\s+|a\s+|the\s+)?(?:account\s+|login\s+)?$/i;
const LAST_FOUR_BEFORE = /\blast\s+(?:4|four)(?:\s+digits)?\s+(?:of\s+)?(?:your\s+|the\s+)?$/i;

const CARD_DIGITS = /\b\d(?:[ -]?\d){12,18}\b/g;
const REFERENCE_BEFORE =
  /\b(?:tracking|order|reference|ref|invoice|shipment|awb|parcel|waybill|case|ticket|account)\s*(?:number|no\.?|#|id)?\s*(?:is|:)?\s*$/i;
/** An echoed secret: the value must look like one (has a digit, or is quoted): "your PIN is 4821", "password: 'hunter2'". */
const ECHO =
  /\b(?:password|passcode|PIN|cvv|cvc)\s*(?:is|was|:|=)\s*(?:["'][^\s"']{3,}["']|[^\s"',.;]*\d[^\s"',.;]*)/gi;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const POLICY =
  "Customers' personal and payment information is protected: agents never ask for or repeat card numbers, security codes, passwords, PINs or one-time codes";

const DIGIT = /\d/;
/** The placeholder a stored body carries where a card number was (apps/api redaction): the agent echoed one. */
const CARD_PLACEHOLDER = /\[redacted\s+card\]/i;

/**
 * Words one of which every request or echo below contains (digits are checked separately). Digit words
 * are suffixes, so the glued forms SENSITIVE allows ("all 15digits", "3digit") open it too.
 */
const TRIGGER = gate(
  [
    "card",
    "cards",
    "visa",
    "mastercard",
    "amex",
    "number",
    "numbers",
    "expiry",
    "pw",
    "pwd",
    "passwd",
    "pass",
    "memorable",
    "maiden",
    "photo",
    "picture",
    "pic",
    "image",
    "scan",
    "copy",
    "screenshot",
    "cvv*",
    "cvc*",
    "csc",
    "cid",
    "code",
    "codes",
    // Prefixes: ECHO allows the value glued on ("passcodeis '…'").
    "password*",
    "passcode*",
    "pin*",
    "otp",
    "routing",
    "iban",
    "sort",
    "security",
    "ssn",
    "*digit",
    "*digits",
    "bank",
    "banking",
    "login",
    "log",
    "sign",
    "signin",
    ["one", "time"],
    "credential",
    "credentials",
    "authentication",
    "authenticator",
    "verification",
    "2fa",
    "redacted",
    "answer",
    "answers",
  ],
  [SENSITIVE, PIN, ...[CARD_PLACEHOLDER, CARD_DIGITS, ECHO].map((re) => ({ re, or: DIGIT }))],
);

export function checkPrivacy(doc: Doc): Flag | undefined {
  const text = doc.text;
  const words = mentions(doc, TRIGGER);
  if (!words && !DIGIT.test(text)) return undefined;
  const placeholder = CARD_PLACEHOLDER.exec(text);
  if (placeholder)
    return makeFlag(
      "privacy.sensitive_data",
      doc,
      placeholder.index,
      placeholder.index + placeholder[0].length,
      POLICY,
      "Repeats a card number (redacted in storage); never echo card numbers.",
    );
  // Echoed card numbers.
  CARD_DIGITS.lastIndex = 0;
  for (let m = CARD_DIGITS.exec(text); m; m = CARD_DIGITS.exec(text)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
    if (REFERENCE_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    return makeFlag(
      "privacy.sensitive_data",
      doc,
      m.index,
      m.index + m[0].length,
      POLICY,
      "Repeats what looks like a full card number (Luhn-valid); never echo card numbers.",
    );
  }
  ECHO.lastIndex = 0;
  const echo = ECHO.exec(text);
  if (echo && !hasNegation(text.slice(clauseAt(doc, echo.index)?.start ?? 0, echo.index)))
    return makeFlag(
      "privacy.sensitive_data",
      doc,
      echo.index,
      echo.index + echo[0].length,
      POLICY,
      "Repeats a password or security code in the message.",
    );
  // Requests.
  if (!words) return undefined;
  for (const [re, g] of [
    [SENSITIVE, SENSITIVE_GATE],
    [PIN, PIN_GATE],
  ] as const) {
    if (!mentions(doc, g)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const c = clauseAt(doc, start);
      const sentenceStart = c ? c.start : Math.max(0, start - 80);
      const before = text.slice(sentenceStart, start);
      if (LAST_FOUR_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue;
      // "reset your password": the customer acting on their own account, not telling us.
      if (PASSWORD_ACTION_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue;
      if (!REQUEST.test(before) && !requestInList(doc, start) && !REQUEST_AFTER.test(text.slice(end, end + 60)))
        continue;
      if (hasNegation(before) || negatedInClause(doc, start)) continue;
      if (OWN_PAGE_AFTER.test(text.slice(end, end + 60))) continue;
      return makeFlag(
        "privacy.sensitive_data",
        doc,
        start,
        end,
        POLICY,
        `Asks the customer for their ${m[0].toLowerCase()}; never request payment or login secrets.`,
      );
    }
  }
  return undefined;
}

/** "Please provide your card number, expiry date and CVC": the request is in an earlier clause of the list. */
function requestInList(doc: Doc, pos: number): boolean {
  const idx = doc.clauses.findIndex((c) => pos >= c.start && pos < c.end);
  for (let i = idx - 1; i >= 0 && i >= idx - 3; i--) {
    const c = doc.clauses[i];
    if (!c) break;
    const t = doc.text.slice(c.start, c.end);
    if (REQUEST.test(t) && !hasNegation(t)) return doc.text.slice(c.end, pos).search(/[.!?;]/) === -1;
  }
  return false;
}
