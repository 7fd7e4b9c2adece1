/** The heading row of the budget tables (ledger, rate card, timesheets, burn, variance, CSV preview). */
export const BUDGET_TABLE_HEAD = {
  className: "bg-slate-50 text-left text-slate-700",
  cellClassName: "px-3 py-2 font-medium",
} as const;
