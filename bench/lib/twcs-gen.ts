import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ensureDir, RESULTS } from "./common.ts";

/** mulberry32: a small seeded PRNG, so the same size gives the same file. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPANIES = [
  "AppleSupport",
  "AmazonHelp",
  "Uber_Support",
  "SpotifyCares",
  "Delta",
  "Tesco",
  "comcastcares",
  "British_Airways",
  "SouthwestAir",
  "VirginTrains",
  "XboxSupport",
  "hulu_support",
  "sprintcare",
  "AskPlayStation",
  "ChaseSupport",
  "AirbnbHelp",
];
const COMPLAINTS = [
  "my order still hasn't arrived and the tracking link shows nothing",
  "I've been charged twice for the same subscription, can you fix this?",
  "the app keeps crashing every time I open it after the update 😡",
  'why does it say "payment declined" when my card works everywhere else',
  "my flight was delayed 3 hours and nobody at the gate knows anything",
  "I can't log in, the reset email never arrives",
  "the delivery driver left my parcel outside in the rain, it's soaked",
  "how do I cancel? there is no button anywhere, this is ridiculous",
  "still waiting for my refund of $45.99, it's been 2 weeks",
  "the internet has been down since this morning, any ETA?",
];
const REPLIES = [
  "We're sorry to hear this. Please DM us your order number and we'll take a look right away.",
  "Hi there, thanks for reaching out! Can you tell us which version you're using? We'd like to help.",
  "That's not the experience we want for you. Send us a DM with your email address and we'll check, ok?",
  "Sorry for the wait! Our team is aware and working on a fix. We'll keep you posted here.",
  'We understand the frustration. Please follow the steps at https://t.co/AbCdEf12 and let us know, "thanks"!',
  "Thanks for your patience. A refund usually takes 5-7 business days to appear on your statement.",
];
const FOLLOW_UPS = [
  "done, just sent you a DM",
  "thanks, that worked!",
  "still nothing... this is the third time I'm asking",
  "ok, I'll wait but please hurry",
  "I did that already, didn't help",
];
const SIGNS = ["^MM", "^JR", "/AY", "-AB", "- Paige", "^KC", ""];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const twitterTime = (ms: number): string => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
};
const csv = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * A synthetic "Customer Support on Twitter" CSV of at least `bytes` bytes (same columns as
 * fixtures/twcs-sample.csv): threads of 2–6 tweets (a customer tweet @mentioning a company,
 * signed company replies, follow-ups), shuffled within blocks so replies may precede their
 * parents as in the real file. Cached in bench/results/twcs/ by size.
 */
export function twcsFile(bytes: number): string {
  const dir = ensureDir(join(RESULTS, "twcs"));
  const path = join(dir, `twcs-${bytes}.csv`);
  if (existsSync(path) && statSync(path).size >= bytes) return path;
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w");
  const rand = rng(bytes % 2_147_483_647);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  let written = 0;
  const write = (s: string) => {
    written += writeSync(fd, s);
  };
  write("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n");
  let nextId = 1_000_000;
  let customer = 100_000;
  let t = Date.UTC(2017, 9, 1);
  while (written < bytes) {
    const rows: string[] = [];
    for (let k = 0; k < 2000; k++) {
      const company = pick(COMPANIES);
      const user = String(customer++);
      const n = 2 + Math.floor(rand() * 5);
      const ids = Array.from({ length: n }, () => nextId++);
      t += Math.floor(rand() * 20_000);
      let at = t;
      for (let i = 0; i < n; i++) {
        const fromCompany = i % 2 === 1;
        const text =
          i === 0
            ? `@${company} ${pick(COMPLAINTS)}`
            : fromCompany
              ? `@${user} ${pick(REPLIES)} ${pick(SIGNS)}`.trimEnd()
              : `@${company} ${pick(FOLLOW_UPS)}`;
        const next = i + 1 < n ? String(ids[i + 1]) : "";
        const prev = i > 0 ? String(ids[i - 1]) : "";
        rows.push(
          [ids[i], fromCompany ? company : user, fromCompany ? "False" : "True", twitterTime(at), csv(text), next, prev]
            .join(",")
            .concat("\n"),
        );
        at += 60_000 + Math.floor(rand() * 7_200_000);
      }
    }
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
    }
    write(rows.join(""));
  }
  closeSync(fd);
  renameSync(tmp, path);
  return path;
}
