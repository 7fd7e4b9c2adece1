/**
 * The All items table (TanStack Table + TanStack Virtual): server-side sort from
 * the column headers (URL and aria-sort), keyboard moves and Enter, double-click
 * and tap to open, optimistic quick edits of progress (shown before the server
 * answers, kept after a reload, rolled back on failure, replaced by the current
 * item on a conflict) and of the assignee, and a 2,000-item project whose DOM holds only the rows in
 * view while infinite scrolling loads every page. The table is the desktop's; phones get a list of
 * cards instead (tests/e2e/items/triage.spec.ts), so these run at desktop size.
 * Screenshots: tests/e2e/screenshots/items/<project>-<name>.png.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { demoLogin, openDemoProject, signIn } from "../helpers";
import { projectIdOf, skipTourWhenShown } from "../support/e2e";
import { LARGE, largeProject, trpc } from "../support/large-project";

const SHOTS = path.join(import.meta.dirname, "..", "screenshots", "items");

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = false) {
  if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300); // transitions (toasts, row opacity) settle
  await page.screenshot({ path: path.join(SHOTS, `${testInfo.project.name}-${name}.png`), fullPage });
}

const rows = (page: Page) => page.locator("tbody tr[data-item-num]");
const count = (page: Page) => page.getByTestId("items-count");
const scroller = (page: Page) => page.getByTestId("items-scroller");
const itemNums = (page: Page) =>
  rows(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-item-num"))));
const header = (page: Page, name: RegExp) => page.getByRole("columnheader", { name });

async function openProject(page: Page, projectId: string, query = "") {
  await page.goto(`/o/${demoLogin().org}/p/${projectId}${query}`);
  await expect(page.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
  await expect(rows(page).first()).toBeVisible();
}

// The service worker answers the project's GET queries (offline copies) itself, and requests it makes
// never reach page.route: keep it out so holding back a page of the list is reliable.
test.use({ serviceWorkers: "block" });

test.beforeEach(async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the table is the desktop's; phones: triage.spec.ts (cards)");
  await skipTourWhenShown(page);
  await signIn(page);
});

test("a header click sorts on the server, shows aria-sort and keeps the sort in the URL", async ({
  page,
}, testInfo) => {
  await openDemoProject(page);
  await expect(page.getByRole("table")).toHaveAttribute("aria-rowcount", /\d+/);
  const byNumber = header(page, /^#/);
  const byTitle = header(page, /^Title/);
  await expect(byNumber).toHaveAttribute("aria-sort", "ascending");
  const before = await itemNums(page);
  expect(before).toEqual([...before].sort((a, b) => a - b));
  await shot(page, testInfo, "10-table");

  await byTitle.getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=title&dir=asc/);
  await expect(byTitle).toHaveAttribute("aria-sort", "ascending");
  await expect(byNumber).not.toHaveAttribute("aria-sort");
  await expect.poll(() => itemNums(page)).not.toEqual(before);
  await shot(page, testInfo, "11-sorted-by-title");

  await byTitle.getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=title&dir=desc/);
  await expect(byTitle).toHaveAttribute("aria-sort", "descending");

  // "#": a new column starts ascending (the default order, so the URL drops the sort), then flips.
  await byNumber.getByRole("button").click();
  await expect(page).not.toHaveURL(/sort=/);
  await byNumber.getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=itemNum&dir=desc/);
  await expect(byNumber).toHaveAttribute("aria-sort", "descending");
  await expect.poll(async () => (await itemNums(page))[0]).toBeGreaterThanOrEqual(Math.max(...before));
  const desc = await itemNums(page);
  expect(desc).toEqual([...desc].sort((a, b) => b - a));

  // The sort survives a reload (the server renders it).
  await page.reload();
  await expect(header(page, /^#/)).toHaveAttribute("aria-sort", "descending");
  expect((await itemNums(page))[0]).toBe(desc[0]);
});

test("arrow keys move between rows, Enter opens the editor; double-click or tap opens it too", async ({
  page,
}, testInfo) => {
  await openDemoProject(page);
  const all = rows(page);
  // One row is in the tab order (roving tabindex).
  await expect(page.locator('tbody tr[tabindex="0"]')).toHaveCount(1);
  await all.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(all.nth(1)).toBeFocused();
  await expect(all.nth(1)).toHaveAttribute("tabindex", "0");
  await expect(all.first()).toHaveAttribute("tabindex", "-1");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(all.nth(1)).toBeFocused();
  // End: the last row (the demo project fits in one page), which aria-rowindex places after all others.
  await page.keyboard.press("End");
  const total = Number(
    /of ([\d,]+) item/.exec((await count(page).textContent()) ?? "")?.[1]?.replace(/,/g, ""),
  );
  await expect(page.locator(`tbody tr[aria-rowindex="${total + 1}"]`)).toBeFocused();
  await expect(all.last()).toBeFocused();
  await page.keyboard.press("Home");
  await expect(all.first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const num = await all.nth(1).getAttribute("data-item-num");
  await shot(page, testInfo, "20-keyboard-focus");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]item=${num}(&|$)`));
  const editor = page.getByRole("dialog", { name: `Item #${num}` });
  await expect(editor).toBeVisible();
  await shot(page, testInfo, "21-editor-from-keyboard");
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]item=/);

  // Pointer: a double-click with a mouse, a single tap on a touch screen (never a double tap).
  const third = all.nth(2);
  const thirdNum = await third.getAttribute("data-item-num");
  await third.locator("td").nth(2).click();
  await expect(page).not.toHaveURL(/[?&]item=/); // a single click only selects the row
  await expect(third).toBeFocused();
  await third.locator("td").nth(2).dblclick();
  await expect(page.getByRole("dialog", { name: `Item #${thirdNum}` })).toBeVisible();
});

test("the desktop keeps the spec's column order; body cells follow the header", async ({
  page,
}, testInfo) => {
  await openDemoProject(page);
  const names = async () =>
    // Visible label only: the sort state after the comma is for screen readers; the CSS upper-cases.
    (await page.getByRole("columnheader").allInnerTexts()).map((t) => t.split(",")[0]!.trim().toLowerCase());
  const expected = ["#", "Type", "Workstream", "Title", "Assignee"];
  await expect.poll(async () => (await names()).slice(0, 5)).toEqual(expected.map((n) => n.toLowerCase()));
  // Also when the page is loaded afresh (server-rendered).
  await page.reload();
  await expect(rows(page).first()).toBeVisible();
  await expect.poll(async () => (await names()).slice(0, 5)).toEqual(expected.map((n) => n.toLowerCase()));
  // Body cells follow the header, column for column (a memoised row once kept the desktop order).
  const header = await page
    .locator("thead th")
    .evaluateAll((ths) => ths.map((th) => th.getAttribute("data-column")));
  for (const row of (await rows(page).all()).slice(0, 3)) {
    const columns = await row
      .locator("td")
      .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-column")));
    expect(columns).toEqual(header);
  }
  const cells = await rows(page)
    .first()
    .locator("td")
    .evaluateAll((tds) => tds.slice(0, 2).map((td) => (td as HTMLElement).innerText.trim()));
  expect(cells[0]).toMatch(/^\d+$/);
  // The title of the first row is on screen without scrolling sideways.
  const title = rows(page).first().getByRole("button").first();
  const box = await title.boundingBox();
  expect(box && box.x + 40 < page.viewportSize()!.width, "first title starts inside the screen").toBe(true);
  await shot(page, testInfo, "12-column-order");
});

test("quick edit of progress shows at once, persists, rolls back on failure and handles a conflict", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const projectId = await largeProject(page);
  // Live updates would quietly refetch the row another user changed; this test wants the stale copy.
  await page.route("**/api/trpc/project.onChange*", (route) => route.abort());
  const itemNum = 7;
  await openProject(page, projectId, `?q=%23${itemNum}`);
  const row = page.locator(`tbody tr[data-item-num="${itemNum}"]`);
  await expect(row).toBeVisible();
  const percent = row.getByTestId("percent");
  const before = Number((await percent.textContent())?.replace("%", ""));
  const target = before === 60 ? 35 : 60;

  // Hold the server's answer: the new value must show before it arrives.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/trpc/*item.update*", async (route) => {
    await held;
    await route.continue();
  });
  await row.getByRole("button", { name: new RegExp(`^Change progress of #${itemNum}`) }).click();
  const panel = page.getByRole("dialog", { name: /Progress/ });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("spinbutton", { name: "% complete" })).toHaveValue(String(before));
  await shot(page, testInfo, "30-quick-edit-progress");
  await panel.getByRole("spinbutton", { name: "% complete" }).fill(String(target));
  await panel.getByRole("spinbutton", { name: "% complete" }).press("Enter");
  await expect(panel).toBeHidden();
  await expect(percent).toHaveText(`${target}%`);
  await expect(page.getByRole("status").filter({ hasText: `Saved item #${itemNum}` })).toHaveCount(0);
  await shot(page, testInfo, "31-quick-edit-optimistic");
  release();
  await expect(page.getByRole("status").filter({ hasText: `Saved item #${itemNum}` })).toBeVisible();
  await page.unroute("**/api/trpc/*item.update*");
  await page.reload();
  await expect(row.getByTestId("percent")).toHaveText(`${target}%`);

  // A failed save puts the old value back and says so.
  await page.route("**/api/trpc/*item.update*", (route) => route.abort());
  await row.getByRole("button", { name: /^Change progress of/ }).click();
  await page
    .getByRole("dialog", { name: /Progress/ })
    .getByRole("button", { name: "100%" })
    .click();
  await expect(page.getByRole("alert").filter({ hasText: `Couldn't save item #${itemNum}` })).toBeVisible();
  await expect(row.getByTestId("percent")).toHaveText(`${target}%`);
  await shot(page, testInfo, "32-quick-edit-rolled-back");
  await page.unroute("**/api/trpc/*item.update*");

  // Someone else saves first: the stale version gets CONFLICT and the row shows their value.
  const orgSlug = demoLogin().org;
  const current = await trpc<{ version: number }>(
    page.request,
    "item.get",
    { orgSlug, projectId, itemNum },
    "GET",
  );
  const theirs = target === 60 ? 45 : 55;
  await trpc(
    page.request,
    "item.update",
    { orgSlug, projectId, itemNum, version: current.version, percentComplete: theirs },
    "POST",
  );
  await row.getByRole("button", { name: /^Change progress of/ }).click();
  await page
    .getByRole("dialog", { name: /Progress/ })
    .getByRole("button", { name: "0%", exact: true })
    .click();
  await expect(
    page.getByRole("alert").filter({ hasText: `Item #${itemNum} was changed by someone else` }),
  ).toBeVisible();
  await expect(row.getByTestId("percent")).toHaveText(`${theirs}%`);
  await shot(page, testInfo, "33-quick-edit-conflict");
});

