/**
 * Size limits of what an item, a project and a budget record may hold. The
 * API contracts (src/contracts/item.ts, project.ts, budget.ts) and the
 * v1 importers read the same numbers, so a file cannot bring in what the
 * editor would refuse.
 */

export const ITEM_LIMITS = {
  title: 500,
  description: 20_000,
  workstream: 100,
  assignedTo: 200,
  priority: 30,
  /** One report code, and how many an item may carry. */
  rptOutCode: 20,
  rptOutCodes: 20,
  /** Business days. */
  duration: 10_000,
  note: 10_000,
  noteAuthor: 200,
  dependencies: 200,
  riskText: 5_000,
  riskOwner: 200,
  /** Cost impact: digits before the point (numeric(14,2)). */
  costImpactIntegerDigits: 12,
  /** Schedule impact in whole days. */
  scheduleImpactDays: 100_000,
} as const;

/** Item numbers stay far inside PostgreSQL's `integer`, with room for the counter to grow. */
export const MAX_ITEM_NUM = 1_000_000_000;

export const PROJECT_LIMITS = {
  name: 200,
  clientName: 200,
  workstream: 100,
} as const;

export const BUDGET_LIMITS = {
  resource: 200,
  role: 100,
  geography: 100,
  note: 2_000,
  /** Hours in one timesheet entry (a week). */
  hoursPerEntry: 168,
  /** numeric(12,2): rates. */
  rateIntegerDigits: 10,
  /** numeric(14,2): amounts and costs. */
  amountIntegerDigits: 12,
} as const;

/**
 * Imported files. A 10,000-item RAID log is about 5 MB; these leave room for
 * 50,000 items, or a budget file with 100,000 timesheet rows.
 */
export const IMPORT_LIMITS = {
  /** Characters of one YAML or CSV file. */
  fileChars: 40_000_000,
  /** Data rows of one timesheet CSV. */
  csvRows: 200_000,
  /** Characters that YAML aliases (`*name`) may add in total by repeating their anchors. */
  aliasExpansion: 100_000,
  /** Nesting of YAML collections (a v1 file needs 6). */
  yamlDepth: 32,
  /** Problems listed in one refusal; the count says how many there were in all. */
  reportedProblems: 200,
} as const;

/** Length in characters (code points), as PostgreSQL counts `varchar(n)`. */
export const charLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
