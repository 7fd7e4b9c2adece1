/** What the binary exports (xlsx, pdf) are built from: plain records, already filtered. */
import type { BudgetMetrics } from "@/domain/budget";
import type { IsoDate, ItemRecord, ProjectMeta } from "@/domain/types";

export type ReportData = {
  project: Pick<ProjectMeta, "name" | "clientName" | "projectStart" | "projectEnd">;
  /** Items with their indicator as of `asOf`, filters (and the client view) applied. */
  items: readonly ItemRecord[];
  budget: BudgetMetrics | null;
  asOf: IsoDate;
  generatedOn: IsoDate;
  /** Only what a client may see (said on the report). */
  clientView?: boolean;
};

/** An ISO calendar date as a UTC midnight Date (what Excel and pdf dates are made from). */
export const isoToUtcDate = (d: IsoDate): Date => new Date(`${d}T00:00:00Z`);

/** Decimal text ("1250.50") as a number, null kept. */
export const decimalNumber = (v: string | null | undefined): number | null =>
  v === null || v === undefined || v === "" ? null : Number(v);
