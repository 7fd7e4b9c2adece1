import { z } from "zod";
import { EXPORT_FORMATS } from "@/domain/export/formats";
import { ZIsoDate } from "./common";
import { ZItemFilterInput } from "./item";

export const ZExport = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    /** Indicators as of this date (default today); nothing stored changes. */
    asOf: ZIsoDate.optional(),
    /** Which items; none given = every item of the project, drafts included. */
    filter: ZItemFilterInput.prefault({}),
    /** Only what a client may see: client-visible, non-draft items, no notes. */
    clientView: z.boolean().optional(),
    /** md-changes: report changes from this date on… */
    since: ZIsoDate.optional(),
    /** …or since this baseline (compared with it, too). */
    baselineId: z.uuid({ error: "Not a baseline id" }).optional(),
  })
  .refine((v) => v.format !== "md-changes" || !!v.since || !!v.baselineId, {
    error: "Give a date (YYYY-MM-DD) or a baseline",
    path: ["since"],
  })
  .refine((v) => v.format !== "budget-yaml" || !v.clientView, {
    error: "The budget file has no client view (it holds rates and costs)",
    path: ["clientView"],
  });

export type TExport = z.input<typeof ZExport>;

const LIST_KEYS = ["types", "workstreams", "assignees", "indicators", "severities", "rptOut"] as const;
const BOOL_KEYS = ["openOnly", "criticalOnly", "includeDrafts"] as const;

/** Export options as URL query parameters (for download links). */
export function exportQuery(input: TExport & { orgSlug: string; projectId: string }): URLSearchParams {
  const q = new URLSearchParams({ org: input.orgSlug, project: input.projectId, format: input.format });
  if (input.asOf) q.set("asOf", input.asOf);
  if (input.clientView) q.set("clientView", "1");
  if (input.since) q.set("since", input.since);
  if (input.baselineId) q.set("baseline", input.baselineId);
  const f = input.filter ?? {};
  for (const key of LIST_KEYS) for (const v of f[key] ?? []) q.append(key, v ?? "");
  for (const key of BOOL_KEYS) if (f[key] !== undefined) q.set(key, f[key] ? "1" : "0");
  if (f.search) q.set("search", f.search);
  return q;
}

/** The reverse of exportQuery; validation happens in the procedure. */
export function exportFromQuery(q: URLSearchParams) {
  const filter: Record<string, unknown> = {};
  for (const key of LIST_KEYS) {
    const values = q.getAll(key);
    if (values.length) filter[key] = values.map((v) => (v === "" ? null : v));
  }
  for (const key of BOOL_KEYS) if (q.has(key)) filter[key] = q.get(key) === "1";
  if (q.get("search")) filter.search = q.get("search");
  return {
    orgSlug: q.get("org") ?? "",
    projectId: q.get("project") ?? "",
    format: q.get("format") ?? "",
    asOf: q.get("asOf") ?? undefined,
    clientView: q.get("clientView") === "1" || undefined,
    since: q.get("since") ?? undefined,
    baselineId: q.get("baseline") ?? undefined,
    filter,
  };
}
