// Counts tests in a result file for tests/run-all.sh; prints "PASSED FAILED SKIPPED".
//   node results.mjs gtest build/test-results/unit.json
//   node results.mjs tap build/test-results/integration-sqlite.tap
// A missing or unreadable file prints "0 0 0"; the caller counts a failed run by its exit code.
import { readFileSync } from "node:fs";

const [kind, file] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let text = null;
try { text = readFileSync(file, "utf8"); } catch { /* no report: the run itself failed */ }

if (text !== null && kind === "gtest") {
  try {
    for (const suite of JSON.parse(text).testsuites ?? []) {
      for (const t of suite.testsuite ?? []) {
        if (t.failures?.length) failed++;
        else if (t.result === "SKIPPED" || t.result === "SUPPRESSED" || t.status === "NOTRUN") skipped++;
        else passed++;
      }
    }
  } catch { /* truncated JSON: a crashed run */ }
} else if (text !== null && kind === "tap") {
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  passed = count("pass");
  failed = count("fail") + count("cancelled");
  skipped = count("skipped") + count("todo");
} else if (kind !== "gtest" && kind !== "tap") {
  console.error(`usage: results.mjs gtest|tap FILE`);
  process.exit(2);
}
console.log(`${passed} ${failed} ${skipped}`);
