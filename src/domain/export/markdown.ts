/**
 * Markdown reports (SPEC §8): the active-items report, the summary report and
 * the items table. Items must already carry their indicator as of `asOf`
 * (see `withIndicators`) and be filtered as wanted (see `applyFilters`); each
 * report is headed with the date it was generated.
 */
import type { BudgetMetrics } from "../budget";
import { countBySeverity, severityOf } from "../indicators";
import { sortItems } from "../item-filter";
import type { IsoDate, ItemRecord, ProjectMeta, Severity } from "../types";
import { hasRiskData, INDICATORS } from "../types";

export type ReportContext = {
  project: Pick<ProjectMeta, "name" | "clientName">;
  generatedOn: IsoDate;
  /** The date the indicators were computed for. */
  asOf: IsoDate;
};

/**
 * Text for a table cell or heading: one line, with the characters Markdown
 * would read as formatting, links, HTML or cell borders escaped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ").replace(/[\\`*_[\]<>|~]/g, "\\$&");
}

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ("l" | "r")[],
): string {
  const rule = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function heading(title: string, ctx: ReportContext): string[] {
  const client = ctx.project.clientName ? ` (${escapeMarkdown(ctx.project.clientName)})` : "";
  return [
    `# ${title} — ${escapeMarkdown(ctx.project.name)}${client}`,
    "",
    `Generated ${ctx.generatedOn} · indicators as of ${ctx.asOf}`,
  ];
}

const cell = (value: string | null): string => (value ? escapeMarkdown(value) : "");
const amount = (n: number): string =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// ---------------------------------------------------------------------------
// Active items
// ---------------------------------------------------------------------------

const ACTIVE_GROUPS: readonly { severity: Severity; title: string }[] = [
  { severity: "critical", title: "Critical" },
  { severity: "warning", title: "Warning" },
  { severity: "active", title: "Active" },
];

function activeRow(item: ItemRecord): string[] {
  return [
    String(item.itemNum),
    item.type,
    cell(item.title),
    cell(item.assignedTo),
    item.deadline ?? "",
    item.finish ?? "",
    item.indicator ?? "",
  ];
}

/** Critical, Warning and Active items, each group sorted by deadline (undated last). */
export function activeItemsMarkdown(items: readonly ItemRecord[], ctx: ReportContext): string {
  const lines = heading("Active items", ctx);
  for (const { severity, title } of ACTIVE_GROUPS) {
    const group = sortItems(
      items.filter((i) => severityOf(i.indicator) === severity),
      { by: "deadline" },
    );
    lines.push("", `## ${title} (${group.length})`, "");
    lines.push(
      group.length === 0
        ? "_None._"
        : table(
            ["#", "Type", "Title", "Assigned to", "Deadline", "Finish", "Indicator"],
            group.map(activeRow),
          ),
    );
  }
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------

function budgetSection(budget: BudgetMetrics): string[] {
  const rows = [
    ["Budget total", amount(budget.budgetTotal)],
    ["Burn to date", `${amount(budget.burnToDate)} (${budget.burnPct.toFixed(1)}%)`],
    ["Weekly average burn", amount(budget.wklyAvgBurn)],
    ["Estimated total burn", amount(budget.estTotalBurn)],
    ["Budget remaining", amount(budget.budgetRemaining)],
    ["Status", budget.budgetStatus],
    ["Updates through", budget.updatesThru ?? "—"],
  ];
  return ["", "## Budget", "", table(["Measure", "Value"], rows, ["l", "r"])];
}

/**
 * Counts by indicator in display order (zeros included, so weekly reports
 * line up), items without an indicator when there are any, the total, and
 * the budget when given.
 */
export function summaryMarkdown(
  items: readonly ItemRecord[],
  ctx: ReportContext & { budget?: BudgetMetrics | null },
): string {
  const counts = INDICATORS.map((indicator) => [
    indicator,
    String(items.filter((i) => i.indicator === indicator).length),
  ]);
  const none = countBySeverity(items.map((i) => i.indicator)).none;
  if (none > 0) counts.push(["No indicator", String(none)]);
  counts.push(["**Total**", `**${items.length}**`]);

  const lines = [
    ...heading("Status summary", ctx),
    "",
    "## Items by indicator",
    "",
    table(["Indicator", "Count"], counts, ["l", "r"]),
  ];
  if (ctx.budget) lines.push(...budgetSection(ctx.budget));
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------
// Items table
// ---------------------------------------------------------------------------

const TABLE_HEADER = [
  "#",
  "Type",
  "Workstream",
  "Title",
  "Assigned to",
  "Start",
  "Finish",
  "Deadline",
  "% Complete",
  "Indicator",
];

function tableRow(item: ItemRecord): string[] {
  return [
    String(item.itemNum),
    item.type,
    cell(item.workstream),
    cell(item.title) + (item.draft ? " _(draft)_" : ""),
    cell(item.assignedTo),
    item.start ?? "",
    item.finish ?? "",
    item.deadline ?? "",
    `${item.percentComplete}%`,
    item.indicator ?? "",
  ];
}

/** Risk columns (SPEC §13), added when any item in the table carries a risk field. */
const RISK_TABLE_HEADER = [
  "P",
  "I",
  "Residual P",
  "Residual I",
  "Risk owner",
  "Mitigation",
  "Contingency",
  "Cost impact",
  "Schedule impact (days)",
];

const numCell = (v: number | string | null | undefined) => (v === null || v === undefined ? "" : String(v));

function riskTableCells(item: ItemRecord): string[] {
  return [
    numCell(item.probability),
    numCell(item.impact),
    numCell(item.residualProbability),
    numCell(item.residualImpact),
    cell(item.riskOwner ?? null),
    cell(item.mitigation ?? null),
    cell(item.contingency ?? null),
    numCell(item.costImpact),
    numCell(item.scheduleImpactDays),
  ];
}

/** Every given item, ordered by item number. */
export function itemsTableMarkdown(items: readonly ItemRecord[], ctx: ReportContext): string {
  const withRisk = items.some(hasRiskData);
  const rows = sortItems(items, { by: "itemNum" }).map((i) =>
    withRisk ? [...tableRow(i), ...riskTableCells(i)] : tableRow(i),
  );
  const header = withRisk ? [...TABLE_HEADER, ...RISK_TABLE_HEADER] : TABLE_HEADER;
  return [...heading("Items", ctx), "", rows.length === 0 ? "_No items._" : table(header, rows), ""].join(
    "\n",
  );
}
