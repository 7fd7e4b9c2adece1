/**
 * Budget page of the demo project: status badge, metric cards, weekly burn
 * chart (and its table form) and the resource table, at both sizes; and the
 * allocation, timesheet and rate-card dialogs, panels and delete confirmations.
 */
import { expect, test } from "@playwright/test";
import { snap } from "../helpers";
import { openDemoAsOwner, skipTourWhenShown, unique } from "../support/e2e";
import { fixture } from "../../support/fixtures";

// Three screenshots, each waiting for the network to settle, on a shared and busy machine.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

test("the demo project's Budget page shows status, metric cards, chart and resources", async ({
  page,
}, testInfo) => {
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
  // The status in words, with the figure behind it.
  await expect(status.getByTestId("budget-status-sentence")).toHaveText(
    /^Forecast \d+(\.\d)? % (under|over) budget/,
  );

  // Metric cards: term + a money value each
  for (const label of ["Budget total", "Burn to date", "Weekly average burn", "Forecast headroom"]) {
    const term = page.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) });
    await expect(term).toBeVisible();
    await expect(term.locator("xpath=following-sibling::dd[1]")).toHaveText(/\d/);
  }
  await expect(page.getByRole("definition").filter({ hasText: /of the total/ })).toBeVisible();
  // The headroom is the forecast's; the money actually left is shown beside it.
  await expect(page.getByTestId("left-to-spend")).toHaveText(/\d/);

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

