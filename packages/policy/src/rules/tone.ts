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
 * Beyond fixed phrases, families of wording:
 *  - curt refusals: "Per policy, no.", a bare "No." followed by a refusal ("No. We don't price
 *    match."), "the answer is no", "that's final", "no exceptions", "out of the question";
 *  - fatalism: "that's just the way it is", "that's how it works.", "policy is policy";
 *  - impatience: "I'm not going to repeat myself", "we've answered this already", "as per my
 *    last email", "see my previous message", "not sure what else you want me to say";
 *  - blame-shifting: "that's on the courier", "it's the seller's issue", "out of our hands",
 *    "nothing to do with us", "take it up with them", "sort it out with them directly";
 *  - blaming the customer: "you should've checked", "it's clearly stated", "you must have
 *    dropped it", "user error";
 *  - brush-offs: "you'll just have to wait", "shop elsewhere", "any further emails will be
 *    ignored", "it's not rocket science", "hope that's clear now", "get used to it", "you'll have
 *    to live with it", "I'm not discussing this any further", "we're not obliged to";
 *  - repetition anywhere in the sentence: "we've explained our returns policy several times
 *    already", "I've told you the answer already", "again?", "Again, the window is 60 days";
 *  - the customer's own mistake given as the answer: "you ordered the wrong size", "you didn't
 *    measure", "obviously you didn't...", "that's on you for...".
 * Most of these are fine when the agent also offers something in the same message ("that's
 * down to the courier, but I've opened a claim", "per policy we can't refund engraving, but I
 * can remake the frames"): OFFER, not negated ("we cannot offer" is no offer; "we've already
 * given you a discount" is not a new one).
 *
 * For wording no pattern knows, a cue score (CUES): strong cues are enough on their own
 * ("the matter is closed", "nothing further will be done", "cannot be changed", "we have
 * already informed you", a bare "Please wait.", "you should've patch tested it", "not really
 * our concern", "not interested"), weak ones only together ("company policy" + a refusal, "has
 * been noted" + "company policy"); an offer anywhere in the message cancels them. A perfunctory
 * "sorry" does not.
 *
 * Decisions: "it's not your fault" and "whatever you prefer" are fine; "as I mentioned" and
 * "as previously advised" are neutral; "you can read our full return policy here" is a
 * pointer, not an order; "there's nothing we can do, but I can offer..." (a refusal followed
 * by an alternative in the same sentence) is fine; "you should have received an email" is
 * information, not blame; "please be patient" alone is fine, "just be patient" is not.
 */
import { makeFlag } from "./flag.ts";
import { clauseAt, type Doc, type GateWord, gate, mentions } from "./text.ts";
import type { Flag } from "./types.ts";

interface TonePattern {
  readonly re: RegExp;
  /**
   * Every match contains one of these words, or all the words of one of these lists (see `gate`): the pattern is
   * skipped when the message has none.
   */
  readonly any: readonly GateWord[];
  readonly what: string;
  /** Fine when the same sentence goes on with "but I can / we will ...". */
  readonly softenedByAlternative?: boolean;
  /** Only as an order: nothing but "just/please/go/so" before it in its clause. */
  readonly imperative?: boolean;
  /** Only when this is said in the 80 characters before (what "it" / "them" refers to). */
  readonly after?: RegExp;
  /** Fine when the agent offers help or an alternative anywhere in the message (OFFER). */
  readonly softenedByOffer?: boolean;
  /** Only when a refusal (REFUSAL) follows in the message: a bare "No." before "We don't price match". */
  readonly beforeRefusal?: boolean;
  /** Only at the start of a sentence. */
  readonly sentenceStart?: boolean;
}

const THIRD_PARTY =
  "(?:the\\s+)?(?:courier|carrier|seller|sellers|bank|manufacturer|maker|post\\s+office|postal\\s+service|delivery\\s+(?:company|firm|driver)|driver|vendor|brand|customs|lab|warehouse|supplier)";

const PATTERNS: readonly TonePattern[] = [
  {
    any: ["nothing", "much", "lot", "little", "responsible"],
    re: /\b(?:nothing|not\s+much|not\s+a\s+lot|very\s+little)\s+(?:(?:else|more|further)\s+)?(?:that\s+)?(?:we|i)\s+(?:can|could)\s+do\b|\b(?:we're|we\s+are|i'm|i\s+am)\s+not\s+responsible\b/gi,
    what: "refuses without an alternative",
    softenedByAlternative: true,
  },
  {
    any: [
      "problem",
      "fault",
      "responsibility",
      "job",
      "concern",
      "issue",
      "department",
      "business",
      "remit",
      "ours",
      "mine",
      // "the courier's call, not ours"
      "call",
      "decision",
      "choice",
    ],
    re: /(?:\bnot|n't)\s+(?:our|my)\s+(?:problem|fault|responsibility|job|concern|issue|department|business|remit)\b|\bnot\s+ours\b|'s\s+(?:call|decision|choice|responsibility|problem|issue|fault|job),?\s+not\s+(?:ours|mine|us|me)\b/gi,
    what: "deflects responsibility",
  },
  {
    any: ["problem", "fault", "issue"],
    re: /\b(?:is|are|'s|was|'re)\s+(?:entirely\s+|all\s+|just\s+)?your\s+(?:own\s+)?(?:problem|fault|issue)\b|\byour\s+own\s+fault\b/gi,
    what: "blames the customer",
  },
  {
    any: ["yourself", "take"],
    re: /\b(?:deal\s+with|sort\s+(?:it|this)\s+out\s+with|take\s+it\s+up\s+with|contact|call|chase)\s+(?:it|them|the\s+(?:courier|carrier|bank|post\s+office|manufacturer))\s+yourself\b|\b(?:sort|figure|work)\s+(?:it|this)\s+out\s+yourself\b|\btake\s+it\s+up\s+with\s+the\s+(?:courier|carrier|bank|post\s+office|manufacturer)\b/gi,
    what: "pushes the customer to solve it alone",
  },
  {
    any: ["said", "told", "explained", "mentioned", "stated", "answered", "times", "time", "given"],
    re: /\bas\s+(?:i|we)(?:'ve|\s+have)?\s+(?:already|previously)\s+(?:said|told\s+you|explained|mentioned|stated)\b|\bas\s+(?:i|we)\s+(?:said|told\s+you)\s+(?:before|earlier|already|previously|twice)\b|\blike\s+i\s+(?:said|told\s+you)\b|\b(?:i|we)(?:'ve|\s+have)?\s+already\s+(?:told|explained|answered|said)\b|\b(?:i|we)(?:'ve|\s+have)?\s+(?:told|explained|said|answered|given)\s+(?:you\s+)?(?:the\s+(?:answer|same\s+thing|reason)|everything|all\s+(?:of\s+)?(?:this|that|it))\s+(?:already|before|twice|again|\w+\s+times)\b|\b(?:i|we)(?:'ve|\s+have)?\s+(?:told|explained|said)\s+(?:you\s+|this\s+|it\s+)?(?:twice|(?:several|many|multiple|three|two)\s+times|already|again)\b|\bi\s+told\s+you\s+already\b|\bhow\s+many\s+times\s+(?:do|must|should|have|will)\s+(?:i|we)\b|\bfor\s+the\s+(?:last|second|third|hundredth)\s+time\b/gi,
    what: "is impatient with the customer",
  },
  {
    any: ["read"],
    re: /\bread\s+(?:the|our|your)\s+(?:\w+\s+)?(?:policy|policies|faq|faqs|terms|t&cs|website|instructions|e-?mail|emails|message|messages|description|listing|product\s+page|small\s+print|fine\s+print|ingredients(?:\s+list)?|label|labels|size\s+guide|size\s+chart|manual)\b/gi,
    what: "tells the customer to read the policy instead of helping",
    imperative: true,
  },
  {
    any: ["read"],
    // "It's all in the terms. Read them."
    re: /\bread\s+(?:it|them|that|this)\b/gi,
    what: "tells the customer to read the policy instead of helping",
    imperative: true,
    after: /\b(?:polic(?:y|ies)|terms|faq|t&cs|conditions|website)\b/i,
  },
  { re: /\bwhatever(?=\s*(?:[,.!;—–]|-\s|$))/gi, what: "is curt", any: ["whatever"] },
  {
    any: [
      // Per alternative of the expression below: a word of its own, or the words it needs together ("just",
      // "what", "how" and "only" alone open for a fifth of the store's messages).
      ...["calm", "leave", "bad", "luck", "happen", "care", "stop", "deal", "discuss", "whatever", "rules"],
      ["get", "over"],
      ["it", "is", "what"],
      ["just", "how"],
      ["it", "s", "just"],
      ["not", "only"],
    ],
    re: /\bcalm\s+down\b|\btake\s+it\s+or\s+leave\s+it\b|\btoo\s+bad\b|\btough\s+luck\b|\bnot\s+going\s+to\s+happen\b|\bget\s+over\s+it\b|\bit\s+is\s+what\s+it\s+is\b|\bthat's\s+just\s+how\s+it\s+is\b|\b(?:we|i)\s+(?:don't|do\s+not)\s+care\b|\bstop\s+(?:emailing|messaging|contacting|writing\s+to|sending|asking|complaining|bothering)\b|\bdeal\s+with\s+it\b|\bnothing\s+to\s+discuss\b|\bit's\s+just\s+a\s+(?:parcel|package|order|ring|pair)\b|\bnot\s+the\s+only\s+(?:customer|one|person)\s+(?:i|we)\b|\bwhatever\s+you\s+say\b|\brules\s+are\s+rules\b/gi,
    what: "is dismissive",
  },
  {
    any: [
      // Per alternative of the expression below, in order: a word it must have, or all the words of a list (common
      // words like "all", "see", "much" only together with another word of the same alternative).
      // Prefixes: "\s*" may glue the refusal on ("as per our rulesno").
      ...["policy*", "policies*", "rules*", "terms*"],
      ["answer", "no"],
      "final",
      "exceptions",
      ["as", "far", "go"],
      ...["all", "best", "most"].flatMap((w) => [
        [w, "do"],
        [w, "offer"],
      ]),
      ["keep", "need"],
      ["do", "anything"],
      ["do", "much"],
      ...["stop", "period"],
      ["not", "something"],
      // "i don't see what the problem is / the problem / why this is a problem / why it is an issue / the big deal".
      ["see", "problem"],
      ["see", "issue"],
      ["see", "deal"],
      ["big", "deal"],
      ...["tiny", "small", "little", "minor"].flatMap((w) => [
        [w, "only"],
        [w, "just"],
      ]),
      ["out", "question"],
      ["end", "story"],
      ["end", "discussion"],
      ["not", "happening"],
    ],
    re: /\b(?:per|as\s+per|according\s+to)\s+(?:our\s+|the\s+|company\s+|store\s+)?(?:polic(?:y|ies)|rules|terms)\s*[,:;—–-]?\s*(?:no|nope|not\s+possible|that's\s+a\s+no)\b|\bthe\s+answer(?:'s|\s+is)\s+(?:still\s+)?no\b|\b(?:that's|that\s+is|this\s+is|our\s+decision\s+is|the\s+decision\s+is)\s+final\b|\bno\s+exceptions\b|\b(?:that's|that\s+is)\s+as\s+far\s+as\s+(?:we|i)\s+(?:can\s+)?go\b|\b(?:that's|that\s+is)\s+(?:all|the\s+best|the\s+most)\s+(?:we|i)\s+(?:can|will)\s+(?:do|offer)\b|\b(?:there's\s+|there\s+is\s+)?(?:really\s+)?no\s+need\s+to\s+keep\s+(?:chasing|emailing|messaging|contacting|asking|writing)\b|\b(?:we|i)\s+(?:can't|cannot|can\s+not|(?:am|'m|are|'re)\s+(?:not\s+able|unable)\s+to)\s+do\s+(?:anything|much)(?:\s+(?:more|else|further))?\b|,\s*(?:full\s+stop|period)(?=\s*[.!]|\s*$)|\b(?:that's|that\s+is|it's|it\s+is)\s+not\s+something\s+(?:we|i)\s+(?:do|offer|can\s+do|provide|allow|support)\b|\bi\s+(?:don't|do\s+not|fail\s+to)\s+see\s+(?:what\s+the\s+(?:problem|issue|big\s+deal)\s+is|the\s+problem|why\s+(?:this|that|it)\s+is\s+(?:a\s+problem|an\s+issue))\b|\bwhat's\s+the\s+big\s+deal\b|\b(?:it's|it\s+is)\s+(?:only|just)\s+a\s+(?:tiny|small|little|minor)\s+(?:scratch|mark|mistake|delay|thing|issue|difference)\b|\bout\s+of\s+the\s+question\b|\bend\s+of\s+(?:story|discussion)\b|\bnot\s+happening\b/gi,
    what: "refuses curtly",
    softenedByOffer: true,
  },
  {
    any: ["no", "nope", "nah"],
    // "No." / "Nope." as a sentence of its own, then a refusal: "No. We don't price match."
    re: /\b(?:no|nope|nah)\s*[.!]+(?=\s|$)/gi,
    sentenceStart: true,
    what: "refuses curtly",
    softenedByOffer: true,
    beforeRefusal: true,
  },
  {
    any: ["help", "assist"],
    // "We can't help you with that." / "Can't help, sorry." with nothing offered.
    re: /\b(?:can't|cannot)\s+help(?=\s*[,.!;]|\s*$)|\b(?:we|i)\s+(?:can't|cannot|can\s+not|won't|will\s+not|(?:am|'m|are|'re)\s+(?:not\s+able|unable)\s+to)\s+(?:help|assist)(?:\s+you)?(?:\s+(?:with\s+(?:that|this|it)|any\s+(?:further|more)|further))?(?=\s*(?:[.!;]|$))/gi,
    what: "refuses without an alternative",
    softenedByOffer: true,
  },
  {
    any: ["way", "how", "life", "rules", "policy", "policies"],
    re: /\b(?:that's|that\s+is|it's|it\s+is|this\s+is)\s+(?:just\s+|simply\s+)?(?:the\s+way\s+it\s+(?:is|goes|works)|how\s+it\s+(?:is|goes)|how\s+it\s+works(?=\s*(?:[.!,;]|$))|(?:just\s+)?life)\b|\bthose\s+are\s+the\s+rules\b|\b(?:the\s+)?polic(?:y|ies)\s+(?:is|are)\s+(?:the\s+)?polic(?:y|ies)\b/gi,
    what: "is dismissive",
    softenedByOffer: true,
  },
  {
    any: [
      // Per alternative of the expression below: a word of its own, or the words it needs together ("been", "per",
      // "first" and "want" alone open for a fifth of the store's messages).
      ...["repeat", "repeating", "explaining", "answered", "addressed", "responded", "explained", "stated"],
      ["explain", "again"],
      ["keep", "telling"],
      ["keep", "saying"],
      ["been", "over"],
      ["been", "through"],
      ["per", "my"],
      ...["last", "previous", "earlier", "first"].map((w) => ["my", w]),
      // "not sure what more you want…", "don't know what else to say…": no word boundary after the last word.
      ["what", "else"],
      ["what", "more"],
    ],
    re: /\b(?:i'm|i\s+am)\s+not\s+(?:going\s+to|gonna)\s+(?:repeat|explain\s+(?:this|it|that)\s+again|keep\s+(?:repeating|explaining))\b|\bi\s+(?:won't|will\s+not)\s+(?:repeat\s+myself|explain\s+(?:this|it|that)\s+again)\b|\bi\s+keep\s+(?:telling|saying|explaining)\b|\b(?:we've|we\s+have|i've|i\s+have)\s+been\s+(?:over|through)\s+this\b|\b(?:already|previously)\s+(?:answered|addressed|responded\s+to)\s+(?:this|that|it|your\s+(?:question|query|point)s?)\b|\b(?:we've|we\s+have|i've|i\s+have)\s+(?:already\s+)?(?:answered|addressed|responded\s+to)\s+(?:this|that|it)\s+already\b|\b(?:answered|addressed|explained|responded\s+to)\s+(?:this|that|it|your\s+question)\s+(?:already|before|previously|twice|several\s+times)\b|\bas\s+(?:previously|already)\s+(?:stated|explained)\b|\bas\s+stated\s+(?:previously|before|above|earlier|in\s+my)\b|\bas\s+per\s+my\s+(?:last|previous|earlier)\s+(?:e-?mail|message|reply|response)\b|\b(?:refer\s+(?:back\s+)?to|see|re-?read|read)\s+my\s+(?:last|previous|earlier|first)\s+(?:e-?mail|message|reply|response)\b|\bnot\s+sure\s+what\s+(?:else|more)\s+(?:you\s+want|to\s+(?:tell|say))|\b(?:i\s+)?(?:don't|do\s+not)\s+know\s+what\s+(?:else|more)\s+(?:to\s+(?:tell|say)|you\s+(?:want|expect))|\bwhat\s+(?:more|else)\s+do\s+you\s+(?:want|expect)\b/gi,
    what: "is impatient with the customer",
  },
  {
    any: [
      // The third parties (THIRD_PARTY: "post office", "delivery company" and "delivery firm" need both words), then
      // per alternative a word, or all the words of a list where one word alone is common ("call", "take", "why").
      ...["courier", "carrier", "seller", "sellers", "bank", "manufacturer", "maker", "postal", "driver", "vendor"],
      ...["brand", "customs", "lab", "warehouse", "supplier"],
      ["post", "office"],
      ["delivery", "company"],
      ["delivery", "firm"],
      ["why", "expect"],
      ["why", "think"],
      ["why", "want"],
      ["nothing", "do", "with"],
      ...["hands", "grade", "paygrade", "remit", "yourself", "directly"],
      ["not", "call"],
      ["not", "area"],
      ["take", "with"],
      ["sort", "with"],
    ],
    re: new RegExp(
      String.raw`\b(?:that's|that\s+is|it's|it\s+is|this\s+is)\s+(?:really\s+|entirely\s+|all\s+|totally\s+|just\s+|honestly\s+)?(?:on|down\s+to)\s+${THIRD_PARTY}(?!\s+(?:side|end))\b|\b${THIRD_PARTY}'s\s+(?:issue|problem|fault|responsibility|job|concern|business|mess|lookout|mistakes?|errors?|delays?)\b|\bwhy\s+(?:you'd|you\s+would|would\s+you|you\s+should|should\s+we|would\s+we)\s+(?:expect|think|want)\b|\b(?:that's|that\s+is|it's|it\s+is|this\s+is)\s+(?:a\s+matter\s+|something\s+)?between\s+you\s+and\s+${THIRD_PARTY}\b|\b(?:a\s+)?(?:problem|issue|matter|question)\s+for\s+${THIRD_PARTY}\b|(?:^|[,;.!?]\s*)(?:just\s+)?(?:ask|contact|call|email)\s+(?:the\s+)?(?:courier|carrier|seller|manufacturer|post\s+office)\s*[.!]|\b(?:nothing\s+to\s+do\s+with\s+(?:us|me)|out\s+of\s+(?:our|my)\s+hands|(?:above|beyond)\s+my\s+pay\s*grade|not\s+(?:our|my)\s+(?:call|area|remit))\b|\b(?:take|sort)\s+(?:it|this|that)\s+(?:up|out)\s+with\s+(?:them|${THIRD_PARTY}|your\s+bank)\b|\b(?:contact|call|ring|email|chase|speak\s+to|talk\s+to|deal\s+with)\s+(?:them|${THIRD_PARTY})\s+(?:directly\s+)?yourself\b|\byou(?:'ll|\s+will)?\s+(?:need|have)\s+to\s+(?:contact|speak\s+to|talk\s+to|deal\s+with|chase|go\s+to)\s+(?:them|${THIRD_PARTY})\s+directly\b`,
      "gi",
    ),
    what: "deflects responsibility",
    softenedByOffer: true,
  },
  {
    any: [
      "stated",
      "written",
      "explained",
      "listed",
      "shown",
      "marked",
      "mentioned",
      "clearly",
      "there",
      "failed",
      "mistake",
      "error",
      "obviously",
      "must",
      "happens",
    ],
    re: /\b(?:it's|it\s+is|that's|that\s+is|this\s+is)\s+(?:all\s+|clearly\s+|plainly\s+|very\s+clearly\s+)+(?:stated|written|explained|listed|shown|marked|mentioned)\b|\bas\s+(?:very\s+)?clearly\s+(?:stated|written|shown|marked|explained)\b|\b(?:it|the\s+\w+(?:\s+page)?)\s+clearly\s+(?:says|states|shows)\b|\bright\s+there\s+(?:on|in)\s+(?:the|our)\b|\byou\s+failed\s+to\b|\b(?:your\s+(?:own\s+)?mistake|user\s+error)\b|\byou\s+(?:obviously|clearly)\s+(?:didn't|did\s+not|don't|haven't|never)\b|\byou\s+must\s+have\s+(?:dropped|damaged|broken|misused|mishandled|ignored|worn|sat\s+on|lost)\b|\bthat's\s+what\s+happens\s+when\s+you\b/gi,
    what: "blames the customer",
    softenedByOffer: true,
  },
  {
    any: [
      // One entry per alternative of the expression below, in order (see `gate`).
      ["just", "wait"],
      ["just", "patient"],
      ["wait", "else"],
      ["made", "mistake"],
      ["made", "error"],
      "elsewhere",
      ["if", "like", "don"],
      ...["messages", "emails", "mails", "complaints", "requests", "contact"].map((w) => ["further", w]),
      ["us", "again"],
      ["no", "point"],
      "rocket",
      ...["hard", "difficult", "complicated"].map((w) => ["not", "that", w]),
      ["hope", "clear"],
      "spell",
      ["anyone", "see"],
      "grow",
      "blame",
      ["sure", "what"],
      ...["happy", "fine", "satisfied"].map((w) => ["else", w]),
      ["no", "else"],
      ["nobody", "else"],
      ["only", "customer"],
      ["only", "client"],
      ["have", "time", "for"],
      ["you", "even"],
      ["did", "actually"],
      ...["rules", "policy", "policies"].map((w) => ["make", w]),
      ["done", "here"],
      ...["conversation", "discussion", "matter"].flatMap((w) => [
        [w, "over"],
        [w, "closed"],
      ]),
      ["nothing", "say"],
      ["nothing", "discuss"],
      ["you", "wrong"],
      ["you", "mistaken"],
    ],
    re: /\b(?:you(?:'ll|\s+will)\s+)?just\s+(?:have\s+to\s+wait|be\s+patient|wait\s+(?:like|until))\b|\bwait\s+like\s+every(?:one|body)\s+else\b|\b(?:a\s+|the\s+)?(?:mistake|error)\s+(?:that\s+)?you\s+made\b|\byou\s+made\s+(?:a|the)\s+(?:mistake|error)\b|\b(?:shop|buy|go|order)\s+(?:somewhere\s+)?elsewhere\b|\btake\s+your\s+business\s+elsewhere\b|\bif\s+you\s+don't\s+like\s+it\b|\b(?:any\s+)?further\s+(?:messages|e-?mails|complaints|requests|contact)\s+(?:will|may)\s+(?:be\s+ignored|not\s+be\s+(?:answered|replied|responded))|\b(?:don't|do\s+not)\s+(?:contact|email|e-mail|message|write\s+to)\s+us\s+(?:again|about\s+this\s+again)\b|\b(?:there's|there\s+is)\s+no\s+point\s+(?:in\s+)?(?:emailing|asking|complaining|contacting|chasing|messaging|writing)\b|\b(?:it's|it\s+is)\s+not\s+rocket\s+science\b|\b(?:it's|it\s+is)\s+(?:really\s+)?not\s+that\s+(?:hard|difficult|complicated)\b|\bhope\s+(?:that's|that\s+is|this\s+is)\s+clear\s+now\b|\blet\s+me\s+spell\s+it\s+out\b|\bas\s+anyone\s+can\s+see\b|\bgrow\s+up\b|\b(?:don't|do\s+not)\s+blame\s+(?:us|me)\b|\b(?:i'm\s+|i\s+am\s+)?not\s+sure\s+what\s+(?:the\s+)?(?:issue|problem|big\s+deal|fuss)\s+is\b|\b(?:every(?:one|body)|all\s+(?:our\s+)?(?:other\s+)?customers)\s+else\s+(?:is|are|seems?|has\s+been)\s+(?:happy|fine|satisfied)\b|\bno(?:\s+one|body)\s+else\s+(?:has|had)\s+(?:complained|a\s+problem|an\s+issue|any\s+(?:problems|issues))\b|\bjust\s+(?:have|need)\s+to\s+(?:wait|be\s+patient)\b|\byou(?:'re|\s+are)\s+not\s+(?:our|my)\s+only\s+(?:customer|client)\b|\byou(?:'re|\s+are)\s+not\s+the\s+only\s+(?:customer|client)\b|\b(?:we|i)\s+(?:don't|do\s+not)\s+have\s+(?:the\s+)?time\s+for\s+(?:this|that)\b|\bdo\s+you\s+even\s+(?:read|listen|check|look)\b|\bare\s+you\s+even\s+(?:reading|listening)\b|\bdid\s+you\s+(?:even|actually)\s+(?:read|check|look)\b|\bi\s+(?:don't|do\s+not)\s+make\s+the\s+(?:rules|policy|policies)\b|\b(?:we're|we\s+are|i'm|i\s+am)\s+done\s+here\b|\bthis\s+(?:conversation|discussion|matter)\s+is\s+(?:over|closed)\b|\b(?:there's\s+|there\s+is\s+|i\s+have\s+|we\s+have\s+)?nothing\s+(?:more|else|further)\s+to\s+(?:say|discuss)\b|\byou(?:'re|\s+are)\s+(?:wrong|mistaken)\b/gi,
    what: "is dismissive",
  },
  {
    any: ["should", "would", "could", "read", "checked", "looked", "bothered", "paid", "expect", "follow", "check"],
    re: /\byou\s+(?:should|would|could)(?:'ve|\s+have)\s+(?:read|checked|looked|known|measured|ordered|thought|seen|noticed)\b|\byou\s+should(?:'ve|\s+have|\s+of)\s+(?:realised|realized|asked|contacted\s+us|told\s+us|double-checked|been\s+more\s+careful|paid\s+(?:more\s+)?attention|chosen|picked|followed)\b|\bif\s+you(?:'d|\s+had)\s+(?:read|checked|looked|bothered|paid\s+attention)\b|\bwhat\s+(?:do|did)\s+you\s+expect\b|\byou\s+(?:didn't|did\s+not|never)\s+(?:read|follow|check)\b/gi,
    what: "blames the customer",
  },
  {
    any: [
      "contact",
      "call",
      "ring",
      "chase",
      "speak",
      "talk",
      "email",
      "take",
      "courier",
      "carrier",
      "seller",
      "manufacturer",
      "post",
    ],
    // "You'll have to contact the courier." with nothing offered: the customer is left to sort it out.
    re: /\byou(?:'ll|\s+will)?\s+(?:have|need)\s+to\s+(?:contact|call|ring|chase|speak\s+(?:to|with)|talk\s+to|email|take\s+(?:it|this|that)\s+up\s+with)\s+(?:them|the\s+(?:courier|carrier|seller|manufacturer|maker|post\s+office|delivery\s+company|vendor|brand))\b/gi,
    what: "pushes the customer to solve it alone",
    softenedByOffer: true,
  },
  {
    any: [
      // One entry per alternative of the expression below, in order: a word of it, or words all of which it contains.
      ["can", "read"],
      "charity",
      ["not", "how", "work"],
      ["not", "how", "works"],
      "argue",
      "wasting",
      "waste",
      ["end", "of"],
      ["know", "what", "want"],
      ["know", "what", "expect"],
      ["you", "problem"],
      "tone",
      ["when", "get"],
      "rules",
      "exceptions",
      ["did", "nothing"],
      ["did", "everything"],
      "google",
      // "contact them, not us": "\s*,?\s*" may glue "not" to the word before it ("themnot").
      ...["ask", "contact", "call", "talk", "speak", "email", "message"].map((w) => [w, "not"]),
      ...["them", "courier", "carrier", "seller", "bank", "manufacturer", "office"].map((w) => `${w}not`),
      ...["second", "third", "fourth", "fifth", "sixth", "tenth", "hundredth", "umpteenth"].map((w) => [w, "time"]),
      ["did", "you", "not"],
      ["happy", "now"],
      ["have", "all", "day"],
      ...["overreacting", "reacting", "unreasonable", "difficult", "dramatic", "ridiculous", "rude"],
      "complaining",
      "patient",
      ...["asking", "contacting", "emailing", "messaging"].map((w) => ["why", w]),
      "again",
      "messenger",
      ["someone", "else"],
      // "next time, read ...": "\s*,?\s*" may glue the verb (or "please") to "time" / "future" ("timeread").
      ...["", "please", "read", "check", "look", "measure", "double"].flatMap((w) => [
        ["next", `time${w}`],
        `future${w}`,
      ]),
      ["says", "so"],
      ["been", "explained"],
    ],
    re: /\bcan't\s+you\s+read\b|\bwe(?:'re|\s+are)\s+not\s+a\s+charity\b|\b(?:that's|that\s+is|it's|it\s+is)\s+not\s+how\s+(?:it|this|things)\s+works?\b|\b(?:i'm|i\s+am)\s+not\s+(?:going\s+to|gonna)\s+argue\b|\b(?:stop\s+)?wasting\s+(?:our|my)\s+time\b|\bwaste\s+of\s+(?:our|my)\s+time\b|\bend\s+of(?=\s*[.!]|\s*$)|\b(?:i\s+)?(?:don't|do\s+not)\s+know\s+what\s+you\s+(?:want|expect)\s+(?:me|us)\s+to\b|\b(?:a|that's\s+a)\s+you\s+problem\b|\bdon't\s+take\s+that\s+tone\b|\bwhen\s+we\s+get\s+(?:round\s+|around\s+)?to\s+it\b|\b(?:that's|those\s+are|it's)\s+(?:just\s+)?the\s+rules\b|\b(?:we|i)\s+(?:can't|cannot|don't|won't|do\s+not)\s+make\s+exceptions\b|\b(?:we|i)\s+did\s+(?:nothing\s+wrong|everything\s+right)\b|\bgoogle\s+it\b|\b(?:ask|contact|call|talk\s+to|speak\s+to|email|message)\s+(?:your\s+bank|them|the\s+(?:courier|carrier|seller|bank|manufacturer|post\s+office))\s*,?\s*not\s+(?:us|me)\b|\b(?:second|third|fourth|fifth|sixth|tenth|hundredth|umpteenth)\s+time\s+you(?:'ve|\s+have)\s+(?:asked|written|emailed|contacted|messaged)\b|\bdid\s+you\s+not\s+(?:read|see|check)\b|\bhappy\s+now\s*\?|\bi\s+(?:don't|do\s+not)\s+have\s+all\s+day\b|\byou(?:'re|\s+are)\s+(?:over-?reacting|being\s+(?:unreasonable|difficult|dramatic|ridiculous|rude))\b|\bcomplaining\s+(?:won't|will\s+not|doesn't|does\s+not|isn't\s+going\s+to)\s+(?:change|help|fix)\b|\bmore\s+than\s+patient\s+with\s+you\b|\b(?:not\s+sure|(?:don't|do\s+not)\s+know|no\s+idea)\s+why\s+you(?:'re|\s+are)\s+(?:asking|contacting|emailing|messaging)\s+(?:me|us)\b|(?:^|[.!?,]\s*)again\s*\?|\bjust\s+the\s+messenger\b|\b(?:ask|try|contact)\s+someone\s+else\b|\b(?:next\s+time|in\s+(?:the\s+)?future)\s*,?\s*(?:please\s+)?(?:read|check|look\s+at|measure|double-check)\b|\bit\s+says\s+so\b|(?:'s|\bhas|\bhave|\bwas)\s+(?:already\s+)?been\s+explained\s+to\s+you\b/gi,
    what: "is dismissive",
  },
  {
    // "Not possible." / "Be patient." / "No idea." as a sentence of their own.
    any: ["possible", "patient", "idea"],
    re: /\b(?:not\s+possible|be\s+patient|no\s+idea)(?:\s*,\s*sorry)?\s*[.!]+(?=\s|$)/gi,
    sentenceStart: true,
    what: "is curt",
    softenedByOffer: true,
  },
  {
    // Repetition: "We've explained our returns policy several times already", "I've told you this over and over".
    any: ["already", "again", "twice", "times", "repeatedly", "over"],
    re: /\b(?:i|we)(?:'ve|\s+have)?\s+(?:already\s+)?(?:told|explained|said|answered|mentioned|repeated|clarified|gone\s+(?:over|through)|been\s+(?:over|through))(?:\s+(?:you|this|that|it|everything|our\s+[\w-]+(?:\s+[\w-]+)?|the\s+(?:same|policy|answer|process|reason|situation|terms|rules)(?:\s+[\w-]+)?|all\s+(?:of\s+)?this))?\s+(?:to\s+you\s+)?(?:already|again|twice|(?:several|many|multiple|numerous|three|four|five|a\s+few|a\s+number\s+of)\s+times|repeatedly|over\s+and\s+over)\b/gi,
    what: "is impatient with the customer",
    softenedByOffer: true,
  },
  {
    any: [
      "discuss",
      "discussing",
      "debate",
      "debating",
      "argue",
      "arguing",
      "continue",
      "continuing",
      "entertain",
      "entertaining",
      "engage",
      "engaging",
      "live",
      "accept",
      "put",
      "obliged",
      "obligated",
      "required",
      "obligation",
      "obviously",
      "clearly",
      "evidently",
    ],
    re: /\b(?:i'm|i\s+am|we're|we\s+are)\s+not\s+(?:going\s+to\s+)?(?:discuss(?:ing)?|debat(?:e|ing)|argu(?:e|ing)|continu(?:e|ing)|entertain(?:ing)?|engag(?:e|ing))\b|\b(?:i|we)\s+(?:won't|will\s+not)\s+(?:be\s+)?(?:discuss(?:ing)?|debat(?:e|ing)|argu(?:e|ing)|entertain(?:ing)?)\b|\b(?:have|need)\s+to\s+(?:live\s+with|put\s+up\s+with|accept)\s+(?:it|that|this)\b|\b(?:we're|we\s+are|i'm|i\s+am)\s+(?:not|under\s+no)\s+(?:obliged|obligated|required|obligation)\s+to\b|\b(?:obviously|clearly|evidently)\s*,?\s+you\s+(?:didn't|did\s+not|haven't|have\s+not|don't|do\s+not|never|must\s+have|should\s+have|can't|cannot)\b/gi,
    what: "is dismissive",
    softenedByOffer: true,
  },
  {
    // The customer's own mistake stated as the answer: "you ordered the wrong size", "you didn't measure".
    any: [
      "ordered",
      "picked",
      "chose",
      "selected",
      "bought",
      "entered",
      "gave",
      "typed",
      "put",
      "didn",
      "did",
      "never",
      "forgot",
      "failed",
      "neglected",
      "misread",
      "overlooked",
      "ignored",
      "misunderstood",
    ],
    re: /\byou\s+(?:ordered|picked|chose|selected|bought|entered|gave|typed|put)\s+(?:in\s+)?(?:the\s+|a\s+)?(?:wrong|incorrect)\b|\byou\s+(?:didn't|did\s+not|never)\s+(?:measure|check|read|look|follow|notice|bother|specify|tell|mention|include|enter)\b|\byou\s+(?:forgot|failed|neglected)\s+to\b|\byou\s+(?:misread|overlooked|ignored|misunderstood)\b/gi,
    what: "blames the customer",
    softenedByOffer: true,
  },
  {
    any: [
      "up",
      "down",
      "again",
      "repeat",
      "luck",
      "expect",
      "request",
      "unreasonable",
      "ridiculous",
      "reasonable",
      "absurd",
      "held",
      "liable",
      "per",
      "relax",
      "what",
      "hardly",
    ],
    re: new RegExp(
      String.raw`\b(?:that's|that\s+is|it's|it\s+is|this\s+is)\s+(?:really\s+|entirely\s+|all\s+)?(?:up|down)\s+to\s+${THIRD_PARTY}\b|(?:^|[.!?\n]\s*)(?:again|once\s+again|yet\s+again)\s*[,:—–-](?!\s*(?:thanks?\b|thank\s+you|sorry|apolog|many\s+thanks|i'm\s+sorry|we're\s+sorry|please\s+accept|welcome))|\bi\s+repeat\b|\b(?:good|best\s+of)\s+luck\s+with\s+that\b|\bwhat\s+you\s+expect\s+(?:us|me)\s+to\b|\b(?:your\s+request|that|this)\s+is\s+(?:unreasonable|ridiculous|not\s+reasonable|absurd)\b|\b(?:can't|cannot|can\s+not|won't|will\s+not)\s+be\s+held\s+(?:responsible|liable|accountable)\b|\b(?:we're|we\s+are)\s+not\s+liable\b|\bper\s+my\s+(?:last|previous|earlier)\s+(?:e-?mail|message|reply|response)\b|(?:^|[.!?\n]\s*)relax\s*[,.!]|\bso\s+what\s*[?!.]|\b(?:it's|it\s+is)\s+hardly\s+a\b`,
      "gi",
    ),
    what: "is dismissive",
    softenedByOffer: true,
  },
  {
    any: [["that", "s"]],
    re: /\b(?:and\s+)?that's\s+that\b/gi,
    what: "refuses curtly",
    softenedByOffer: true,
  },
  {
    // "That's on you for choosing the wrong size" (not the cost: "return postage is on you").
    any: [
      ["on", "you", "that"],
      ["on", "you", "it"],
      ["on", "you", "this"],
    ],
    re: /\b(?:that's|that\s+is|it's|it\s+is|this\s+is)\s+(?:really\s+|entirely\s+|all\s+)?on\s+you\s+(?:for|since|because|as\s+you|if)\b/gi,
    what: "blames the customer",
  },
];

/** A refusal: "we don't price match", "opened items aren't accepted", "not possible". */
const REFUSAL =
  /\b(?:we|i)\s+(?:don't|do\s+not|can't|cannot|can\s+not|won't|will\s+not|(?:am|'m|are|'re)\s+(?:not\s+able|unable)\s+to)\s+(?:\w+\s+){0,2}?(?:price[- ]match|accept|refund|replace|offer|do|give|allow|make|help|assist|change|exchange|take|honou?r|extend|waive|cover|provide|reship|resend|compensate|process|cancel|return|budge)\w*\b|\b(?:aren't|isn't|are\s+not|is\s+not)\s+(?:accepted|allowed|possible|refundable|returnable|eligible|permitted|an\s+option)\b|\b(?:can't|cannot|can\s+not|won't|will\s+not)\s+be\s+(?:returned|refunded|exchanged|accepted|replaced|cancell?ed|changed|reshipped|done|made)\b|\bnot\s+possible\b/i;
/** The agent offers help or an alternative: "but I can offer", "I've opened a claim", "instead", "let me". */
const OFFER =
  /\b(?:i|we)(?:'ll|'ve|'d|'m|'re|\s+will|\s+can|\s+could|\s+have|\s+would|\s+am|\s+are)?\s+(?!not\b|never\b|already\s+(?:given|offered|gave|refunded|sent|done|provided|credited|issued)\b)(?:\w+\s+){0,2}?(?:offer\w*|exchang\w*|swap\w*|resen[dt]\w*|reship\w*|found|find|locat\w*|waiv\w*|cover\w*|reimburs\w*|upgrad\w*|extend\w*|honou?r\w*|arrang\w*|send\w*|sent|replac\w*|refund\w*|giv\w*|help\w*|escalat\w*|chas\w*|contact\w*|rais\w*|open\w*|look\w*|check\w*|follow\w*|investigat\w*|happy|glad|sort\w*|fix\w*|keep\s+(?:you|an\s+eye|track|watching)|monitor\w*|updat\w*|pass\w*|flag\w*|credit\w*|issu\w*|process\w*|speak\w*|talk\w*|reach\w*|ask\w*|request\w*|fil\w*|submit\w*|remak\w*|repair\w*|suggest\w*|recommend\w*|add\w*|appl\w*|do\s+(?:everything|what|my\s+best)|make\s+(?:it|this|things)\s+right)\b|\binstead\b|\balternatively\b|\bbut\s+you\s+(?:can|could|may)\b|\bwhat\s+(?:i|we)\s+can\s+do\b|\blet\s+me\b|\bhappy\s+to\s+help\b|\bon\s+your\s+behalf\b/i;

const OFFER_ALL = new RegExp(OFFER.source, "gi");
const GATED_PATTERNS = PATTERNS.map((p) => ({ ...p, gate: gate(p.any, [p.re]) }));
const OFFER_NEGATED = /\b(?:not|never|cannot|can't|won't|don't|didn't|unable)\b/i;

/** The text offers help or an alternative (OFFER), not negated ("we cannot offer" is no offer). */
function offers(text: string): boolean {
  OFFER_ALL.lastIndex = 0;
  for (let m = OFFER_ALL.exec(text); m; m = OFFER_ALL.exec(text)) if (!OFFER_NEGATED.test(m[0])) return true;
  return false;
}

const ALTERNATIVE =
  /^[^.!?]*?\b(?:but|however|although|though)\b[^.!?]*?\b(?:i|we)(?:'ll|'ve|\s+will|\s+can|\s+could|\s+have|\s+am|'m)\b/i;
const IMPERATIVE_PREFIX =
  /^\s*(?:just|please|go|so|then|simply|next\s+time|in\s+future|again|seriously|honestly|look)?\s*$/i;
// "deal with it" said about ourselves ("we'll deal with it") is not dismissive.
const SELF_BEFORE = /\b(?:we|i|we'll|i'll|let\s+me|let\s+us|happy\s+to|will)\s+(?:\w+\s+)?$/i;

export function checkTone(doc: Doc): Flag | undefined {
  const text = doc.text;
  for (const p of GATED_PATTERNS) {
    if (!mentions(doc, p.gate)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const c = clauseAt(doc, start);
      const clauseStart = c ? c.start : 0;
      if (p.imperative && !IMPERATIVE_PREFIX.test(text.slice(clauseStart, start))) continue;
      if (p.sentenceStart && !/(?:^|[.!?\n])\s*$/.test(text.slice(Math.max(0, start - 12), start))) continue;
      if (p.after && !p.after.test(text.slice(Math.max(0, start - 80), start))) continue;
      if (/^deal\s+with\s+it$/i.test(m[0]) && SELF_BEFORE.test(text.slice(Math.max(0, start - 30), start))) continue;
      if (p.softenedByAlternative && ALTERNATIVE.test(text.slice(end, end + 160))) continue;
      if (p.beforeRefusal && !REFUSAL.test(text.slice(end, end + 200))) continue;
      if (p.softenedByOffer && offers(`${text.slice(0, start)} ${text.slice(end)}`)) continue;
      return toneFlag(doc, start, end, p.what);
    }
  }
  return coldByCues(doc);
}

const TONE_POLICY =
  "Agents must be polite, patient and helpful; perfunctory replies, cold attitude and arbitrary rejection of customer requests are prohibited";

function toneFlag(doc: Doc, start: number, end: number, what: string): Flag {
  return makeFlag("tone.dismissive", doc, start, end, TONE_POLICY, `"${doc.body.slice(start, end)}" ${what}.`);
}

/**
 * Cues of a cold reply, for wording no pattern above knows. Strong cues (2) are enough on their own, weak ones
 * (1) only together ("company policy" + a refusal); any offer of help in the message (OFFER) cancels them.
 */
interface Cue {
  readonly weight: 1 | 2;
  readonly what: string;
  readonly any: readonly GateWord[];
  readonly re: RegExp;
}

const CUES: readonly Cue[] = [
  {
    weight: 2,
    what: "closes the matter",
    any: ["final", "closed", "nothing", "all", "changed", "negotiable", "further"],
    re: /\b(?:is|are|'s)\s+(?:also\s+)?final\b(?!\s+(?:step|sale|stage|reminder|notice|price|amount|total|check|version|decision\s+on))|\b(?:matter|discussion|conversation)\s+is\s+(?:now\s+)?closed\b|\bnothing\s+(?:further|more|else)\s+(?:will|can|is\s+going\s+to)\s+be\s+done\b|\b(?:is|that's|that\s+is)\s+all\s+(?:we|i)\s+(?:know|can\s+(?:say|tell\s+you|do))\b|\b(?:can't|cannot|can\s+not|won't|will\s+not)\s+be\s+changed\b|\b(?:not|non)[\s-]negotiable\b|\bno\s+further\s+(?:action|correspondence|discussion)\b/gi,
  },
  {
    weight: 2,
    what: "is impatient with the customer",
    any: ["already", "previously", "informed", "told", "advised", "through", "over"],
    re: /\b(?:already|previously)\s+(?:told|informed|explained|said|advised|answered|replied|responded)\b|\b(?:gone|been)\s+(?:through|over)\s+(?:this|that|it)\s+(?:already|before|twice)\b|\b(?:told|informed|advised)\s+you\s+(?:already|before|previously)\b/gi,
  },
  {
    weight: 2,
    what: "is curt",
    any: ["wait"],
    re: /(?:^|[.!?\n]\s*)(?:please\s+|just\s+|kindly\s+)?wait(?:\s+patiently)?\s*[.!]+(?=\s|$)/gi,
  },
  {
    weight: 2,
    what: "blames the customer",
    any: ["should", "fault", "mistake", "error", "failed", "forgot", "neglected"],
    re: /\byou\s+should(?:'ve|\s+have|\s+of)\s+(?:[\w-]+\s+)?(?:(?!received|got|gotten|been|had|heard)[a-z-]+ed|read|known|seen|done|chosen|taken|thought|bought|told|written|worn|kept|made|gone|understood)\b|(?<!(?:\bnot|n't|\bno)\s+(?:really\s+|at\s+all\s+)?)\byour\s+(?:own\s+)?(?:fault|mistake|error)\b|\byou\s+(?:failed|forgot|neglected)\s+to\b/gi,
  },
  {
    weight: 2,
    what: "deflects responsibility",
    any: ["fault", "problem", "responsibility", "issue", "concern", "their"],
    re: /(?:\bnot|n't)\s+(?:really\s+)?(?:our|my)\s+(?:fault|problem|responsibility|issue|concern)\b|\bhow\s+(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+(?:our|my)\s+(?:fault|problem|responsibility)\b|\btheir\s+(?:problem|issue|fault|responsibility)\b/gi,
  },
  {
    weight: 2,
    what: "is dismissive",
    any: [
      "interested",
      "care",
      "hard",
      "difficult",
      "complicated",
      "confusing",
      "yourself",
      "used",
      "suck",
      "broker",
      "bank",
      "charity",
      "babysitter",
      "courier",
      "shop",
      "service",
      "agency",
    ],
    re: /\bnot\s+interested\b|\b(?:don't|do\s+not)\s+care\b|\b(?:so|that)\s+(?:hard|difficult)\s+to\s+(?:understand|follow|grasp)\b|\bwhy\s+(?:this|that|it)\s+is\s+(?:so\s+)?(?:hard|difficult|complicated|confusing)\b|\b(?:sort|figure|work|deal\s+with|handle|fix)\s+(?:it|this|that|them)\s+(?:out\s+)?yourself\b|\bget\s+used\s+to\s+it\b|\bsuck\s+it\s+up\b|\b(?:we're|we\s+are)\s+not\s+(?:a|an|your)\s+(?:[\w-]+\s+){0,2}?(?:broker|bank|charity|courier|shop|service|agency|babysitter)\b/gi,
  },
  {
    weight: 1,
    what: "hides behind the policy",
    any: ["policy", "policies", "rules", "terms"],
    re: /\b(?:company|store|our)\s+polic(?:y|ies)\b|\bthe\s+rules\b|\bterms\s+and\s+conditions\b/gi,
  },
  {
    weight: 1,
    what: "acknowledges coldly",
    any: ["noted"],
    re: /\b(?:has|have)\s+been\s+noted\b|\bduly\s+noted\b/gi,
  },
];

function coldByCues(doc: Doc): Flag | undefined {
  const text = doc.text;
  let score = 0;
  let best: { start: number; end: number; what: string; weight: number } | undefined;
  for (const c of GATED_CUES) {
    if (!mentions(doc, c.gate)) continue;
    c.re.lastIndex = 0;
    const m = c.re.exec(text);
    if (!m) continue;
    // The cue itself, without a leading sentence break.
    const lead = /^[.!?\n\s]*/.exec(m[0])?.[0].length ?? 0;
    const start = m.index + lead;
    const end = m.index + m[0].length;
    score += c.weight;
    if (!best || c.weight > best.weight) best = { start, end, what: c.what, weight: c.weight };
  }
  if (score >= 1) {
    REFUSAL_ALL.lastIndex = 0;
    const r = REFUSAL_ALL.exec(text);
    if (r) {
      score += 1;
      if (!best) best = { start: r.index, end: r.index + r[0].length, what: "refuses", weight: 1 };
    }
  }
  if (!best || score < 2 || offers(text)) return undefined;
  return toneFlag(doc, best.start, best.end, best.what);
}

const REFUSAL_ALL = new RegExp(REFUSAL.source, "gi");
const GATED_CUES = CUES.map((c) => ({ ...c, gate: gate(c.any, [c.re]) }));
