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

export interface Doc {
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

/** Builds the document of a body whose normalised `text` is given; `protectedSpans` (e.g. "between 5 and 10 days") are never split into clauses. */
export function buildDoc(body: string, text: string, protectedSpans: readonly Span[]): Doc {
  const sentences = splitSentences(text);
  return { body, text, sentences, clauses: splitClauses(text, sentences, protectedSpans) };
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
  /(?:\b(?:no|not|never)|n't)\s+(?:take\s+|be\s+)?(?:later|more|longer)\s+than\b|\bno\s+(?:problem|worries)\b/gi;
const NEGATION =
  /(?:\b(?:not|never|no|cannot|unable|without|nor|instead\s+of|rather\s+than|impossible)\b|n't\b|\bno\s+need\b)/i;

/** A negation in `text` (after removing "no later than" and similar bounds). */
export function hasNegation(text: string): boolean {
  NOT_A_NEGATION.lastIndex = 0;
  return NEGATION.test(text.replace(NOT_A_NEGATION, " "));
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
const SIMPLE_PAST = /\b(?:shipped|dispatched|delivered|arrived|refunded|issued|processed|sent|went\s+out|left)\b/gi;
const AUXILIARY_BEFORE = /\b(?:be|been|being|is|are|am|get|gets|got|will|to|'ll|'s|'re)\s+(?:\w+\s+)?$/i;
const FUTURE =
  /(?:\b(?:will|shall|going\s+to|should|expect\w*|usually|typically|normally|generally|take|takes|can|may|might|guarantee\w*|promise\w*|would|must)\b|'ll\b)/i;

/** A clause in the past with no future or habitual marker: "was refunded in 2 days", "shipped this morning", "was added by mistake". */
export function isPastClause(clauseText: string): boolean {
  if (FUTURE.test(clauseText)) return false;
  if (PAST.test(clauseText)) return true;
  SIMPLE_PAST.lastIndex = 0;
  for (let m = SIMPLE_PAST.exec(clauseText); m; m = SIMPLE_PAST.exec(clauseText))
    if (!AUXILIARY_BEFORE.test(clauseText.slice(Math.max(0, m.index - 24), m.index))) return true;
  return false;
}
