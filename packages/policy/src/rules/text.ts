/**
 * Text preparation shared by the message rules: a length-preserving normalisation (so offsets
 * in the normalised text are offsets in the body), sentences and clauses.
 *
 * Clauses are split at punctuation (, ; : dashes brackets) and at connectives (and, but, so,
 * or, if, unless, once, after, when, because, which, ...). A time expression or keyword is
 * only attached to topic words of its own clause unless nothing better is found in the
 * sentence (see timeline.ts). A clause remembers the connective that opened it, so "if ..."
 * and "unless ..." clauses can be recognised as conditional.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Sentence extends Span {
  /** Ends with a question mark. */
  readonly question: boolean;
}

export interface Clause extends Span {
  /** The lower-cased connective or first word that opens the clause ("if", "and", "once", ...). */
  readonly lead: string;
}

/** Which gate words (see `gate`) a text has; `scanWords` makes it. */
export interface Words {
  /**
   * Which prefilter gates the text opens, by a single word or a whole conjunction: a bit set (gate id -> bit
   * id % 32 of word id >> 5). (A few 32-bit words: small typed arrays are allocated on V8's heap,
   * while a byte per gate, or per gate word, is an off-heap buffer that costs more to allocate than the scan.)
   */
  readonly gates: Uint32Array;
  /** The gate words (their indexes, see `gate`) the text has, each once, in order of first appearance. */
  readonly found: readonly number[];
}

export interface Doc extends Words {
  /** The body as given. */
  readonly body: string;
  /** The body with curly apostrophes and quotes, no-break and thin spaces normalised; same length and offsets. */
  readonly text: string;
  readonly sentences: readonly Sentence[];
  readonly clauses: readonly Clause[];
}

const SENTENCE_END = /[.!?…]+(?=["')\]]*(?:\s|$))|\n+/g;
const ABBREVIATIONS = new Set(["e.g", "i.e", "etc", "approx", "vs", "mr", "mrs", "ms", "dr", "st", "nr", "inc", "ltd"]);
const LAST_WORD = /([a-z.]+)$/i;

const CLAUSE_BREAK =
  /\s*(?:[,;:()]|\s[–—-]\s|[–—])\s*|\s+(?=(?:and|but|so|or|while|whereas|although|though|however|because|which|then|plus|otherwise|unless|if|once|when|after|before|since|until|as soon as)\s)/gi;
const FIRST_WORD = /^\s*([a-z]+(?:\s+soon\s+as)?)/i;

const TO_NORMALISE = /[\u2018\u2019\u02bc\u201c\u201d\u00a0\u202f\u2009]/g;
const NORMALISED: Readonly<Record<string, string>> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u02bc": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u00a0": " ",
  "\u202f": " ",
  "\u2009": " ",
};

/** Same-length normalisation: ’ ‘ ʼ → ', “ ” → ", no-break and thin spaces → space. */
export function normalise(body: string): string {
  TO_NORMALISE.lastIndex = 0;
  if (!TO_NORMALISE.test(body)) return body;
  return body.replace(TO_NORMALISE, (c) => NORMALISED[c] ?? c);
}

function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0][0] === ".") {
      const word = LAST_WORD.exec(text.slice(Math.max(start, m.index - 8), m.index))?.[1]?.toLowerCase();
      if (word !== undefined && ABBREVIATIONS.has(word)) continue;
    }
    if (text.slice(start, end).trim() !== "") out.push({ start, end, question: m[0].includes("?") });
    start = end;
  }
  if (text.slice(start).trim() !== "") out.push({ start, end: text.length, question: false });
  return out;
}

function inside(pos: number, protectedSpans: readonly Span[]): boolean {
  for (const s of protectedSpans) if (pos > s.start && pos < s.end) return true;
  return false;
}

