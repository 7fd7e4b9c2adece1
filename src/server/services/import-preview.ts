/**
 * What an import would bring in, without writing anything: the project, its
 * items counted by type, workstreams, the dates the items span, and every
 * warning and error with its line and item (the first IMPORT_LIMITS.
 * reportedProblems of each, with their counts).
 */
import { IMPORT_LIMITS } from "@/domain/limits";
import { countByType } from "@/domain/item-table";
import type { IsoDate, ItemRecord, ItemType } from "@/domain/types";
import { parseBudgetYaml, parseRaidYaml, type ImportIssue } from "@/domain/yaml-v1";

const listed = (issues: ImportIssue[]) => issues.slice(0, IMPORT_LIMITS.reportedProblems);

export type ItemsSummary = {
  items: number;
  byType: Record<ItemType, number>;
  workstreams: string[];
  /** The earliest and latest start, finish or deadline of the items; null when none is dated. */
  dateRange: { from: IsoDate; to: IsoDate } | null;
  notes: number;
  dependencies: number;
};

export type RaidPreview = {
  ok: boolean;
  project: {
    name: string;
    clientName: string | null;
    projectStart: IsoDate | null;
    projectEnd: IsoDate | null;
  } | null;
  summary: ItemsSummary | null;
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportIssue[];
  warningCount: number;
};

export type BudgetPreview = {
  ok: boolean;
  rateCard: number;
  allocations: number;
  timesheets: number;
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportIssue[];
  warningCount: number;
};

export function summarizeItems(items: readonly ItemRecord[], workstreams: readonly string[]): ItemsSummary {
  let from: IsoDate | null = null;
  let to: IsoDate | null = null;
  let notes = 0;
  let dependencies = 0;
  for (const i of items) {
    for (const d of [i.start, i.finish, i.deadline]) {
      if (!d) continue;
      if (from === null || d < from) from = d;
      if (to === null || d > to) to = d;
    }
    notes += i.notes.length;
    dependencies += i.dependsOn.length;
  }
  return {
    items: items.length,
    byType: countByType(items),
    workstreams: [...workstreams],
    dateRange: from && to ? { from, to } : null,
    notes,
    dependencies,
  };
}

export function previewRaid(text: string): RaidPreview {
  const r = parseRaidYaml(text);
  if (!r.ok) {
    return {
      ok: false,
      project: null,
      summary: null,
      errors: listed(r.errors),
      errorCount: r.errors.length,
      warnings: [],
      warningCount: 0,
    };
  }
  const { name, clientName, projectStart, projectEnd, workstreams } = r.project;
  return {
    ok: true,
    project: { name, clientName, projectStart, projectEnd },
    summary: summarizeItems(r.items, workstreams),
    errors: [],
    errorCount: 0,
    warnings: listed(r.warnings),
    warningCount: r.warnings.length,
  };
}

export function previewBudget(text: string): BudgetPreview {
  const b = parseBudgetYaml(text);
  if (!b.ok) {
    return {
      ok: false,
      rateCard: 0,
      allocations: 0,
      timesheets: 0,
      errors: listed(b.errors),
      errorCount: b.errors.length,
      warnings: [],
      warningCount: 0,
    };
  }
  return {
    ok: true,
    rateCard: b.budget.rateCard.length,
    allocations: b.budget.allocations.length,
    timesheets: b.budget.timesheets.length,
    errors: [],
    errorCount: 0,
    warnings: listed(b.warnings),
    warningCount: b.warnings.length,
  };
}

/** project.importPreview: both files checked as the import checks them; nothing is written. */
export function previewImport(raid: string, budget?: string | null) {
  return { raid: previewRaid(raid), budget: budget ? previewBudget(budget) : null };
}
