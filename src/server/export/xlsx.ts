/**
 * The Excel workbook export: an "Items" sheet with the CSV columns and the
 * risk fields as typed cells (dates are Excel dates, % complete a percentage,
 * money numbers with a number format), a frozen header row and an autofilter;
 * and a "Budget" sheet (summary figures, weekly burn, burn by resource) when
 * the project keeps budget data. Cells are values, never formulas, so text
 * starting with "=" stays text.
 */
import ExcelJS from "exceljs";
import type { BudgetMetrics } from "@/domain/budget";
import { currentAssessment, RISK_BAND_LABEL } from "@/domain/risk-assessment";
import type { ItemRecord } from "@/domain/types";
import { decimalNumber, isoToUtcDate, type ReportData } from "./report-data";

const DATE_FMT = "yyyy-mm-dd";
const MONEY_FMT = "#,##0.00";
const PCT_FMT = "0%";

type Column = {
  header: string;
  width: number;
  numFmt?: string;
  wrap?: boolean;
  value: (i: ItemRecord) => string | number | Date | null;
};

const date = (d: string | null) => (d ? isoToUtcDate(d) : null);
const yesNo = (b: boolean) => (b ? "Yes" : "No");

export const XLSX_ITEM_COLUMNS: readonly Column[] = [
  { header: "Item #", width: 8, value: (i) => i.itemNum },
  { header: "Type", width: 12, value: (i) => i.type },
  { header: "Workstream", width: 18, value: (i) => i.workstream },
  { header: "Title", width: 48, wrap: true, value: (i) => i.title },
  { header: "Description", width: 48, wrap: true, value: (i) => i.description },
  { header: "Assigned To", width: 20, value: (i) => i.assignedTo },
  { header: "Start", width: 12, numFmt: DATE_FMT, value: (i) => date(i.start) },
  { header: "Finish", width: 12, numFmt: DATE_FMT, value: (i) => date(i.finish) },
  { header: "Deadline", width: 12, numFmt: DATE_FMT, value: (i) => date(i.deadline) },
  { header: "% Complete", width: 11, numFmt: PCT_FMT, value: (i) => i.percentComplete / 100 },
  { header: "Indicator", width: 20, value: (i) => i.indicator },
  { header: "Priority", width: 10, value: (i) => i.priority },
  { header: "Draft", width: 8, value: (i) => yesNo(i.draft) },
  { header: "Client Visible", width: 13, value: (i) => yesNo(i.clientVisible) },
  { header: "Budget Amount", width: 14, numFmt: MONEY_FMT, value: (i) => decimalNumber(i.budgetAmount) },
  { header: "Probability", width: 11, value: (i) => i.probability ?? null },
  { header: "Impact", width: 8, value: (i) => i.impact ?? null },
  { header: "Residual Probability", width: 11, value: (i) => i.residualProbability ?? null },
  { header: "Residual Impact", width: 10, value: (i) => i.residualImpact ?? null },
  { header: "Risk Score", width: 10, value: (i) => riskOf(i)?.score ?? null },
  { header: "Risk Band", width: 10, value: (i) => (riskOf(i) ? RISK_BAND_LABEL[riskOf(i)!.band] : null) },
  { header: "Risk Owner", width: 18, value: (i) => i.riskOwner ?? null },
  { header: "Mitigation", width: 36, wrap: true, value: (i) => i.mitigation ?? null },
  { header: "Contingency", width: 36, wrap: true, value: (i) => i.contingency ?? null },
  { header: "Cost Impact", width: 14, numFmt: MONEY_FMT, value: (i) => decimalNumber(i.costImpact) },
  { header: "Schedule Impact Days", width: 11, value: (i) => i.scheduleImpactDays ?? null },
];

function riskOf(i: ItemRecord) {
  return currentAssessment({
    probability: i.probability ?? null,
    impact: i.impact ?? null,
    residualProbability: i.residualProbability ?? null,
    residualImpact: i.residualImpact ?? null,
  });
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1E293B" } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FFFFFFFF" } };