function splitClauses(text: string, sentences: readonly Sentence[], protectedSpans: readonly Span[]): Clause[] {
  const out: Clause[] = [];
  for (const s of sentences) {
    const slice = text.slice(s.start, s.end);
    let start = 0;
    CLAUSE_BREAK.lastIndex = 0;
    for (let m = CLAUSE_BREAK.exec(slice); m; m = CLAUSE_BREAK.exec(slice)) {
      if (m[0].length === 0) {
        CLAUSE_BREAK.lastIndex++;
        continue;
      }
      if (inside(s.start + m.index, protectedSpans)) continue;
      if (m.index > start) out.push(clause(text, s.start + start, s.start + m.index));
      start = m.index + m[0].length;
    }
    if (start < slice.length) out.push(clause(text, s.start + start, s.end));
  }
  return out;
}

function clause(text: string, start: number, end: number): Clause {
  const lead = FIRST_WORD.exec(text.slice(start, Math.min(end, start + 16)))?.[1]?.toLowerCase() ?? "";
  return { start, end, lead };
}

/**
 * Builds the document of a body whose normalised `text` is given; `protectedSpans` (e.g. "between 5 and 10 days")
 * are never split into clauses. `words` is `scanWords(text)` when the caller already has it.
 */
export function buildDoc(
  body: string,
  text: string,
  protectedSpans: readonly Span[],
  words: Words = scanWords(text),
): Doc {
  const sentences = splitSentences(text);
  return {
    body,
    text,
    gates: words.gates,
    found: words.found,
    sentences,
    clauses: splitClauses(text, sentences, protectedSpans),
  };
}

/**
 * Prefilters, registered at module load: `gate(words)` names the words one of which every match of a costly regular
 * expression contains; `mentions(doc, id)` tells whether the message has one of them, so the expression can be
 * skipped when it has none. An entry may also be a list of words that must all be present (`["end", "of"]`): the
 * gate opens when every one of them is in the message, anywhere and in any order.
 *
 * Words are runs of ASCII letters and digits, compared in lower case ("can't" is "can" and "t"). Every other
 * character separates words, so a word in the regular-expression sense (`\b...\b`, \w = [A-Za-z0-9_]) is always one
 * of them or a run of them joined by "_": a gate word matched between two `\b` is always seen. (Non-ASCII characters
 * that lower-case to ASCII, the Kelvin sign and "İ", are separators too, as they are for \w.)
 *
 * A gate word may also be a prefix, "escalat*": any word that starts with it ("escalate", "escalation", "escalat"),
 * for a pattern like `\bescalat\w*`; or a suffix, "*days": any word that ends with it ("days", "48days",
 * "businessdays"), for a unit that may be glued to what precedes it.
 *
 * One pass over the characters of the text (`scanWords`) walks a trie of the whole gate words, and at the end of each
 * word a trie of the prefixes forwards from the word's start and a trie of the suffixes backwards from its end (both
 * small; their walks stop at the first character that no prefix or suffix continues with, usually the first). Gates
 * open during the pass: a single word's when it is seen, a conjunction's when the last of its words is (each
 * conjunction counts its words seen, in counters shared by every scan and reset by a stamp), so `mentions` is one bit.
 *
 * (CPU profiles of checkMessage give `scanWords` ~3 µs a store message of self time, but timed directly, interleaved
 * with checkMessage or alone, it took ~1.1 µs before prefixes and suffixes and ~1.6 µs with them: the profiles
 * overstate it, and no cache misses showed. A hash table of the whole words instead of the trie was slower.)
 */
export type GateWord = string | readonly string[];

/** Index of each gate word as given, "escalat*" and "*days" included (the index is what `Words.found` holds). */
const WORD_INDEX = new Map<string, number>();
/** For each gate word (by index), the gates it opens on its own. */
const OPENS: number[][] = [];
/** For each gate word (by index), the conjunctions (by id) it is one of. */
const IN_CONJUNCTIONS: number[][] = [];
/** For each conjunction (by id): the gate it opens, and how many distinct words it needs. */
const CONJUNCTION_GATE: number[] = [];
const CONJUNCTION_SIZE: number[] = [];
const GATE_COUNT = { n: 0 };

