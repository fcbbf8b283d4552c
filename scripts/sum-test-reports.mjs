// Sums vitest JSON reports of every package into "N passed, N failed".
// Args: number of failed non-test checks (lint, typecheck), turbo's exit status.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const extraFailed = Number(process.argv[2] ?? 0);
const turboStatus = Number(process.argv[3] ?? 0);
let passed = 0;
let failed = 0;
const reports = [];
const failures = [];
// Every package's directory: packages/*, apps/* and bench.
const dirs = ["packages", "apps"]
  .flatMap((group) => readdirSync(group).map((name) => join(group, name)))
  .concat(["bench"]);
for (const dir of dirs) {
  const file = join(dir, ".vitest-report.json");
  try {
    statSync(file);
  } catch {
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests ?? 0;
  // Suites that failed to load count as failures too.
  failed +=
    (r.numFailedTests ?? 0) +
    (r.testResults ?? []).filter((t) => t.status === "failed" && (t.assertionResults ?? []).length === 0).length;
  reports.push(`${dir}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  for (const t of r.testResults ?? []) {
    const where = relative(process.cwd(), String(t.name));
    const failedTests = (t.assertionResults ?? []).filter((a) => a.status === "failed");
    if (t.status === "failed" && failedTests.length === 0) failures.push(`${where}: ${firstLines(t.message)}`);
    for (const a of failedTests)
      failures.push(`${where} > ${a.fullName}: ${firstLines((a.failureMessages ?? []).join("\n"))}`);
  }
}
// Each failure's name and the start of its message, so a run's log says what failed at its end.
if (failures.length) console.error(`\nFailed:\n${failures.map((f) => `- ${f}`).join("\n")}\n`);
for (const line of reports) console.error(line);
if (extraFailed) console.error(`${extraFailed} non-test check(s) failed (lint or typecheck)`);
// A package whose tests crashed before writing a report still fails the run.
if (turboStatus !== 0 && failed === 0) failed += 1;
failed += extraFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

function firstLines(text) {
  return String(text ?? "")
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, 4)
    .join("\n    ");
}
