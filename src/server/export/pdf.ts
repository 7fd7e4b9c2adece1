/**
 * The PDF status report (pdfkit, A4, embedded DejaVu Sans so any title
 * prints and stays extractable): project, as-of date, the dashboard figures,
 * active items by severity, open risks with their scores, the budget with a
 * burn chart, then every item in a table. "Page N of M" on every page.
 */
import type { BudgetMetrics } from "@/domain/budget";
import { countBySeverity, isOpen, severityOf } from "@/domain/indicators";
import { sortItems } from "@/domain/item-filter";
import { buildRiskRegister, type RegisterRow } from "@/domain/risk";
import { RISK_BAND_LABEL } from "@/domain/risk-assessment";
import { INDICATORS, ITEM_TYPES, type ItemRecord, riskDataOf, type Severity } from "@/domain/types";
import { burnChart } from "./pdf-chart";
import {
  COLOUR,
  CONTENT_WIDTH,
  type Doc,
  ensureSpace,
  finishPages,
  fit,
  FONT,
  FONT_BOLD,
  INK,
  MUTED,
  newDocument,
  newPage,
  PAGE,
  printable,
  SHADE,
  sectionHeading,
  subHeading,
  table,
  type TableColumn,
} from "./pdf-layout";
import type { ReportData } from "./report-data";

const money = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dotOf = (i: ItemRecord) => COLOUR[severityOf(i.indicator) ?? "none"]!;

