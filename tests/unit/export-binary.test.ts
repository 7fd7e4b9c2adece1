/**
 * The Excel workbook and PDF status report built from the demo project (no
 * database): read back with exceljs, and through poppler's pdftotext /
 * pdftoppm as a reader would.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildPdf } from "@/server/export/pdf";
import { buildXlsx, XLSX_ITEM_COLUMNS } from "@/server/export/xlsx";
import { demoReport } from "../../scripts/lib/demo-report";
import { pdfPageCount, pdfText, pdfToPngs } from "../support/pdf-tools";

const TODAY = "2026-12-02";

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb;
}

const col = (header: string) => XLSX_ITEM_COLUMNS.findIndex((c) => c.header === header) + 1;

describe("xlsx export", { timeout: 30_000 }, () => {
  it("has every item as typed cells, a frozen header, an autofilter and the budget sheet", async () => {
    const data = demoReport(TODAY);
    const wb = await readXlsx(await buildXlsx(data));
    const ws = wb.getWorksheet("Items")!;
    expect(ws.rowCount).toBe(data.items.length + 1);
    expect(ws.getRow(1).getCell(col("Title")).value).toBe("Title");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const nums = new Set<number>();
    for (let r = 2; r <= ws.rowCount; r++) nums.add(ws.getRow(r).getCell(1).value as number);
    expect([...nums].sort((a, b) => a - b)).toEqual(data.items.map((i) => i.itemNum).sort((a, b) => a - b));

    const dated = data.items.find((i) => i.start && i.percentComplete > 0)!;
    const row = ws.getRow([...nums].indexOf(dated.itemNum) + 2);
    const start = row.getCell(col("Start"));
    expect(start.value).toBeInstanceOf(Date);
    expect((start.value as Date).toISOString().slice(0, 10)).toBe(dated.start);
    expect(start.numFmt).toBe("yyyy-mm-dd");
    const pct = row.getCell(col("% Complete"));
    expect(typeof pct.value).toBe("number");
    expect(pct.value).toBeCloseTo(dated.percentComplete / 100);
    expect(pct.numFmt).toBe("0%");

    const risk = data.items.find((i) => i.costImpact)!;
    const riskRow = ws.getRow([...nums].indexOf(risk.itemNum) + 2);
    expect(riskRow.getCell(col("Cost Impact")).value).toBe(Number(risk.costImpact));
    expect(riskRow.getCell(col("Cost Impact")).numFmt).toBe("#,##0.00");
    expect(typeof riskRow.getCell(col("Risk Score")).value).toBe("number");

    const budget = wb.getWorksheet("Budget")!;
    expect(budget).toBeTruthy();
    expect(budget.getCell("B2").value).toBe(data.budget!.budgetTotal);
    const weeks: unknown[] = [];
    budget.eachRow((r) => {
      if (r.getCell(1).value instanceof Date && typeof r.getCell(3).value === "number") weeks.push(r);
    });
    expect(weeks.length).toBe(data.budget!.weeklyBurn.length);
  });

  it("has no budget sheet without budget data, and keeps formula-like text as text", async () => {
    const data = demoReport(TODAY, { budget: false });
    const items = data.items.map((i, n) => (n === 0 ? { ...i, title: '=HYPERLINK("x")' } : i));
    const wb = await readXlsx(await buildXlsx({ ...data, items }));
    expect(wb.getWorksheet("Budget")).toBeUndefined();
    const first = wb.getWorksheet("Items")!.getRow(2).getCell(col("Title"));
    expect(first.value).toBe('=HYPERLINK("x")');
    expect(first.type).toBe(ExcelJS.ValueType.String);
  });
});

describe("pdf export", { timeout: 60_000 }, () => {
  it("prints the project, the as-of date, page numbers and every item title; every page renders", async () => {
    const data = demoReport(TODAY);
    const pdf = await buildPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Harbor Bridge Upgrade");
    expect(text).toContain(`As of ${TODAY}`);
    expect(text).toContain("Page 1 of");
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    const flat = text.replace(/\s+/g, " ");
    for (const item of data.items) expect(flat).toContain(`${item.itemNum} ${item.type}`);
    expect(flat).toContain("Open risks");
    expect(flat).toContain("Budget");
    const pngs = pdfToPngs(pdf);
    expect(pngs).toHaveLength(pages);
    for (const png of pngs) expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
  });

  it("prints any Unicode title (extractable), survives characters the font lacks, and wraps long titles", async () => {
    const data = demoReport(TODAY, { budget: false });
    const long = "Ünïcødé Ωμέγα Жук — ".concat("a very long title that wraps ".repeat(12));
    const items = data.items.map((i, n) =>
      n === 0 ? { ...i, title: long } : n === 1 ? { ...i, title: "漢字 😀 \u0007 \uD800 lone" } : i,
    );
    const pdf = await buildPdf({ ...data, items });
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Ünïcødé Ωμέγα Жук");
    expect(text).toContain("lone");
    expect(text).not.toContain("Budget total");
    expect(pdfToPngs(pdf)).toHaveLength(pdfPageCount(pdf));
  });

  it("repeats the items table header on every page of a long table", async () => {
    const data = demoReport(TODAY, { budget: false });
    const items = Array.from({ length: 160 }, (_, n) => ({
      ...data.items[n % data.items.length]!,
      itemNum: n + 1,
    }));
    const pdf = await buildPdf({ ...data, items });
    const pages = pdfPageCount(pdf);
    const text = pdfText(pdf);
    const itemPages = text.split("\f").filter((p) => /\b160\b|\b1 +\w/.test(p) && p.includes("Deadline"));
    expect(pages).toBeGreaterThan(5);
    expect(itemPages.length).toBeGreaterThanOrEqual(3);
  });
});
