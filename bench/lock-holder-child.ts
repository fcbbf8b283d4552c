/**
 * Child process of the contention benchmark: another writer on a SQLite file, holding its write
 * lock HOLD ms of every HOLD + GAP ms (BEGIN IMMEDIATE, wait, COMMIT, wait) until SIGTERM, as
 * `caliper import` does with its 5,000-event transactions next to a running server. It waits
 * for the lock with SQLite's own busy timeout (it has nothing else to do meanwhile). Sends
 * { holding: true } over IPC once it has taken the lock the first time.
 *
 *   node --import tsx bench/lock-holder-child.ts FILE HOLD_MS GAP_MS
 */
import Database from "better-sqlite3";

const [file, holdArg, gapArg] = process.argv.slice(2);
if (!file || !holdArg || !gapArg) {
  process.stderr.write("usage: bench/lock-holder-child.ts FILE HOLD_MS GAP_MS\n");
  process.exit(2);
}
const hold = Number(holdArg);
const gap = Number(gapArg);
const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});
let first = true;
while (!stopping) {
  db.exec("begin immediate");
  if (first) process.send?.({ holding: true });
  first = false;
  await sleep(hold);
  db.exec("commit");
  await sleep(gap);
}
db.close();
process.exit(0);
