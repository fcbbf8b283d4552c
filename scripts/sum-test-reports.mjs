// Sums vitest JSON reports of every package into "N passed, N failed".
// Args: number of failed non-test checks (lint, typecheck), turbo's exit status.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const extraFailed = Number(process.argv[2] ?? 0);
const turboStatus = Number(process.argv[3] ?? 0);
let passed = 0;
let failed = 0;
const reports = [];
for (const group of ["packages", "apps"]) {
  for (const name of readdirSync(group)) {
    const file = join(group, name, ".vitest-report.json");
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
    reports.push(`${group}/${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  }
}
for (const line of reports) console.error(line);
if (extraFailed) console.error(`${extraFailed} non-test check(s) failed (lint or typecheck)`);
// A package whose tests crashed before writing a report still fails the run.
if (turboStatus !== 0 && failed === 0) failed += 1;
failed += extraFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
