/**
 * One line per test suite from the JSON reports that `npm test` leaves in
 * test-results/ (vitest.json, playwright.json). .ci/run prints it after the
 * tests; exits 1 when a report shows a failure (or a suite left no report
 * while an earlier one failed is reported as "not run").
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "..", "test-results");

type VitestReport = {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  success: boolean;
  testResults: { name: string; status: string; message?: string }[];
};

type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number; duration: number };
  errors?: unknown[];
};

function read<T>(file: string): T | null {
  const p = path.join(dir, file);
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as T) : null;
}

let failed = false;

const v = read<VitestReport>("vitest.json");
if (!v) {
  console.log("vitest:     no report (did not run)");
  failed = true;
} else {
  const files = v.testResults.length;
  const badFiles = v.testResults.filter((r) => r.status === "failed");
  const ok = v.success && v.numFailedTests === 0 && badFiles.length === 0;
  failed ||= !ok;
  console.log(
    `vitest:     ${ok ? "PASSED" : "FAILED"} — ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests + (v.numTodoTests ?? 0)} skipped; ${files} files, ${badFiles.length} failed`,
  );
  for (const f of badFiles) console.log(`            ✗ ${path.relative(path.resolve(dir, ".."), f.name)}`);
}

const p = read<PlaywrightReport>("playwright.json");
if (!p) {
  console.log(`playwright: ${failed ? "not run (an earlier suite failed)" : "no report (did not run)"}`);
  failed = true;
} else {
  const { expected, unexpected, flaky, skipped, duration } = p.stats;
  const ok = unexpected === 0 && !p.errors?.length;
  failed ||= !ok;
  console.log(
    `playwright: ${ok ? "PASSED" : "FAILED"} — ${expected} passed, ${unexpected} failed, ${flaky} flaky, ${skipped} skipped; ${(duration / 60000).toFixed(1)} min`,
  );
}

process.exit(failed ? 1 : 0);
