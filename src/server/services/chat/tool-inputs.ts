/** Input schemas of the assistant's tools (sent to the model as JSON Schema, checked on every call). */
import { z } from "zod";
import { INDICATORS, ITEM_TYPES, SEVERITIES } from "@/domain/types";

const projectIdField = z
  .string()
  .max(100)
  .describe("Project id (from list_projects). Leave out to use the projects in scope for this question.")
  .optional();

export const ZListItemsTool = z.object({
  project_id: projectIdField,
  types: z.array(z.enum(ITEM_TYPES)).optional().describe("Item types to include"),
  workstreams: z
    .array(z.string().max(100))
    .max(50)
    .optional()
    .describe("Workstream names (case-insensitive)"),
  assignees: z
    .array(z.string().max(200))
    .max(50)
    .optional()
    .describe("Assignee names, exactly as stored (case-insensitive)"),
  severities: z
    .array(z.enum(SEVERITIES))
    .optional()
    .describe("Indicator severities: critical, warning, active, upcoming, completed, done"),
  indicators: z.array(z.enum(INDICATORS)).optional().describe("Exact status indicators"),
  open_only: z.boolean().optional().describe("Leave out Completed and Completed Recently items"),
  critical_only: z
    .boolean()
    .optional()
    .describe("Only Beyond Deadline!!!, Late Finish!! and Late Start!! items (overdue / late)"),
  search: z.string().max(200).optional().describe("Words that must all occur in the title or description"),
  due_within_days: z
    .number()
    .int()
    .min(0)
    .max(366)
    .optional()
    .describe("Only open items due (deadline, else finish) from today up to this many days ahead"),
  include_drafts: z.boolean().optional().describe("Include draft items (default false)"),
  limit: z
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .describe("Most items per project to return (default 50)"),
});

export const ZGetItemTool = z.object({
  project_id: projectIdField,
  item_num: z.number().int().positive().describe("The item number, as cited with #N"),
});

export const ZProjectOnly = z.object({ project_id: projectIdField });
export const ZPortfolioTool = z.object({
  portfolio_id: z
    .string()
    .max(100)
    .optional()
    .describe("Portfolio id (from a call without it). Leave out to list the portfolios."),
});
export const ZNoInput = z.object({});
export const ZRiskRegisterTool = z.object({
  project_id: projectIdField,
  open_only: z
    .boolean()
    .optional()
    .describe("Only open risks (default true); false includes closed and draft ones and Issues"),
  limit: z.number().int().min(1).max(200).optional().describe("Most rows per project (default 25)"),
});
export const ZForecastTool = z.object({
  project_id: projectIdField,
  seed: z
    .number()
    .int()
    .min(0)
    .max(4294967295)
    .optional()
    .describe("Random seed (default 1); the same seed gives the same answer"),
  runs: z.number().int().min(100).max(5000).optional().describe("Simulation runs (default 2000)"),
});
