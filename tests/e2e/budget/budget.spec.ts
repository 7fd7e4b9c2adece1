/**
 * Budget page of the demo project: status badge, metric cards, weekly burn
 * chart (and its table form) and the resource table, at both sizes.
 */
import { expect, test } from "@playwright/test";
import { snap } from "../helpers";
import { openDemoAsOwner, skipTourWhenShown } from "../support/e2e";

// Three screenshots, each waiting for the network to settle, on a shared and busy machine.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

test("the demo project's Budget page shows status, metric cards, chart and resources", async ({ page }, testInfo) => {
  await openDemoAsOwner(page);
  const itemsUrl = page.url().split("?")[0]!;
  await page.goto(`${itemsUrl}/budget`);
  await expect(page).toHaveTitle(/Budget · Harbor Bridge Upgrade · braidMgr/);
  await expect(page.getByRole("heading", { name: "Budget", level: 1 })).toBeVisible();

  // Status + badge
  const status = page.getByRole("region", { name: "Budget status" });
  await expect(status).toBeVisible();
  const badge = status.locator("[data-status]");
  await expect(badge).toHaveCount(1);
  await expect(badge).toHaveText(/^(Over budget|Within 15%|Under budget)$/);

  // Metric cards: term + a money value each
  for (const label of ["Budget total", "Burn to date", "Weekly average burn", "Budget remaining"]) {
    const term = page.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) });
    await expect(term).toBeVisible();
    await expect(term.locator("xpath=following-sibling::dd[1]")).toHaveText(/\d/);
  }
  await expect(page.getByRole("definition").filter({ hasText: /of the total/ })).toBeVisible();

  // Weekly burn chart (recharts SVG) with bars, and its accessible table form
  const chart = page.getByRole("figure").filter({ hasText: "Weekly burn" });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeAttached();
  const box = await chart.locator(".recharts-wrapper > svg.recharts-surface").boundingBox();
  expect(box && box.width > 200 && box.height > 150, `chart size ${JSON.stringify(box)}`).toBe(true);

  // Bars are drawn with a height (recharts animates them in from 0).
  await expect
    .poll(async () => (await chart.locator(".recharts-bar-rectangle").first().boundingBox())?.height ?? 0)
    .toBeGreaterThan(5);

  // Resource table
  const resources = page.getByRole("region", { name: "Burn by resource" });
  await expect(resources.getByRole("table")).toBeVisible();
  await expect(resources.getByRole("columnheader", { name: /Resource/ })).toBeVisible();
  const rows = resources.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(rows.first().getByRole("rowheader")).not.toBeEmpty();
  await expect(resources.getByRole("button", { name: "Download CSV" })).toBeEnabled();

  await snap(page, testInfo, "70-budget");
  await snap(page, testInfo, "71-budget-viewport", false);
  await chart.scrollIntoViewIfNeeded();
  await expect
    .poll(async () => (await chart.locator(".recharts-bar-rectangle").last().boundingBox())?.height ?? 0)
    .toBeGreaterThan(5);
  await snap(page, testInfo, "72-budget-chart", false);

  await chart.getByRole("button", { name: "Show as table" }).click();
  await expect(chart.getByRole("table")).toBeVisible();
  await expect(chart.getByRole("columnheader", { name: "Week ending" })).toBeVisible();
  expect(await chart.locator("tbody tr").count()).toBeGreaterThan(0);
  await chart.getByRole("button", { name: "Show chart" }).click();
  await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
});

test("the Budget page does not scroll sideways", async ({ page }, testInfo) => {
  await openDemoAsOwner(page);
  await page.goto(`${page.url().split("?")[0]}/budget`);
  await expect(page.getByRole("region", { name: "Burn by resource" }).getByRole("table")).toBeVisible();
  // (Compared with the configured width: a mobile browser zooms out to fit, so innerWidth grows too.)
  const viewportWidth = testInfo.project.use.viewport!.width;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `page width vs the ${viewportWidth}px viewport`).toBeLessThanOrEqual(viewportWidth);
});