/** The trie symbol of a character code: 0-9 for digits, 10-35 for letters of either case, -1 for a separator. */
function symbol(c: number): number {
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  if (c >= 48 && c <= 57) return c - 48;
  return -1;
}

/** A trie over 36 symbols: node * 36 + symbol -> child node (0: none); node 0 is the root. */
interface Trie {
  readonly next: number[];
  /** For each node, the index of the gate word that ends there, or -1. */
  readonly word: number[];
}
/** The whole gate words. */
const WHOLE: Trie = { next: new Array(36).fill(0), word: [-1] };
const PREFIXES: Trie = { next: new Array(36).fill(0), word: [-1] };
/** Suffixes are stored reversed: the walk goes backwards from the end of a word. */
const SUFFIXES: Trie = { next: new Array(36).fill(0), word: [-1] };

function addToTrie(trie: Trie, letters: string, index: number): void {
  let node = 0;
  for (let i = 0; i < letters.length; i++) {
    const slot = node * 36 + symbol(letters.charCodeAt(i));
    let next = trie.next[slot] as number;
    if (next === 0) {
      next = trie.word.length;
      trie.word.push(-1);
      for (let k = 0; k < 36; k++) trie.next.push(0);
      trie.next[slot] = next;
    }
    node = next;
  }
  trie.word[node] = index;
}

function wordIndex(w: string): number {
  const known = WORD_INDEX.get(w);
  if (known !== undefined) return known;
  const m = /^(\*?)([a-z0-9]+)(\*?)$/.exec(w);
  if (!m || (m[1] && m[3]))
    throw new Error(
      `gate word ${JSON.stringify(w)} is not a lower-case run of a-z, 0-9 (with a leading or trailing *)`,
    );
  const letters = m[2] as string;
  const index = OPENS.length;
  WORD_INDEX.set(w, index);
  OPENS.push([]);
  IN_CONJUNCTIONS.push([]);
  if (!m[1] && !m[3]) addToTrie(WHOLE, letters, index);
  if (m[3]) addToTrie(PREFIXES, letters, index);
  if (m[1]) addToTrie(SUFFIXES, [...letters].reverse().join(""), index);
  return index;
}

/**
 * An expression a gate lets the rules skip: every text with a match of `re` opens the gate — or, where the rule also
 * runs it when a cheap expression matches (`or`: "a currency sign, or a currency word"), matches `or`.
 */
export type Guard = RegExp | { readonly re: RegExp; readonly or: RegExp };
export interface Guarded {
  /** The gate, or null where only `or` decides (an expression skipped unless a cheap expression matches). */
  readonly gate: number | null;
  readonly re: RegExp;
  readonly or?: RegExp;
}
const GUARDED: Guarded[] = [];

/** Registers an expression the rules skip unless `or` matches the text, with no gate words (see `Guard`). */
export function guardedBy(or: RegExp, expressions: readonly RegExp[]): void {
  for (const re of expressions) GUARDED.push({ gate: null, re, or });
}

/**
 * Registers a prefilter (see above) and returns its id for `mentions`. `guards` are the expressions it lets the rules
 * skip; the prefilter tests generate matches of each and check that every one opens it (`guardedExpressions`).
 */
export function gate(words: readonly GateWord[], guards: readonly Guard[] = []): number {
  const id = GATE_COUNT.n++;
  for (const g of guards) GUARDED.push(g instanceof RegExp ? { gate: id, re: g } : { gate: id, ...g });
  for (const w of words) {
    if (typeof w === "string") (OPENS[wordIndex(w)] as number[]).push(id);
    else if (w.length === 1) (OPENS[wordIndex(w[0] as string)] as number[]).push(id);
    else {
      const members = [...new Set(w.map(wordIndex))];
      const c = CONJUNCTION_GATE.length;
      CONJUNCTION_GATE.push(id);
      CONJUNCTION_SIZE.push(members.length);
      for (const m of members) (IN_CONJUNCTIONS[m] as number[]).push(c);
    }
  }
  return id;
}