function styleHeader(row: ExcelJS.Row) {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: "middle", wrapText: true };
  row.height = 30;
}

function itemsSheet(wb: ExcelJS.Workbook, data: ReportData) {
  const ws = wb.addWorksheet("Items", { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  ws.columns = XLSX_ITEM_COLUMNS.map((c) => ({
    header: c.header,
    width: c.width,
    style: {
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      alignment: { vertical: "top", ...(c.wrap ? { wrapText: true } : {}) },
    },
  }));
  styleHeader(ws.getRow(1));
  const sorted = [...data.items].sort((a, b) => a.itemNum - b.itemNum);
  for (const item of sorted) ws.addRow(XLSX_ITEM_COLUMNS.map((c) => c.value(item)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: XLSX_ITEM_COLUMNS.length } };
}

function budgetSheet(wb: ExcelJS.Workbook, b: BudgetMetrics) {
  const ws = wb.addWorksheet("Budget", { views: [{ state: "frozen", ySplit: 0 }] });
  ws.columns = [{ width: 26 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 12 }];
  const title = ws.addRow(["Budget summary"]);
  title.font = { bold: true, size: 14 };
  const figures: [string, number | string | Date | null, string?][] = [
    ["Budget total", b.budgetTotal, MONEY_FMT],
    ["Burn to date", b.burnToDate, MONEY_FMT],
    ["Burn to date (% of budget)", b.burnPct / 100, "0.0%"],
    ["Weekly average burn", b.wklyAvgBurn, MONEY_FMT],
    ["Remaining burn (forecast)", b.remainingBurn, MONEY_FMT],
    ["Estimated total burn", b.estTotalBurn, MONEY_FMT],
    ["Budget remaining", b.budgetRemaining, MONEY_FMT],
    ["Status", b.budgetStatus],
    ["Weeks completed", b.weeksCompleted],
    ["Weeks remaining", b.weeksRemaining],
    ["Project start", b.projStart ? isoToUtcDate(b.projStart) : null, DATE_FMT],
    ["Project end", b.projEnd ? isoToUtcDate(b.projEnd) : null, DATE_FMT],
    ["Updates through", b.updatesThru ? isoToUtcDate(b.updatesThru) : null, DATE_FMT],
  ];
  for (const [label, value, fmt] of figures) {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (fmt) row.getCell(2).numFmt = fmt;
  }
  ws.addRow([]);
  const weeklyTitle = ws.addRow(["Weekly burn"]);
  weeklyTitle.font = { bold: true, size: 12 };
  styleHeader(ws.addRow(["Week ending", "Cost", "Cumulative", "Budget total"]));
  for (const w of b.weeklyBurn) {
    const row = ws.addRow([isoToUtcDate(w.weekEnding), w.cost, w.cumulative, b.budgetTotal]);
    row.getCell(1).numFmt = DATE_FMT;
    for (const c of [2, 3, 4]) row.getCell(c).numFmt = MONEY_FMT;
  }
  if (b.resourceBurn.length) {
    ws.addRow([]);
    ws.addRow(["Burn by resource"]).font = { bold: true, size: 12 };
    styleHeader(ws.addRow(["Resource", "Hours", "Cost", "Share of burn"]));
    for (const r of b.resourceBurn) {
      const row = ws.addRow([r.resource, r.hours, r.cost, r.share / 100]);
      row.getCell(2).numFmt = "0.00";
      row.getCell(3).numFmt = MONEY_FMT;
      row.getCell(4).numFmt = "0.0%";
    }
  }
}

export async function buildXlsx(data: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "braidMgr";
  wb.title = `${data.project.name} — items as of ${data.asOf}`;
  wb.created = isoToUtcDate(data.generatedOn);
  wb.modified = wb.created;
  itemsSheet(wb, data);
  if (data.budget) budgetSheet(wb, data.budget);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
