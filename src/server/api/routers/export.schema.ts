import { z } from "zod";
import { INDICATORS, ITEM_TYPES, SEVERITIES } from "@/domain/types";
import { EXPORT_FORMATS } from "@/server/services/export";
import { ZIsoDate } from "./common.schema";

export const ZItemFilter = z.object({
  types: z.array(z.enum(ITEM_TYPES)).optional(),
  workstreams: z.array(z.string().nullable()).optional(),
  assignees: z.array(z.string().nullable()).optional(),
  indicators: z.array(z.enum(INDICATORS).nullable()).optional(),
  severities: z.array(z.enum(SEVERITIES)).optional(),
  openOnly: z.boolean().optional(),
  criticalOnly: z.boolean().optional(),
  rptOut: z.array(z.string()).optional(),
  search: z.string().max(200).optional(),
  includeDrafts: z.boolean().optional(),
});

export const ZExport = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** Indicators as of this date (default today); nothing stored changes. */
  asOf: ZIsoDate.optional(),
  filter: ZItemFilter.optional(),
  /** Only what a client may see: client-visible, non-draft items, no notes. */
  clientView: z.boolean().optional(),
});
