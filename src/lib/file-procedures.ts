/**
 * Procedures whose input is a whole file: a v1 RAID log or Budget file, a
 * timesheet CSV (up to IMPORT_LIMITS.fileChars characters). JSON-encoded,
 * a 10,000-item log is about 5 MB and a Budget file with 100,000 timesheet
 * rows about 12 MB — more than the 5 MB every other call may send.
 *
 * /api/trpc reads up to MAX_FILE_BODY_BYTES (src/server/http/guard.ts) for
 * one of these when it is the only call in its request and the caller is
 * signed in (src/server/api/http.ts); the browser client sends each alone
 * (src/trpc/react.tsx). Shared by both sides, so no server imports here.
 */
export const FILE_PROCEDURES: ReadonlySet<string> = new Set([
  "project.importYaml",
  "project.importPreview",
  "project.importInto",
  "project.importTablePreview",
  "project.importTable",
  "project.importTableInto",
  "budget.importYaml",
  "budget.timesheet.previewCsv",
  "budget.timesheet.importCsv",
]);