test("allocations, timesheets and rates are added, checked, edited and deleted in their dialogs", async ({
  page,
}, testInfo) => {
  test.setTimeout(360_000);
  await openDemoAsOwner(page);
  const budgetUrl = `${page.url().split("?")[0]}/budget`;
  const tag = unique();
  const toast = (title: string) => page.getByRole("status").filter({ hasText: title });

  // ---- Allocations: client-side checks, add, edit, delete
  await page.goto(`${budgetUrl}?tab=allocations`);
  const allocations = page.getByRole("region", { name: "Allocations" });
  await expect(allocations.getByRole("heading", { name: "Allocations", level: 2 })).toBeVisible();
  await allocations.getByRole("button", { name: "Add allocation" }).click();
  let dialog = page.getByRole("dialog", { name: "Add an allocation" });
  await expect(dialog.getByLabel("Amount")).toBeFocused();
  await dialog.getByRole("button", { name: "Add allocation" }).click();
  await expect(dialog.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(dialog.getByText("Enter an amount like 12500 or -1500.50")).toBeVisible();
  await expect(dialog.getByText("Choose a date, or pick “No date”")).toBeVisible();
  await expect(dialog.getByLabel("Amount")).toHaveAttribute("aria-invalid", "true");
  await snap(page, testInfo, "73-budget-allocation-errors", false);
  await dialog.getByLabel("Amount").fill("0");
  await dialog.getByRole("button", { name: "Add allocation" }).click();
  await expect(dialog.getByText("Enter a non-zero amount")).toBeVisible();
  await dialog.getByLabel("Amount").fill("1234.56");
  await dialog.getByRole("radio", { name: "For a period" }).check();
  await dialog.getByLabel("From").fill("2030-01-01");
  await dialog.getByLabel("Note").fill(`E2E ${tag}`);
  await dialog.getByRole("button", { name: "Add allocation" }).click();
  await expect(dialog.getByText("A period needs a start and an end")).toBeVisible();
  await expect(dialog.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("To", { exact: true }).fill("2030-03-31");
  await dialog.getByRole("button", { name: "Add allocation" }).click();
  await expect(toast("Allocation added")).toContainText("$1,234.56");
  await expect(dialog).toBeHidden();
  const allocation = allocations.getByRole("row").filter({ hasText: `E2E ${tag}` });
  await expect(allocation).toContainText("$1,234.56");
  await allocation.getByRole("button", { name: "Edit allocation of $1,234.56" }).click();
  dialog = page.getByRole("dialog", { name: "Edit allocation" });
  await expect(dialog.getByLabel("Amount")).toHaveValue("1234.56");
  await expect(dialog.getByRole("radio", { name: "For a period" })).toBeChecked();
  await dialog.getByLabel("Amount").fill("2345.67");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(toast("Allocation saved")).toContainText("$2,345.67");
  await expect(allocation).toContainText("$2,345.67");
  await snap(page, testInfo, "74-budget-allocations");
  await allocation.getByRole("button", { name: "Delete allocation of $2,345.67" }).click();
  dialog = page.getByRole("dialog", { name: "Delete this allocation?" });
  await expect(dialog).toContainText(`The allocation of $2,345.67 (E2E ${tag}) will be removed`);
  await dialog.getByRole("button", { name: "Delete allocation" }).click();
  await expect(toast("Allocation deleted")).toContainText("$2,345.67");
  await expect(allocation).toHaveCount(0);

  // ---- Timesheets: checks, cost preview, add, edit, delete
  await page.getByRole("tab", { name: /Timesheets/ }).click();
  const timesheets = page.getByRole("region", { name: "Timesheets" });
  await expect(timesheets.getByText(/^Showing /)).toBeVisible();
  await timesheets.getByRole("button", { name: "Add entry" }).click();
  dialog = page.getByRole("dialog", { name: "Add a timesheet entry" });
  await expect(dialog).toContainText("Cost: hours × the rate card's rate");
  await dialog.getByRole("button", { name: "Add entry" }).click();
  await expect(dialog.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(dialog.getByText("Enter the resource's name")).toBeVisible();
  await expect(dialog.getByText("Choose the week ending")).toBeVisible();
  await expect(dialog.getByText("Use hours like 37.5 (at most 2 decimals)")).toBeVisible();
  const person = `E2E Person ${tag}`;
  await dialog.getByLabel("Resource").fill(person);
  await dialog.getByLabel("Week ending").fill("2030-01-04");
  // The server's own rules are checked in the form too (a week has 168 hours).
  await dialog.getByLabel("Hours").fill("200");
  await dialog.getByRole("button", { name: "Add entry" }).click();
  await expect(dialog.getByText("At most 168 hours in a week")).toBeVisible();
  await expect(dialog.getByLabel("Hours")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Hours").fill("10");
  await dialog.getByLabel("Hourly rate").fill("50");
  await expect(dialog).toContainText("Cost: $500.00");
  await snap(page, testInfo, "75-budget-timesheet-dialog", false);
  await dialog.getByRole("button", { name: "Add entry" }).click();
  await expect(toast("Timesheet entry added")).toContainText(`${person}: $500.00`);
  // A table row on a desktop, a list entry on a phone.
  const entry = timesheets.locator("tbody tr, li[data-timesheet-entry]").filter({ hasText: person });
  await expect(entry).toContainText("$500.00");
  await entry.getByRole("button", { name: new RegExp(`^Edit ${person}, week ending `) }).click();
  dialog = page.getByRole("dialog", { name: "Edit timesheet entry" });
  await expect(dialog.getByLabel("Hours")).toHaveValue("10.00");
  await dialog.getByLabel("Hours").fill("12");
  await expect(dialog).toContainText("Cost: $600.00");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(toast("Timesheet entry saved")).toContainText(`${person}: $600.00`);
  await expect(entry).toContainText("$600.00");
  await entry.getByRole("button", { name: new RegExp(`^Delete ${person}, week ending `) }).click();
  dialog = page.getByRole("dialog", { name: "Delete this timesheet entry?" });
  await expect(dialog).toContainText("12 h, $600.00");
  await dialog.getByRole("button", { name: "Delete entry" }).click();
  await expect(toast("Timesheet entry deleted")).toContainText(person);
  await expect(entry).toHaveCount(0);

  // ---- Rate card: checks, add, a server-side field error, edit, remove
  await page.getByRole("tab", { name: "Rate card" }).click();
  const rates = page.getByRole("region", { name: "Rate card" });
  await expect(rates.getByRole("heading", { name: "Rate card", level: 2 })).toBeVisible();
  const resource = `E2E Rate ${tag}`;
  await rates.getByRole("button", { name: "Add rate" }).click();
  dialog = page.getByRole("dialog", { name: "Add a rate-card entry" });
  await expect(dialog.getByLabel("Applies to")).toHaveValue("project");
  await dialog.getByRole("button", { name: "Add entry" }).click();
  await expect(dialog.getByText("Enter the resource's name")).toBeVisible();
  await expect(dialog.getByText("Enter an hourly rate like 72.50")).toBeVisible();
  await dialog.getByLabel("Resource").fill(resource);
  await dialog.getByLabel("Hourly rate").fill("80");
  await dialog.getByRole("button", { name: "Add entry" }).click();
  await expect(toast("Rate added")).toContainText(`${resource}: $80.00/h`);
  const rate = rates.getByRole("row").filter({ hasText: resource });
  await expect(rate).toContainText("$80.00");
  await rates.getByRole("button", { name: "Add rate" }).click();
  await dialog.getByLabel("Resource").fill(resource);
  await dialog.getByLabel("Hourly rate").fill("90");
  await dialog.getByRole("button", { name: "Add entry" }).click();
  await expect(dialog.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(dialog.getByText(`${resource} already has a rate of 80.00 in effect`)).toBeVisible();
  await expect(dialog.getByLabel("Effective from")).toHaveAttribute("aria-invalid", "true");
  await snap(page, testInfo, "76-budget-rate-server-error", false);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await rate.getByRole("button", { name: `Edit the rate of ${resource}` }).click();
  dialog = page.getByRole("dialog", { name: `Edit rate: ${resource}` });
  await expect(dialog.getByLabel("Applies to")).toHaveCount(0);
  await dialog.getByLabel("Hourly rate").fill("85");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(toast("Rate saved")).toContainText(`${resource}: $85.00/h`);
  await expect(rate).toContainText("$85.00");
  await snap(page, testInfo, "77-budget-rate-card");
  await rate.getByRole("button", { name: `Remove the rate of ${resource}` }).click();
  dialog = page.getByRole("dialog", { name: "Remove this rate?" });
  await expect(dialog).toContainText(`${resource}'s rate of $85.00/h will be removed`);
  await snap(page, testInfo, "78-budget-remove-rate", false);
  await dialog.getByRole("button", { name: "Remove rate" }).click();
  await expect(toast("Rate removed")).toContainText(resource);
  await expect(rate).toHaveCount(0);
});

test("a Budget file of more than 5 MB imports through the dialog (file imports may send 48 MB)", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openDemoAsOwner(page);
  const orgSlug = /\/o\/([^/]+)\//.exec(page.url())![1]!;
  const res = await page.request.post("/api/trpc/project.create", {
    data: { json: { orgSlug, name: `Large budget ${unique()}` } },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const { id } = ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json;

  // The v1 fixture padded past the 5 MB body cap of ordinary calls with a YAML comment.
  const budget = `${fixture("Budget-Harbor-Bridge-Upgrade.yaml")}\n# ${"x".repeat(6 * 1024 * 1024)}\n`;
  await page.goto(`/o/${orgSlug}/p/${id}/budget`);
  await page.getByRole("button", { name: "Import a Budget YAML" }).click();
  const dialog = page.getByRole("dialog", { name: "Import a Budget YAML" });
  await dialog.locator('input[type="file"]').setInputFiles({
    name: "Budget-Large.yaml",
    mimeType: "text/yaml",
    buffer: Buffer.from(budget),
  });
  await expect(dialog.getByText("Budget-Large.yaml")).toBeVisible();
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Budget imported" })).toBeVisible({
    timeout: 60_000,
  });
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: "Budget status" })).toBeVisible();
});
