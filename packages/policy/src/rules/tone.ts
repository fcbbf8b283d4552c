/**
 * tone.dismissive: perfunctory, cold or refusing language (the stores prohibit "perfunctory
 * response, cold attitude ... arbitrary rejection of user demands").
 *
 * Phrases: "nothing (more) we/I can do", "not our/my problem|fault|responsibility|job",
 * "that's your problem / your own fault", "deal with (the courier) yourself", "take it up with
 * the courier", "as I already said / as I said before / like I said / I've already
 * explained", "(just) read the policy / FAQ" as an order, "whatever" on its own, "calm
 * down", "take it or leave it", "too bad", "tough luck", "deal with it", "not going to
 * happen", "it is what it is", "we don't care", "stop emailing us", "you should have read".
 *
 * Decisions: "it's not your fault" and "whatever you prefer" are fine; "as I mentioned" is
 * neutral; "you can read our full return policy here" is a pointer, not an order;
 * "there's nothing we can do, but I can offer..." (a refusal followed by an alternative in
 * the same sentence) is fine.
 */
import { makeFlag } from "./flag.ts";
import { clauseAt, type Doc } from "./text.ts";
import type { Flag } from "./types.ts";

interface TonePattern {
  readonly re: RegExp;
  readonly what: string;
  /** Fine when the same sentence goes on with "but I can / we will ...". */
  readonly softenedByAlternative?: boolean;
  /** Only as an order: nothing but "just/please/go/so" before it in its clause. */
  readonly imperative?: boolean;
  /** Only when this is said in the 80 characters before (what "it" / "them" refers to). */
  readonly after?: RegExp;
}

