/** Inputs of the budget procedures (rate card, allocations, timesheets, imports). Shared with forms. */
import { z } from "zod";
import { IMPORT_LIMITS } from "@/domain/limits";
import { MAX_HOURS_PER_ENTRY } from "@/domain/timesheet-csv";
import { TIMESHEET_CSV_FIELDS } from "@/domain/timesheet-csv-fields";
import { ZInstant, ZInt4, ZIsoDate, ZMoney } from "./common";

const ZId = z.uuid({ error: "Not a valid id" });

/** Optional text: trimmed, empty → null. */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const ZOptionalIsoDate = ZIsoDate.nullish().transform((v) => v ?? null);

/** numeric(12,2): at most 10 digits before the point. */
export const ZRate = ZMoney.refine((v) => !v.startsWith("-"), { error: "A rate cannot be negative" }).refine(
  (v) => /^\d{1,10}(\.\d+)?$/.test(v),
  { error: "That rate is too large" },
);

/** Hours as an exact decimal with at most two places, 0–168. */
export const ZHours = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,3}(\.\d{1,2})?$/.test(v), { error: "Use hours like 37.5 (at most 2 decimals)" })
  .refine((v) => Number(v) <= MAX_HOURS_PER_ENTRY, {
    error: `At most ${MAX_HOURS_PER_ENTRY} hours in a week`,
  });

/** Optimistic concurrency: the `updatedAt` the client read; a later change → CONFLICT. */
const ZExpectedUpdatedAt = ZInstant.optional();

// ---------------------------------------------------------------- rate card

const rateCardFields = {
  resourceName: z.string().trim().min(1, "Enter the resource's name").max(200, "At most 200 characters"),
  role: optionalText(100, "Role"),
  geography: optionalText(100, "Geography"),
  hourlyRate: ZRate,
  effectiveFrom: ZOptionalIsoDate,
  effectiveTo: ZOptionalIsoDate,
  rollOffDate: ZOptionalIsoDate,
};

const effectiveOrder = (v: { effectiveFrom?: string | null; effectiveTo?: string | null }) =>
  !v.effectiveFrom || !v.effectiveTo || v.effectiveFrom <= v.effectiveTo;
const effectiveOrderError = {
  error: "Effective to must not be before effective from",
  path: ["effectiveTo"],
};

export const ZCreateRateCard = z
  .object({
    ...rateCardFields,
    /** A project-specific entry (as imports create them); absent = org-wide. */
    projectId: ZId.nullish(),
  })
  .refine(effectiveOrder, effectiveOrderError);
export type TCreateRateCard = z.infer<typeof ZCreateRateCard>;

export const ZUpdateRateCard = z
  .object({
    id: ZId,
    expectedUpdatedAt: ZExpectedUpdatedAt,
    resourceName: rateCardFields.resourceName.optional(),
    role: rateCardFields.role.optional(),
    geography: rateCardFields.geography.optional(),
    hourlyRate: ZRate.optional(),
    effectiveFrom: rateCardFields.effectiveFrom.optional(),
    effectiveTo: rateCardFields.effectiveTo.optional(),
    rollOffDate: rateCardFields.rollOffDate.optional(),
  })
  .refine(effectiveOrder, effectiveOrderError);
export type TUpdateRateCard = z.infer<typeof ZUpdateRateCard>;

export const ZListRateCard = z.object({
  /** Entries that apply to this project (its own and the org-wide ones); absent = the org-wide card. */
  projectId: ZId.nullish(),
});

export const ZById = z.object({ id: ZId });

// -------------------------------------------------------------- allocations

const ZAllocationAmount = ZMoney.refine((v) => Number(v) !== 0, { error: "Enter a non-zero amount" });

const allocationFields = {
  amount: ZAllocationAmount,
  /** A workstream of the project, by name; null/empty = none. */
  workstream: z
    .string()
    .trim()
    .max(100)
    .nullish()
    .transform((v) => (v ? v : null)),
  date: ZOptionalIsoDate,
  periodStart: ZOptionalIsoDate,
  periodEnd: ZOptionalIsoDate,
  note: optionalText(2000, "Note"),
};

export type AllocationDates = {
  date?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
};

/** Field problems of an allocation's date or period (also checked on the merged row when updating). */
export function allocationDateProblems(v: AllocationDates): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (v.date && (v.periodStart || v.periodEnd)) problems.date = ["Give either a date or a period, not both"];
  if (!!v.periodStart !== !!v.periodEnd) {
    problems[v.periodStart ? "periodEnd" : "periodStart"] = ["A period needs a start and an end"];
  }
  if (v.periodStart && v.periodEnd && v.periodStart > v.periodEnd) {
    problems.periodEnd = ["The period must not end before it starts"];
  }
  return problems;
}