function titleBlock(doc: Doc, data: ReportData) {
  const { project } = data;
  doc
    .font(FONT_BOLD)
    .fontSize(8.5)
    .fillColor(MUTED)
    .text("STATUS REPORT", PAGE.left, PAGE.top - 14, {
      characterSpacing: 1.2,
    });
  doc.font(FONT_BOLD).fontSize(22).fillColor(INK).text(printable(project.name), { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
  const facts = [
    project.clientName ? `Client: ${project.clientName}` : null,
    `As of ${data.asOf}`,
    project.projectStart || project.projectEnd
      ? `Project ${project.projectStart ?? "?"} – ${project.projectEnd ?? "?"}`
      : null,
    `Generated ${data.generatedOn}`,
  ].filter(Boolean);
  doc
    .font(FONT)
    .fontSize(9.5)
    .fillColor(MUTED)
    .text(printable(facts.join("   ·   ")), { width: CONTENT_WIDTH });
  if (data.clientView) {
    doc.moveDown(0.2).fillColor(INK).text("Client view: client-visible items only, without notes.");
  }
  doc.moveDown(0.4);
}

function tiles(doc: Doc, figures: { label: string; value: string; colour?: string }[]) {
  ensureSpace(doc, 70);
  const gap = 8;
  const w = (CONTENT_WIDTH - gap * (figures.length - 1)) / figures.length;
  const y = doc.y;
  figures.forEach((f, i) => {
    const x = PAGE.left + i * (w + gap);
    doc.roundedRect(x, y, w, 54, 5).fill(SHADE);
    doc.rect(x, y + 6, 3, 42).fill(f.colour ?? "#334155");
    const long = f.value.length > 6;
    doc
      .font(FONT_BOLD)
      .fontSize(long ? 10.5 : 18)
      .fillColor(INK);
    doc.text(printable(f.value), x + 10, y + (long ? 14 : 8), { lineBreak: false });
    doc
      .font(FONT)
      .fontSize(7)
      .fillColor(MUTED)
      .text(f.label, x + 10, y + 37, { lineBreak: false });
  });
  doc.x = PAGE.left;
  doc.y = y + 64;
}

function dashboard(doc: Doc, data: ReportData, risks: RegisterRow[]) {
  const { items, budget } = data;
  const sev = countBySeverity(items.map((i) => i.indicator));
  const open = items.filter((i) => !i.draft && isOpen(i.indicator)).length;
  sectionHeading(doc, "At a glance", `Indicators as of ${data.asOf}`);
  tiles(doc, [
    { label: "Items", value: String(items.length) },
    { label: "Open", value: String(open), colour: COLOUR.active },
    { label: "Late (critical)", value: String(sev.critical), colour: COLOUR.critical },
    { label: "Warning", value: String(sev.warning), colour: COLOUR.warning },
    { label: "Open risks", value: String(risks.filter((r) => r.open).length), colour: COLOUR.high },
    budget
      ? {
          label: `Budget, ${budget.burnPct.toFixed(0)}% burnt`,
          value: budget.budgetStatus[0]!.toUpperCase() + budget.budgetStatus.slice(1),
          colour: budgetColour(budget),
        }
      : { label: "Budget", value: "—" },
  ]);
  ensureSpace(doc, 200);
  const y = doc.y;
  const half = (CONTENT_WIDTH - 16) / 2;
  type Count = { label: string; n: number; dot: string; extra?: string };
  const byIndicator: Count[] = INDICATORS.map((ind) => ({
    label: ind,
    n: items.filter((i) => i.indicator === ind).length,
    dot: COLOUR[severityOf(ind)!]!,
  }));
  if (sev.none) byIndicator.push({ label: "No indicator", n: sev.none, dot: COLOUR.none! });
  const countCols = (first: string): TableColumn<Count>[] =>
    fit(
      [
        { header: first, width: 3, text: (r) => r.label, dot: (r) => r.dot },
        { header: "Count", width: 1, align: "right", text: (r) => String(r.n) },
      ],
      half,
    );
  table(doc, countCols("Indicator"), byIndicator);
  const leftEnd = doc.y;
  doc.y = y;
  const byType = ITEM_TYPES.map((t) => {
    const ofType = items.filter((i) => i.type === t);
    return { label: t, n: ofType.length, open: ofType.filter((i) => isOpen(i.indicator)).length };
  }).filter((r) => r.n > 0);
  table(
    doc,
    fit<(typeof byType)[number]>(
      [
        { header: "Type", width: 3, text: (r) => r.label },
        { header: "Items", width: 1, align: "right", text: (r) => String(r.n) },
        { header: "Open", width: 1, align: "right", text: (r) => String(r.open) },
      ],
      half,
    ),
    byType,
    PAGE.left + half + 16,
  );
  doc.y = Math.max(leftEnd, doc.y);
}

const budgetColour = (b: BudgetMetrics) =>
  b.budgetStatus === "over budget"
    ? COLOUR.critical
    : b.budgetStatus === "within 15%"
      ? COLOUR.warning
      : COLOUR.completed;

const ACTIVE_COLS: TableColumn<ItemRecord>[] = fit([
  { header: "#", width: 24, align: "right", text: (i) => String(i.itemNum) },
  { header: "Type", width: 60, text: (i) => i.type },
  { header: "Title", width: 172, text: (i) => i.title },
  { header: "Assigned to", width: 76, text: (i) => i.assignedTo ?? "" },
  { header: "Due", width: 60, text: (i) => i.deadline ?? i.finish ?? "" },
  { header: "%", width: 34, align: "right", text: (i) => `${i.percentComplete}%` },
  { header: "Indicator", width: 86, text: (i) => i.indicator ?? "", dot: dotOf },
]);

const GROUPS: { severity: Severity; title: string }[] = [
  { severity: "critical", title: "Critical" },
  { severity: "warning", title: "Warning" },
  { severity: "active", title: "Active" },
];

function activeItems(doc: Doc, items: readonly ItemRecord[]) {
  sectionHeading(doc, "Active items by severity");
  for (const { severity, title } of GROUPS) {
    const group = sortItems(
      items.filter((i) => severityOf(i.indicator) === severity),
      { by: "deadline" },
    );
    subHeading(doc, `${title} (${group.length})`, COLOUR[severity]);
    if (group.length) table(doc, ACTIVE_COLS, group);
    else
      doc
        .font(FONT)
        .fontSize(8.5)
        .fillColor(MUTED)
        .text("None.", PAGE.left + 12);
    doc.moveDown(0.4);
  }
}

const pi = (p: number | null, i: number | null) => (p && i ? `${p} × ${i}` : "—");
const RISK_COLS: TableColumn<RegisterRow>[] = fit([
  { header: "#", width: 24, align: "right", text: (r) => String(r.itemNum) },
  { header: "Risk", width: 160, text: (r) => r.title },
  { header: "P × I", width: 36, align: "center", text: (r) => pi(r.probability, r.impact) },
  {
    header: "Residual",
    width: 56,
    align: "center",
    text: (r) => pi(r.residualProbability, r.residualImpact),
  },
  {
    header: "Score",
    width: 62,
    text: (r) => (r.currentScore ? `${r.currentScore} ${RISK_BAND_LABEL[r.currentBand!]}` : "—"),
    dot: (r) => (r.currentBand ? COLOUR[r.currentBand]! : null),
  },
  { header: "Owner", width: 70, text: (r) => r.riskOwner ?? r.assignedTo ?? "" },
  { header: "Mitigation", width: 122, text: (r) => r.mitigation ?? "" },
]);

function risksSection(doc: Doc, risks: RegisterRow[], items: readonly ItemRecord[]) {
  const open = risks.filter((r) => r.open);
  const exp = buildRiskRegister(registerInputs(items)).exposure;
  sectionHeading(
    doc,
    "Open risks",
    exp.risks
      ? `Exposure ${money(Number(exp.cost))} · ${exp.days} days over ${exp.risks} assessed`
      : undefined,
  );
  if (open.length) table(doc, RISK_COLS, open);
  else doc.font(FONT).fontSize(9).fillColor(MUTED).text("No open risks.");
}

function budgetSection(doc: Doc, b: BudgetMetrics) {
  ensureSpace(doc, 270);
  sectionHeading(doc, "Budget", b.updatesThru ? `Timesheets through ${b.updatesThru}` : undefined);
  const y = doc.y;
  const leftW = 215;
  const rows: [string, string][] = [
    ["Budget total", money(b.budgetTotal)],
    ["Burn to date", `${money(b.burnToDate)} (${b.burnPct.toFixed(1)}%)`],
    ["Weekly average burn", money(b.wklyAvgBurn)],
    ["Estimated total burn", money(b.estTotalBurn)],
    ["Budget remaining", money(b.budgetRemaining)],
    ["Weeks done / left", `${b.weeksCompleted} / ${b.weeksRemaining}`],
    ["Status", b.budgetStatus],
  ];
  table(
    doc,
    fit<[string, string]>(
      [
        { header: "Measure", width: 1.25, text: (r) => r[0], bold: true },
        { header: "Value", width: 1, align: "right", text: (r) => r[1] },
      ],
      leftW,
    ),
    rows,
  );
  const chartX = PAGE.left + leftW + 18;
  const drawn = burnChart(doc, b, chartX, y, CONTENT_WIDTH - leftW - 18, 200);
  if (!drawn) {
    doc
      .font(FONT)
      .fontSize(8.5)
      .fillColor(MUTED)
      .text("No timesheets yet: nothing burnt.", chartX, y + 20);
  }
  doc.x = PAGE.left;
  doc.y = Math.max(doc.y, y + 210);
}

/** The items table, on landscape pages (A4 across: 758 points between the margins). */
const ITEM_COLS: TableColumn<ItemRecord>[] = [
  { header: "#", width: 28, align: "right", text: (i) => String(i.itemNum) },
  { header: "Type", width: 64, text: (i) => i.type },
  { header: "Title", width: 196, text: (i) => (i.draft ? `${i.title} (draft)` : i.title) },
  { header: "Workstream", width: 78, text: (i) => i.workstream ?? "" },
  { header: "Assigned to", width: 84, text: (i) => i.assignedTo ?? "" },
  { header: "Start", width: 56, text: (i) => i.start ?? "" },
  { header: "Finish", width: 56, text: (i) => i.finish ?? "" },
  { header: "Deadline", width: 56, text: (i) => i.deadline ?? "" },
  { header: "%", width: 38, align: "right", text: (i) => `${i.percentComplete}%` },
  { header: "Indicator", width: 102, text: (i) => i.indicator ?? "", dot: dotOf },
];

function registerInputs(items: readonly ItemRecord[]) {
  return items.map((i) => ({
    ...i,
    ...riskDataOf(i),
  }));
}

export async function buildPdf(data: ReportData): Promise<Buffer> {
  const { doc, bytes } = newDocument(`${data.project.name} — status report as of ${data.asOf}`);
  const risks = buildRiskRegister(registerInputs(data.items)).risks.filter((r) => r.type === "Risk");
  titleBlock(doc, data);
  dashboard(doc, data, risks);
  activeItems(doc, data.items);
  risksSection(doc, risks, data.items);
  if (data.budget) budgetSection(doc, data.budget);
  newPage(doc, "landscape");
  sectionHeading(doc, "All items", `${data.items.length} item${data.items.length === 1 ? "" : "s"}`);
  const sorted = [...data.items].sort((a, b) => a.itemNum - b.itemNum);
  if (sorted.length) table(doc, ITEM_COLS, sorted);
  else doc.font(FONT).fontSize(9).fillColor(MUTED).text("No items.");
  finishPages(
    doc,
    `${data.project.name} — status report as of ${data.asOf}`,
    `${data.project.name}${data.clientView ? " (client view)" : ""} · as of ${data.asOf}`,
  );
  doc.end();
  return bytes;
}
