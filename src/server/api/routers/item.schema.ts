import { z } from "zod";
import { ITEM_TYPES } from "@/domain/types";
import { ZMoney, ZOptionalDate } from "./common.schema";

const score = z.number().int().min(1, "Use 1–5").max(5, "Use 1–5").nullable().optional();
const text = (max: number) => z.string().max(max, `Use at most ${max} characters`).nullable().optional();

/** Every editable item field. All optional here; create requires type and title. */
export const ZItemFields = z.object({
  type: z.enum(ITEM_TYPES, { error: `Choose one of: ${ITEM_TYPES.join(", ")}` }),
  title: z.string().trim().min(1, "Enter a title").max(500, "Use at most 500 characters"),
  description: text(20_000),
  /** Workstream name within the project; null for none. */
  workstream: z.string().trim().max(100).nullable().optional(),
  assignedTo: z.string().trim().max(200).nullable().optional(),
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
  riskOwner: z.string().trim().max(200).nullable().optional(),
  residualProbability: score,
  residualImpact: score,
});

const startBeforeFinish = (v: { start?: string | null; finish?: string | null }) =>
  !v.start || !v.finish || v.start <= v.finish;
const startMsg = { error: "Finish must not be before start", path: ["finish"] };

export const ZCreateItem = ZItemFields.partial()
  .required({ type: true, title: true })
  .refine(startBeforeFinish, startMsg);
export type TCreateItem = z.infer<typeof ZCreateItem>;

export const ZItemRef = z.object({ itemNum: z.number().int().positive() });

/** `{itemNum, version, ...changes}`: only the fields present change. */
export const ZUpdateItem = ZItemRef.extend({ version: z.number().int().positive() })
  .extend(ZItemFields.partial().shape)
  .refine(startBeforeFinish, startMsg);
export type TUpdateItem = z.infer<typeof ZUpdateItem>;

export const ZListItems = z.object({
  types: z.array(z.enum(ITEM_TYPES)).optional(),
  workstreams: z.array(z.string()).optional(),
  assignees: z.array(z.string()).optional(),
  openOnly: z.boolean().optional(),
  criticalOnly: z.boolean().optional(),
  includeDeleted: z.boolean().optional(),
  search: z.string().trim().max(200).optional(),
  cursor: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type TListItems = z.infer<typeof ZListItems>;