test("quick edit of the assignee: a new name, a suggestion, unassign — each shows at once and persists", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const projectId = await largeProject(page);
  const itemNum = 11;
  await openProject(page, projectId, `?q=%23${itemNum}`);
  const row = page.locator(`tbody tr[data-item-num="${itemNum}"]`);
  const cell = row.getByRole("button", { name: new RegExp(`^Change assignee of #${itemNum}`) });
  const panel = page.getByRole("dialog", { name: /Assignee/ });
  const saved = page.getByRole("status").filter({ hasText: `Saved item #${itemNum}` });

  // A name nobody has yet.
  const name = `Quinn Tester ${testInfo.project.name} ${Date.now() % 100_000}`;
  await cell.click();
  await expect(panel).toBeVisible();
  await panel.getByRole("textbox", { name: "Assigned to" }).fill(name);
  await shot(page, testInfo, "34-quick-edit-assignee");
  await panel.getByRole("button", { name: "Save", exact: true }).click();
  await expect(panel).toBeHidden();
  await expect(cell).toContainText(name);
  await expect(saved.first()).toBeVisible();
  await page.reload();
  await expect(cell).toContainText(name);

  // Someone already on the project, picked from the suggestions.
  await cell.click();
  await panel.getByRole("textbox", { name: "Assigned to" }).fill("bo");
  await panel
    .getByRole("list", { name: "People on this project" })
    .getByRole("button", { name: "Bo Chen" })
    .click();
  await expect(panel).toBeHidden();
  await expect(cell).toContainText("Bo Chen");

  // Unassigned, and still so after a reload.
  await cell.click();
  await panel.getByRole("button", { name: "Unassign" }).click();
  await expect(cell).toContainText("unassigned");
  await expect
    .poll(
      async () =>
        (
          await trpc<{ assignedTo: string | null }>(
            page.request,
            "item.get",
            { orgSlug: demoLogin().org, projectId, itemNum },
            "GET",
          )
        ).assignedTo,
    )
    .toBeNull();
  await page.reload();
  await expect(cell).toContainText("unassigned");
});