/** The lookup structures as typed arrays, rebuilt when a gate or gate word was registered since (at module load). */
interface Tables {
  readonly words: number;
  readonly conjunctions: number;
  readonly wholeNext: Int32Array;
  readonly wholeWord: Int32Array;
  readonly prefixNext: Int32Array;
  readonly prefixWord: Int32Array;
  readonly suffixNext: Int32Array;
  readonly suffixWord: Int32Array;
  /** Per conjunction: the scan (`stamp`) its count belongs to, and how many of its words that scan has seen. */
  readonly conjunctionStamp: Int32Array;
  readonly conjunctionSeen: Int32Array;
}
let tables: Tables | undefined;
/** Numbers the scans, so a conjunction's count from an earlier scan reads as zero without clearing every counter. */
let stamp = 0;

/** SYMBOL[c] = symbol(c) for the ASCII character codes. */
const SYMBOL = Int8Array.from({ length: 128 }, (_, c) => symbol(c));

function open(gates: Uint32Array, id: number): void {
  gates[id >>> 5] = (gates[id >>> 5] as number) | (1 << (id & 31));
}

/** Records gate word `w` (if any: -1 is none) as found, opens its single-word gates and those of the conjunctions it completes. */
function see(w: number, found: number[], gates: Uint32Array, t: Tables): void {
  if (w < 0 || found.includes(w)) return;
  found.push(w);
  for (const id of OPENS[w] as number[]) open(gates, id);
  for (const c of IN_CONJUNCTIONS[w] as number[]) {
    if (t.conjunctionStamp[c] !== stamp) {
      t.conjunctionStamp[c] = stamp;
      t.conjunctionSeen[c] = 0;
    }
    t.conjunctionSeen[c] = (t.conjunctionSeen[c] as number) + 1;
    if (t.conjunctionSeen[c] === CONJUNCTION_SIZE[c]) open(gates, CONJUNCTION_GATE[c] as number);
  }
}

/** Which gate words `text` has, and the gates they open, alone or completing a conjunction (one pass over its characters). */
export function scanWords(text: string): Words {
  if (tables === undefined || tables.words !== OPENS.length || tables.conjunctions !== CONJUNCTION_GATE.length)
    tables = {
      words: OPENS.length,
      conjunctions: CONJUNCTION_GATE.length,
      conjunctionStamp: new Int32Array(CONJUNCTION_GATE.length),
      conjunctionSeen: new Int32Array(CONJUNCTION_GATE.length),
      wholeNext: Int32Array.from(WHOLE.next),
      wholeWord: Int32Array.from(WHOLE.word),
      prefixNext: Int32Array.from(PREFIXES.next),
      prefixWord: Int32Array.from(PREFIXES.word),
      suffixNext: Int32Array.from(SUFFIXES.next),
      suffixWord: Int32Array.from(SUFFIXES.word),
    };
  const t = tables;
  const { wholeNext, wholeWord, prefixNext, prefixWord, suffixNext, suffixWord } = t;
  // Stamps start at 1 (0 is a fresh counter's); past 2^30 scans the counters are cleared and numbering starts again.
  if (++stamp > 1 << 30) {
    t.conjunctionStamp.fill(0);
    stamp = 1;
  }
  const gates = new Uint32Array((GATE_COUNT.n + 31) >>> 5);
  const found: number[] = [];
  // node: the trie node of the whole word read so far; -1 once the word is known not to be a whole gate word.
  let node = 0;
  let start = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    const s = c < 128 ? (SYMBOL[c] as number) : -1;
    if (s >= 0) {
      if (node >= 0) node = (wholeNext[node * 36 + s] as number) || -1;
      continue;
    }
    if (i > start) {
      if (node > 0 && (wholeWord[node] as number) >= 0) see(wholeWord[node] as number, found, gates, t);
      // Prefixes and suffixes: short walks from the word's start and back from its end (each word is all symbols).
      for (let k = start, p = 0; k < i; k++) {
        p = prefixNext[p * 36 + (SYMBOL[text.charCodeAt(k)] as number)] as number;
        if (p === 0) break;
        if ((prefixWord[p] as number) >= 0) see(prefixWord[p] as number, found, gates, t);
      }
      for (let k = i - 1, p = 0; k >= start; k--) {
        p = suffixNext[p * 36 + (SYMBOL[text.charCodeAt(k)] as number)] as number;
        if (p === 0) break;
        if ((suffixWord[p] as number) >= 0) see(suffixWord[p] as number, found, gates, t);
      }
    }
    node = 0;
    start = i + 1;
  }
  return { gates, found };
}