function checkAllocationDates(v: AllocationDates, ctx: z.RefinementCtx) {
  for (const [path, messages] of Object.entries(allocationDateProblems(v))) {
    for (const message of messages) ctx.addIssue({ code: "custom", path: [path], message });
  }
}

export const ZCreateAllocation = z.object(allocationFields).superRefine(checkAllocationDates);
export type TCreateAllocation = z.infer<typeof ZCreateAllocation>;

/** Date and period are checked on the merged row by the service. */
export const ZUpdateAllocation = z.object({
  id: ZId,
  expectedUpdatedAt: ZExpectedUpdatedAt,
  amount: ZAllocationAmount.optional(),
  workstream: allocationFields.workstream.optional(),
  date: allocationFields.date.optional(),
  periodStart: allocationFields.periodStart.optional(),
  periodEnd: allocationFields.periodEnd.optional(),
  note: allocationFields.note.optional(),
});
export type TUpdateAllocation = z.infer<typeof ZUpdateAllocation>;

// --------------------------------------------------------------- timesheets

const timesheetFields = {
  resource: z
    .string()
    .trim()
    .min(1, "Enter the resource's name")
    .max(200, "At most 200 characters")
    .transform((v) => v.replace(/\s+/g, " ")),
  weekEnding: ZIsoDate,
  hours: ZHours,
  /** Absent or null: the resource's rate on the rate card for that week. */
  rate: ZRate.nullish(),
  completeWeek: z.boolean().default(true),
};

export const ZCreateTimesheet = z.object(timesheetFields);
export type TCreateTimesheet = z.infer<typeof ZCreateTimesheet>;

export const ZUpdateTimesheet = z.object({
  id: ZId,
  expectedUpdatedAt: ZExpectedUpdatedAt,
  resource: timesheetFields.resource.optional(),
  weekEnding: ZIsoDate.optional(),
  hours: ZHours.optional(),
  /** null: look the rate up on the rate card again. */
  rate: ZRate.nullish(),
  completeWeek: z.boolean().optional(),
});
export type TUpdateTimesheet = z.infer<typeof ZUpdateTimesheet>;

export const ZListTimesheets = z.object({
  resource: z.string().trim().max(200).optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  limit: z.int().min(1).max(5000).default(1000),
  cursor: ZInt4.min(0).nullish(),
});
export type TListTimesheets = z.infer<typeof ZListTimesheets>;

// ------------------------------------------------------------------ imports

export const MAX_BUDGET_FILE = IMPORT_LIMITS.fileChars;
export const MAX_CSV = IMPORT_LIMITS.fileChars;
export const MAX_CSV_ROWS = IMPORT_LIMITS.csvRows;

export const ZImportBudgetYaml = z.object({
  budget: z
    .string()
    .min(1, "The budget file is empty")
    .max(MAX_BUDGET_FILE, `The budget file is larger than ${IMPORT_LIMITS.fileChars / 1_000_000} MB`),
  /** Replace the project's existing budget data (allocations, timesheets, project rate card). */
  replace: z.boolean().default(false),
});
export type TImportBudgetYaml = z.infer<typeof ZImportBudgetYaml>;

const ZColumn = z.int().min(0).max(500).nullable().optional();
export const ZTimesheetCsvMapping = z.object(
  Object.fromEntries(TIMESHEET_CSV_FIELDS.map((f) => [f, ZColumn])) as Record<
    (typeof TIMESHEET_CSV_FIELDS)[number],
    typeof ZColumn
  >,
);

const ZCsvText = z
  .string()
  .min(1, "The CSV is empty")
  .max(MAX_CSV, `The CSV is larger than ${IMPORT_LIMITS.fileChars / 1_000_000} MB`);

/** What to do with rows whose resource and week ending already have an entry in the project. */
export const CSV_DUPLICATE_MODES = ["reject", "replace", "add"] as const;

export const ZPreviewTimesheetCsv = z.object({ csv: ZCsvText, mapping: ZTimesheetCsvMapping.optional() });
export type TPreviewTimesheetCsv = z.infer<typeof ZPreviewTimesheetCsv>;

export const ZImportTimesheetCsv = z.object({
  csv: ZCsvText,
  mapping: ZTimesheetCsvMapping,
  duplicates: z.enum(CSV_DUPLICATE_MODES).default("reject"),
});
export type TImportTimesheetCsv = z.infer<typeof ZImportTimesheetCsv>;
