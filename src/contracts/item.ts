import { z } from "zod";
import { ZItemFilter } from "@/domain/item-filter";
import { ITEM_TYPES } from "@/domain/types";
import { ZInt4, ZIsoDate, ZMoney, ZOptionalDate } from "./common";

const score = z.number().int().min(1, "Use 1–5").max(5, "Use 1–5").nullable().optional();
const text = (max: number) => z.string().max(max, `Use at most ${max} characters`).nullable().optional();

/** Every editable item field. All optional here; create requires type and title. */
export const ZItemFields = z.object({
  type: z.enum(ITEM_TYPES, { error: `Choose one of: ${ITEM_TYPES.join(", ")}` }),
  title: z.string().trim().min(1, "Enter a title").max(500, "Use at most 500 characters"),
  description: text(20_000),
  /** Workstream name within the project; null for none. */
  workstream: z.string().trim().max(100).nullable().optional(),
  assignedTo: z.string().trim().max(200, "Use at most 200 characters").nullable().optional(),
  /** An org member (from the picker); null = free text. When given, the text becomes the member's name. */
  assignedToUserId: z.uuid({ error: "Choose a member from the list" }).nullable().optional(),
  start: ZOptionalDate,
  finish: ZOptionalDate,
  deadline: ZOptionalDate,
  duration: z.number().int().min(0, "Use 0 or more business days").max(10_000).nullable().optional(),
  draft: z.boolean().optional(),
  clientVisible: z.boolean().optional(),
  percentComplete: z.number().int("Use a whole number").min(0, "Use 0–100").max(100, "Use 0–100").optional(),
  priority: z.string().trim().max(30).nullable().optional(),
  rptOut: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
  budgetAmount: ZMoney.nullable().optional(),
  probability: score,
  impact: score,
  mitigation: text(5_000),
  contingency: text(5_000),
  riskOwner: z.string().trim().max(200, "Use at most 200 characters").nullable().optional(),
  residualProbability: score,
  residualImpact: score,
  /** Money if the risk happens, a decimal string ("25000.00"). */
  costImpact: ZMoney.refine((v) => !v.startsWith("-"), "Use 0 or more")
    .nullable()
    .optional(),
  /** Whole days of delay if the risk happens. */
  scheduleImpactDays: z
    .number()
    .int("Use a whole number of days")
    .min(0, "Use 0 or more days")
    .max(100_000, "Use at most 100000 days")
    .nullable()
    .optional(),
});

const startBeforeFinish = (v: { start?: string | null; finish?: string | null }) =>
  !v.start || !v.finish || v.start <= v.finish;
const startMsg = { error: "Finish must not be before start", path: ["finish"] };

export const ZCreateItem = ZItemFields.partial()
  .required({ type: true, title: true })
  .extend({
    /**
     * The caller's id for this create (a UUID it chose): sending the same create again — a retry
     * after a lost reply — returns the item the first one made instead of a second item.
     */
    requestId: z.uuid("Use a UUID").optional(),
  })
  .refine(startBeforeFinish, startMsg);
export type TCreateItem = z.infer<typeof ZCreateItem>;

export const ZItemRef = z.object({ itemNum: ZInt4.positive() });

/** `{itemNum, version, ...changes}`: only the fields present change. */
export const ZUpdateItem = ZItemRef.extend({ version: ZInt4.positive() })
  .extend(ZItemFields.partial().shape)
  .refine(startBeforeFinish, startMsg);
export type TUpdateItem = z.infer<typeof ZUpdateItem>;

export const ITEM_SORT_KEYS = [
  "itemNum",
  "type",
  "workstream",
  "title",
  "assignedTo",
  "severity",
  "deadline",
  "start",
  "finish",
  "riskScore",
  "riskOwner",
  "percentComplete",
  "updatedAt",
] as const;

/**
 * The item filter as API callers give it (item.list, exports): a project's list
 * and its exports show drafts unless asked not to (`includeDrafts: false`);
 * see src/domain/item-filter.ts for how each field matches.
 */
export const ZItemFilterInput = ZItemFilter.extend({ includeDrafts: z.boolean().default(true) });
export type TItemFilterInput = z.input<typeof ZItemFilterInput>;

/** The item filter, sort and paging of the items views. */
export const ZListItems = ZItemFilterInput.extend({
  /** Deleted items instead of live ones (for restoring). */
  deleted: z.boolean().optional(),
  sort: z
    .object({ by: z.enum(ITEM_SORT_KEYS), dir: z.enum(["asc", "desc"]).default("asc") })
    .default({ by: "itemNum", dir: "asc" }),
  cursor: ZInt4.min(0).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type TListItems = z.infer<typeof ZListItems>;

export const ZAddNote = ZItemRef.extend({
  /** Defaults to today. */
  date: ZIsoDate.optional(),
  content: z.string().trim().min(1, "Write something").max(10_000, "Use at most 10,000 characters"),
});

export const ZSetDependencies = ZItemRef.extend({
  dependsOn: z.array(ZInt4.positive()).max(200, "At most 200 dependencies"),
});