/** Every gate with the expressions it guards (for the tests that check each match opens its gate). */
export function guardedExpressions(): readonly Guarded[] {
  return GUARDED;
}

/** Every registered gate word, prefixes and suffixes without their "*" (for tests that build texts from them). */
export function gateWords(): string[] {
  return [...WORD_INDEX.keys()].map((w) => w.replace("*", ""));
}

/** Test-only switch: with prefilters off every gate is open, so every expression runs (see the differential test). */
let prefilters = true;
export function setPrefilters(on: boolean): void {
  prefilters = on;
}

/**
 * Whether a prefilter that is an expression rather than gate words (`guardedBy`) may skip work: false while the
 * differential test has the prefilters off, so those expressions are compared too.
 */
export const prefiltering = (): boolean => prefilters;

/** Whether the message has one of the words of gate `id`, or all the words of one of its conjunctions (see `gate`). */
export function mentions(words: Words, id: number): boolean {
  return ((words.gates[id >>> 5] as number) & (1 << (id & 31))) !== 0 || !prefilters;
}

export function sentenceAt(doc: Doc, pos: number): Sentence | undefined {
  for (const s of doc.sentences) if (pos >= s.start && pos < s.end) return s;
  return undefined;
}

export function clauseIndexAt(doc: Doc, pos: number): number {
  const cs = doc.clauses;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as Clause;
    if (pos < c.end) return pos >= c.start ? i : i - 0.5;
  }
  return cs.length - 0.5;
}

export function clauseAt(doc: Doc, pos: number): Clause | undefined {
  const i = clauseIndexAt(doc, pos);
  return Number.isInteger(i) ? doc.clauses[i] : undefined;
}