const PATTERNS: readonly TonePattern[] = [
  {
    re: /\b(?:nothing|not\s+much|not\s+a\s+lot|very\s+little)\s+(?:(?:else|more|further)\s+)?(?:that\s+)?(?:we|i)\s+(?:can|could)\s+do\b|\b(?:we're|we\s+are|i'm|i\s+am)\s+not\s+responsible\b/gi,
    what: "refuses without an alternative",
    softenedByAlternative: true,
  },
  {
    re: /\bnot\s+(?:our|my)\s+(?:problem|fault|responsibility|job|concern|issue|department)\b|\bnot\s+ours\b/gi,
    what: "deflects responsibility",
  },
  {
    re: /\b(?:is|are|'s|was|'re)\s+(?:entirely\s+|all\s+|just\s+)?your\s+(?:own\s+)?(?:problem|fault|issue)\b|\byour\s+own\s+fault\b/gi,
    what: "blames the customer",
  },
  {
    re: /\b(?:deal\s+with|sort\s+(?:it|this)\s+out\s+with|take\s+it\s+up\s+with|contact|call|chase)\s+(?:it|them|the\s+(?:courier|carrier|bank|post\s+office|manufacturer))\s+yourself\b|\b(?:sort|figure|work)\s+(?:it|this)\s+out\s+yourself\b|\btake\s+it\s+up\s+with\s+the\s+(?:courier|carrier|bank|post\s+office|manufacturer)\b/gi,
    what: "pushes the customer to solve it alone",
  },
  {
    re: /\bas\s+(?:i|we)(?:'ve|\s+have)?\s+(?:already|previously)\s+(?:said|told\s+you|explained|mentioned|stated)\b|\bas\s+(?:i|we)\s+(?:said|told\s+you)\s+(?:before|earlier|already|previously|twice)\b|\blike\s+i\s+(?:said|told\s+you)\b|\b(?:i|we)(?:'ve|\s+have)?\s+already\s+(?:told|explained|answered|said)\b|\b(?:i|we)(?:'ve|\s+have)?\s+(?:told|explained|said)\s+(?:you\s+|this\s+|it\s+)?(?:twice|(?:several|many|multiple|three|two)\s+times|already|again)\b|\bi\s+told\s+you\s+already\b|\bhow\s+many\s+times\s+(?:do|must|should|have|will)\s+(?:i|we)\b|\bfor\s+the\s+(?:last|second|third|hundredth)\s+time\b/gi,
    what: "is impatient with the customer",
  },
  {
    re: /\bread\s+(?:the|our)\s+(?:\w+\s+)?(?:policy|policies|faq|faqs|terms|t&cs|website|instructions)\b/gi,
    what: "tells the customer to read the policy instead of helping",
    imperative: true,
  },
  {
    // "It's all in the terms. Read them."
    re: /\bread\s+(?:it|them|that|this)\b/gi,
    what: "tells the customer to read the policy instead of helping",
    imperative: true,
    after: /\b(?:polic(?:y|ies)|terms|faq|t&cs|conditions|website)\b/i,
  },
  { re: /\bwhatever(?=\s*(?:[,.!;—–]|-\s|$))/gi, what: "is curt" },
  {
    re: /\bcalm\s+down\b|\btake\s+it\s+or\s+leave\s+it\b|\btoo\s+bad\b|\btough\s+luck\b|\bnot\s+going\s+to\s+happen\b|\bget\s+over\s+it\b|\bit\s+is\s+what\s+it\s+is\b|\bthat's\s+just\s+how\s+it\s+is\b|\b(?:we|i)\s+(?:don't|do\s+not)\s+care\b|\bstop\s+(?:emailing|messaging|contacting|writing\s+to|sending|asking|complaining|bothering)\b|\bdeal\s+with\s+it\b|\bnothing\s+to\s+discuss\b|\bit's\s+just\s+a\s+(?:parcel|package|order|ring|pair)\b|\bnot\s+the\s+only\s+(?:customer|one|person)\s+(?:i|we)\b|\bwhatever\s+you\s+say\b|\brules\s+are\s+rules\b/gi,
    what: "is dismissive",
  },
  {
    re: /\byou\s+(?:should|would|could)(?:'ve|\s+have)\s+(?:read|checked|looked|known|measured|ordered|thought|seen|noticed)\b|\bif\s+you(?:'d|\s+had)\s+(?:read|checked|looked|bothered|paid\s+attention)\b|\bwhat\s+(?:do|did)\s+you\s+expect\b|\byou\s+(?:didn't|did\s+not|never)\s+(?:read|follow|check)\b/gi,
    what: "blames the customer",
  },
];

const ALTERNATIVE =
  /^[^.!?]*?\b(?:but|however|although|though)\b[^.!?]*?\b(?:i|we)(?:'ll|'ve|\s+will|\s+can|\s+could|\s+have|\s+am|'m)\b/i;
const IMPERATIVE_PREFIX = /^\s*(?:just|please|go|so|then|simply|next\s+time|in\s+future)?\s*$/i;
// "deal with it" said about ourselves ("we'll deal with it") is not dismissive.
const SELF_BEFORE = /\b(?:we|i|we'll|i'll|let\s+me|let\s+us|happy\s+to|will)\s+(?:\w+\s+)?$/i;

export function checkTone(doc: Doc): Flag | undefined {
  const text = doc.text;
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const c = clauseAt(doc, start);
      const clauseStart = c ? c.start : 0;
      if (p.imperative && !IMPERATIVE_PREFIX.test(text.slice(clauseStart, start))) continue;
      if (p.after && !p.after.test(text.slice(Math.max(0, start - 80), start))) continue;
      if (/^deal\s+with\s+it$/i.test(m[0]) && SELF_BEFORE.test(text.slice(Math.max(0, start - 30), start))) continue;
      if (p.softenedByAlternative && ALTERNATIVE.test(text.slice(end, end + 160))) continue;
      return makeFlag(
        "tone.dismissive",
        doc,
        start,
        end,
        "Agents must be polite, patient and helpful; perfunctory replies, cold attitude and arbitrary rejection of customer requests are prohibited",
        `"${doc.body.slice(start, end)}" ${p.what}.`,
      );
    }
  }
  return undefined;
}