test("2,000 items: only the rows in view are in the DOM; scrolling down loads every page", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const projectId = await largeProject(page);
  await openProject(page, projectId);
  expect(projectIdOf(page)).toBe(projectId);
  await expect(count(page)).toHaveText(/Showing 200 of 2,000 items/);
  const rendered = await rows(page).count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await expect(page.getByRole("table")).toHaveAttribute("aria-rowcount", String(LARGE + 1));
  await shot(page, testInfo, "40-large-top");

  // Hold the next page back so the loading row can be seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/trpc/*item.list*", async (route) => {
    await held;
    await route.continue();
  });
  await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.getByTestId("items-loading-more")).toContainText("Loading more items");
  await expect(count(page)).toContainText("loading more");
  await shot(page, testInfo, "41-large-loading-more");
  release();
  await expect(count(page)).toHaveText(/Showing 400 of 2,000 items/);
  await page.unroute("**/api/trpc/*item.list*");

  // Keep scrolling to the end until every page is in.
  await expect
    .poll(
      async () => {
        await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
        return count(page).textContent();
      },
      { timeout: 180_000, intervals: [300, 600, 1000] },
    )
    .toMatch(/Showing 2,000 of 2,000 items/);
  await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator(`tbody tr[data-item-num="${LARGE}"]`)).toBeVisible();
  await expect(page.getByTestId("items-loading-more")).toHaveCount(0);
  const atEnd = await rows(page).count();
  expect(atEnd).toBeLessThan(80);
  // Rows near the end are drawn; of the first rows only the one in the tab order stays.
  const nums = await itemNums(page);
  expect(nums.filter((n) => n > LARGE - 100).length).toBeGreaterThan(5);
  expect(nums.filter((n) => n <= LARGE - 100).length).toBeLessThanOrEqual(1);
  // The page itself never scrolls sideways; the table does, inside its box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
  await shot(page, testInfo, "42-large-bottom");

  // Row targets are touch-friendly.
  const heights = await rows(page).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(40);
});