// "no later than", "not more than", "won't take longer than" bound a duration; they do not negate it.
const NOT_A_NEGATION =
  /(?:\b(?:no|not|never)|n't)\s+(?:take\s+|be\s+)?(?:later|more|longer)\s+than\b|\bno\s+(?:problem|worries|questions\s+asked|quibbles?)\b|\bno-\w+/gi;
const NEGATION =
  /(?:\b(?:not|never|no|cannot|unable|without|nor|instead\s+of|rather\s+than|impossible)\b|n't\b|\bno\s+need\b)/i;

/** A negation in `text` (after removing "no later than" and similar bounds). */
export function hasNegation(text: string): boolean {
  NOT_A_NEGATION.lastIndex = 0;
  return NEGATION.test(text.replace(NOT_A_NEGATION, " "));
}

const COORDINATED = /^\s*(?:or|nor|and)\b/i;

/**
 * Negated in the clause before `pos`, or in the clause it is coordinated with: "we never store or ask for your
 * CVV" (the "or ask for" clause shares "never").
 */
export function negatedInClause(doc: Doc, pos: number): boolean {
  const i = clauseIndexAt(doc, pos);
  if (!Number.isInteger(i)) return hasNegation(doc.text.slice(Math.max(0, pos - 40), pos));
  const c = doc.clauses[i] as Clause;
  if (hasNegation(doc.text.slice(c.start, pos))) return true;
  const prev = doc.clauses[i - 1];
  if (!prev || !COORDINATED.test(doc.text.slice(c.start, c.end))) return false;
  const s = sentenceAt(doc, pos);
  return s !== undefined && prev.start >= s.start && hasNegation(doc.text.slice(prev.start, prev.end));
}

const PUNCTUATION = /[,;:.!?()—–]/g;

/**
 * Negated within the same stretch of text before `pos`: back to the last punctuation mark
 * (not to the last connective), so "we don't offer phone or chat support" negates "chat".
 */
export function negatedInPhrase(doc: Doc, pos: number, maxChars = 50): boolean {
  const from = Math.max(0, pos - maxChars);
  const before = doc.text.slice(from, pos);
  let cut = 0;
  PUNCTUATION.lastIndex = 0;
  for (let m = PUNCTUATION.exec(before); m; m = PUNCTUATION.exec(before)) cut = m.index + 1;
  return hasNegation(before.slice(cut));
}

const CONDITIONAL_LEAD = new Set(["if", "unless", "should", "in"]);
const CONDITIONAL_START = /^\s*(?:if|unless|in\s+case|should\s+(?:it|they|the|your))\b/i;

/** The clause containing `pos` is a condition ("if it hasn't arrived within 12 days"). */
export function conditionalAt(doc: Doc, pos: number): boolean {
  const c = clauseAt(doc, pos);
  if (!c) return false;
  if (c.lead === "if" || c.lead === "unless") return true;
  return CONDITIONAL_LEAD.has(c.lead) && CONDITIONAL_START.test(doc.text.slice(c.start, c.end));
}

const PAST =
  /\b(?:ago|was|were|has\s+been|have\s+been|had|it's\s+been|already|yesterday|last\s+(?:time|week|month|year)|earlier|took|(?:i|we)(?:'ve|\s+have)\s+(?:just\s+|already\s+)?\w+ed)\b/i;
const SIMPLE_PAST =
  /\b(?:shipped|dispatched|despatched|posted|mailed|couriered|delivered|arrived|landed|reached|refunded|reimbursed|credited|issued|processed|approved|released|sent|went\s+out|left)\b/gi;
const FUTURE_TIME =
  /\b(?:tomorrow|tmrw|2moro|tonight|later\s+today|next\s+(?:week|month|day|working\s+day|business\s+day|monday|tuesday|wednesday|thursday|friday)|in\s+the\s+next|by\s+(?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the\s+end))\b/i;
const DURATION_AFTER =
  /^\s+(?:with)?in\s+(?:under\s+|less\s+than\s+)?(?:\d|an?\s|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|a\s+(?:few|couple))/i;
const AUXILIARY_BEFORE = /\b(?:be|been|being|is|are|am|get|gets|got|will|to|'ll|'s|'re)\s+(?:\w+\s+)?$/i;
const FUTURE =
  /(?:\b(?:will|shall|going\s+to|should|expect\w*|usually|typically|normally|generally|take|takes|can|may|might|guarantee\w*|promise\w*|would|must)\b|'ll\b)/i;

/** "will", "'ll", "usually", "should", "expect"...: the clause speaks of what is to come or what usually happens. */
export function hasFutureMarker(clauseText: string): boolean {
  return FUTURE.test(clauseText);
}

/** A clause in the past with no future or habitual marker: "was refunded in 2 days", "shipped this morning", "was added by mistake". */
export function isPastClause(clauseText: string): boolean {
  if (FUTURE.test(clauseText)) return false;
  if (PAST.test(clauseText)) return true;
  // "funds released to your card tomorrow": a participle with a time still to come is not the past.
  if (FUTURE_TIME.test(clauseText)) return false;
  SIMPLE_PAST.lastIndex = 0;
  for (let m = SIMPLE_PAST.exec(clauseText); m; m = SIMPLE_PAST.exec(clauseText)) {
    // "Refunds processed within 24h": a participle giving a duration is a statement of service, not the past.
    if (DURATION_AFTER.test(clauseText.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
    if (!AUXILIARY_BEFORE.test(clauseText.slice(Math.max(0, m.index - 24), m.index))) return true;
  }
  return false;
}
