/**
 * Exports of the demo project: CSV through the items page's export menu
 * when it is there, and always through GET /api/export with the page's
 * session; the Excel workbook and PDF status report downloaded from the
 * menu; the timeline downloaded as SVG and PNG.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { snap } from "../helpers";
import { demoLogin, openDemoAsOwner, skipTourWhenShown } from "../support/e2e";

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

const HEADER = [
  "Item #",
  "Type",
  "Workstream",
  "Title",
  "Description",
  "Assigned To",
  "Start",
  "Finish",
  "Deadline",
  "% Complete",
  "Indicator",
  "Priority",
  "Draft",
  "Client Visible",
  // The demo project keeps risk data, so the risk columns follow the v1 ones (SPEC §13).
  "Probability",
  "Impact",
  "Residual Probability",
  "Residual Impact",
  "Risk Owner",
  "Mitigation",
  "Contingency",
  "Cost Impact",
  "Schedule Impact Days",
].join(",");
const FILE_NAME = /^Harbor-Bridge-Upgrade-\d{4}-\d{2}-\d{2}\.csv$/;

function checkCsv(body: string) {
  expect(body.charCodeAt(0), "UTF-8 byte-order mark").toBe(0xfeff);
  const lines = body.slice(1).split("\r\n");
  expect(lines[0]).toBe(HEADER);
  expect(lines.length).toBeGreaterThan(10);
  expect(lines[1]).toMatch(/^1,/);
}

/**
 * The menu with the export formats: "Export" on a desktop; on phones it is in "More actions" (⋯).
 * Picked by the project's size (CSS shows one of the two from the first paint).
 */
async function exportMenu(page: Page, testInfo: TestInfo) {
  const trigger =
    testInfo.project.name === "phone"
      ? page.getByRole("button", { name: "More actions" })
      : page.getByRole("button", { name: /^Export/ });
  await expect(trigger.first()).toBeVisible();
  return trigger.first();
}

test("CSV export: file name, content type and header row", async ({ page }, testInfo) => {
  const projectId = await openDemoAsOwner(page);
  const org = demoLogin().org;

  const trigger = await exportMenu(page, testInfo);
  if (trigger) {
    await trigger.click();
    await snap(page, testInfo, "90-export-menu", false);
    // In the page, not the sidebar: a project another spec imported ("CSV …") is linked there.
    const csvChoice = page
      .getByRole("main")
      .getByRole("menuitem", { name: /CSV/ })
      .or(page.getByRole("main").getByRole("link", { name: /CSV/ }))
      .first();
    const downloading = page.waitForEvent("download");
    await csvChoice.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(FILE_NAME);
    checkCsv(readFileSync((await download.path())!, "utf8"));
  } else {
    testInfo.annotations.push({
      type: "note",
      description: "no export menu on the items page yet; used /api/export",
    });
  }

  const res = await page.request.get(`/api/export?org=${org}&project=${projectId}&format=csv`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const disposition = res.headers()["content-disposition"] ?? "";
  expect(disposition).toMatch(/^attachment; filename="Harbor-Bridge-Upgrade-\d{4}-\d{2}-\d{2}\.csv"/);
  expect(/filename="([^"]+)"/.exec(disposition)![1]).toMatch(FILE_NAME);
  expect(res.headers()["cache-control"]).toBe("no-store");
  checkCsv(await res.text());
});

test("the export refuses signed-out requests and unknown formats", async ({ page, playwright }) => {
  const projectId = await openDemoAsOwner(page);
  const org = demoLogin().org;
  const bad = await page.request.get(`/api/export?org=${org}&project=${projectId}&format=exe`);
  expect(bad.status()).toBe(400);

  const anon = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const res = await anon.get(`/api/export?org=${org}&project=${projectId}&format=csv`);
    expect(res.status()).toBe(401);
    expect(await res.text()).not.toContain("Item #");
  } finally {
    await anon.dispose();
  }
});

test("Excel workbook and PDF status report from the export menu", async ({ page }, testInfo) => {
  await openDemoAsOwner(page);
  const trigger = await exportMenu(page, testInfo);
  expect(trigger, "the items page has the export menu").toBeTruthy();

  await trigger!.click();
  let downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Excel workbook \(\.xlsx\)/ }).click();
  const xlsx = await downloading;
  expect(xlsx.suggestedFilename()).toMatch(/^Harbor-Bridge-Upgrade-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await xlsx.path())!);
  const items = wb.getWorksheet("Items")!;
  expect(items.getRow(1).getCell(4).value).toBe("Title");
  expect(items.rowCount).toBeGreaterThan(10);
  expect(wb.getWorksheet("Budget"), "the demo project keeps a budget").toBeTruthy();

  await trigger!.click();
  await snap(page, testInfo, "91-export-menu-binary", false);
  downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /PDF status report/ }).click();
  const pdf = await downloading;
  expect(pdf.suggestedFilename()).toMatch(/^Harbor-Bridge-Upgrade-status-\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = (await pdf.path())!;
  expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
  expect(text).toContain("Harbor Bridge Upgrade");
  expect(text).toContain("Page 1 of");
});

test("timeline: Download SVG and Download PNG", async ({ page }) => {
  const projectId = await openDemoAsOwner(page);
  await page.goto(`/o/${demoLogin().org}/p/${projectId}/timeline`);
  let downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download SVG" }).click();
  const svg = await downloading;
  expect(svg.suggestedFilename()).toMatch(/^Harbor-Bridge-Upgrade-timeline-\d{4}-\d{2}-\d{2}\.svg$/);
  const body = readFileSync((await svg.path())!, "utf8");
  expect(body.startsWith("<svg")).toBe(true);
  expect(body).toContain(">Today<");

  downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download PNG" }).click();
  const png = await downloading;
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(
    readFileSync((await png.path())!)
      .subarray(1, 4)
      .toString(),
  ).toBe("PNG");
});
