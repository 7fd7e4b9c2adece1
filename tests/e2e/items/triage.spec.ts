/**
 * Triage in All items (issue #20): Start and Finish columns (shown on wide
 * screens, one click away in the column menu on a laptop, the choice remembered
 * for the user), risk score and owner for risks; on a phone a
 * list of cards instead of the table, the header's secondary actions in a "⋯"
 * menu; Back with unsaved edits asks first (desktop); the editor's Tab order
 * reaches Save without dead stops; timesheets and the timeline legend fit a
 * 390 px phone. Screenshots: tests/e2e/screenshots/triage/<project>-<name>.png.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { demoLogin, itemRows, openDemoProject, signIn } from "../helpers";
import { skipTourWhenShown } from "../support/e2e";
import { largeProject } from "../support/large-project";

const SHOTS = path.join(import.meta.dirname, "..", "screenshots", "triage");

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = false) {
  if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${testInfo.project.name}-${name}.png`), fullPage });
}

const headers = async (page: Page) =>
  (
    await page.locator("thead th").evaluateAll((ths) => ths.map((th) => th.getAttribute("data-column")))
  ).filter(Boolean);
const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );

test.beforeEach(async ({ page }) => {
  await skipTourWhenShown(page);
  await signIn(page);
});

/** Whether the items table fits its box (no sideways scrolling inside it). */
const tableFits = (page: Page) =>
  page
    .locator("table")
    .first()
    .evaluate((table) => {
      let box: HTMLElement | null = table.parentElement;
      while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
      return !box || box.scrollWidth <= box.clientWidth + 1;
    });

test("desktop: Start and Finish on wide screens, from the column menu on a laptop, remembered; risks show score and owner", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the table is the desktop's");
  // A wide screen: Start and Finish are there, and every column fits.
  await page.setViewportSize({ width: 1680, height: 900 });
  await openDemoProject(page);
  await expect.poll(() => headers(page)).toEqual(expect.arrayContaining(["start", "finish"]));
  expect(await tableFits(page)).toBe(true);
  await shot(page, testInfo, "10-start-finish-wide");

  // A 1280 px laptop: the defaults fit without sideways scrolling (Start and Finish wait in the menu).
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(() => headers(page)).not.toContain("start");
  expect(await headers(page)).not.toContain("finish");
  expect(await headers(page)).not.toContain("riskScore");
  expect(await tableFits(page)).toBe(true);
  await shot(page, testInfo, "10-laptop-defaults");

  const menu = page.getByRole("button", { name: "Columns" });
  await menu.click();
  await page.getByRole("checkbox", { name: /^Start/ }).check();
  await expect.poll(() => headers(page)).toContain("start");
  await shot(page, testInfo, "11-column-menu");
  await page.keyboard.press("Escape");
  // Remembered: a reload keeps Start shown (and Finish, never chosen, follows the default).
  await page.reload();
  await expect(itemRows(page).first()).toBeVisible();
  await expect.poll(() => headers(page)).toContain("start");
  expect(await headers(page)).not.toContain("finish");
  // Every cell follows the header, column for column.
  const cols = await itemRows(page)
    .first()
    .locator("td")
    .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-column")));
  expect(cols).toEqual(await headers(page));
  // The choice holds on a wide screen too: hidden there once unticked.
  await page.setViewportSize({ width: 1680, height: 900 });
  await expect.poll(() => headers(page)).toContain("finish");
  await menu.click();
  await page.getByRole("checkbox", { name: /^Start/ }).uncheck();
  await expect.poll(() => headers(page)).not.toContain("start");
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Risks only: the risk score and owner columns show, with values on the risk rows.
  await page.goto(`${page.url().split("?")[0]}?type=Risk`);
  await expect(itemRows(page).first()).toBeVisible();
  await expect.poll(() => headers(page)).toEqual(expect.arrayContaining(["riskScore", "riskOwner"]));
  const scores = page.locator('tbody td[data-column="riskScore"] [data-band]');
  await expect(scores.first()).toBeVisible();
  await expect(scores.first()).toHaveText(/^\d+/);
  // Sorting by the score: highest first.
  await page
    .getByRole("columnheader", { name: /^Risk score/ })
    .getByRole("button")
    .click();
  await expect(page).toHaveURL(/sort=riskScore&dir=desc/);
  const values = async () =>
    (await page.locator('tbody td[data-column="riskScore"]').allInnerTexts()).map((t) =>
      Number(/^\d+/.exec(t.trim())?.[0] ?? -1),
    );
  // The re-sorted page arrives after the URL changes: wait until the rows are in order.
  const sortedDesc = (v: number[]) => v.every((n, i) => i === 0 || v[i - 1]! >= n);
  await expect
    .poll(async () => {
      const v = (await values()).filter((n) => n >= 0);
      return v.length > 0 && sortedDesc(v);
    })
    .toBe(true);
  await shot(page, testInfo, "12-risk-columns");
});

test("phone: All items is a list of cards; a tap opens the item; header actions fold into ⋯", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "phone layout only");
  await openDemoProject(page);
  await expect(page.getByRole("table")).toHaveCount(0);
  const cards = itemRows(page);
  const first = cards.first();
  await expect(first).toContainText(/#\d+/);
  await expect(first.locator("[data-severity]").or(first.getByText("No indicator"))).toHaveCount(1);
  await expect(first).toContainText(/Due /);
  await noSidewaysScroll(page);
  // Cards fit the screen and are comfortable to tap.
  const box = (await first.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeGreaterThanOrEqual(44);
  await shot(page, testInfo, "20-cards");

  // The header: New item in reach, the rest behind "More actions".
  await expect(page.getByRole("button", { name: "New item" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Export/ })).toHaveCount(0);
  await page.getByRole("button", { name: "More actions" }).click();
  await expect(page.getByRole("link", { name: /CSV/ })).toBeVisible();
  const menuBox = (await page.getByRole("link", { name: /CSV/ }).boundingBox())!;
  expect(menuBox.x, "the menu opens on screen").toBeGreaterThanOrEqual(0);
  expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(390);
  await expect(page.getByRole("button", { name: /Update indicators/ })).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, testInfo, "21-more-actions");
  await page.keyboard.press("Escape");

  // Sorting through a select: most urgent first (wait for the new order before tapping a card).
  const firstBefore = await cards.first().getAttribute("data-item-num");
  await page.getByLabel("Sort by").selectOption("severity:asc");
  await expect(page).toHaveURL(/sort=severity/);
  await expect(cards.first()).not.toHaveAttribute("data-item-num", firstBefore ?? "");

  // A tap on a card opens the item editor.
  const num = await cards.nth(1).getAttribute("data-item-num");
  await cards.nth(1).getByRole("button").first().tap();
  const editor = page.getByRole("dialog", { name: `Item #${num}` });
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  await page.goBack();
  await expect(editor).toBeHidden();
  await expect(cards.first()).toBeVisible();
});

test("the header's first paint, before hydration, already fits the screen", async ({
  page,
  browser,
}, testInfo) => {
  await openDemoProject(page);
  // The same session in a browser that never gets the app's scripts, so React never hydrates: what
  // the server sends (its streamed parts put in place by their inline scripts) is what shows.
  const { baseURL, viewport, isMobile, hasTouch } = testInfo.project.use;
  const noJs = await browser.newContext({
    baseURL,
    viewport,
    isMobile,
    hasTouch,
    serviceWorkers: "block",
    storageState: await page.context().storageState(),
  });
  try {
    const first = await noJs.newPage();
    await first.route(/\/_next\/static\/.*\.js(\?|$)/, (route) => route.abort());
    await first.goto(page.url());
    await expect(first.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
    const more = first.getByRole("button", { name: "More actions" });
    const exportButton = first.getByRole("button", { name: /^Export/ });
    const update = first.getByRole("button", { name: /Update indicators/ });
    await expect(first.getByRole("button", { name: "New item" })).toHaveCount(1);
    if (testInfo.project.name === "phone") {
      await expect(more).toBeVisible();
      await expect(exportButton).toHaveCount(0);
      await expect(update).toHaveCount(0);
    } else {
      await expect(exportButton).toBeVisible();
      await expect(update).toBeVisible();
      await expect(more).toHaveCount(0);
    }
  } finally {
    await noJs.close();
  }
});

test("phone: scrolling to the end of the cards loads the next page, in order", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "phone layout only");
  test.setTimeout(240_000);
  const projectId = await largeProject(page);
  await page.goto(`/o/${demoLogin().org}/p/${projectId}`);
  const cards = itemRows(page);
  const count = page.getByTestId("items-count");
  await expect(cards.first()).toBeVisible();
  await expect(count).toHaveText(/Showing 200 of 2,000 items/);
  await expect(cards).toHaveCount(200);
  // Reaching the end of the list asks for the next page by itself.
  await page.getByTestId("items-loading-more").scrollIntoViewIfNeeded();
  await expect(count).toHaveText(/Showing 400 of 2,000 items/);
  await expect(cards).toHaveCount(400);
  await expect(cards.nth(199)).toHaveAttribute("data-item-num", "200");
  await expect(cards.nth(200)).toHaveAttribute("data-item-num", "201");
  await noSidewaysScroll(page);
  await shot(page, testInfo, "22-cards-next-page");
});

test("desktop: Back with unsaved edits asks first; Keep editing keeps them, Discard closes", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "desktop history (phones: item-editor.spec.ts)");
  await openDemoProject(page);
  const first = itemRows(page).first();
  const itemNum = Number(await first.getAttribute("data-item-num"));
  const editor = page.getByRole("dialog", { name: `Item #${itemNum}` });
  const titleBox = editor.getByRole("textbox", { name: "Title", exact: true });
  const ask = page.getByRole("dialog", { name: "Discard your unsaved changes?" });

  await first.getByRole("button").first().click();
  await expect(titleBox).toBeVisible();
  const original = await titleBox.inputValue();
  await titleBox.fill(`${original} (typed, not saved)`);
  await page.goBack();
  await expect(ask).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`item=${itemNum}`));
  await shot(page, testInfo, "30-back-asks");
  await ask.getByRole("button", { name: "Keep editing" }).click();
  await expect(ask).toBeHidden();
  await expect(titleBox).toHaveValue(`${original} (typed, not saved)`);

  await page.goBack();
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Discard" }).click();
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);
  await expect(first).toBeVisible();
  // Nothing was saved.
  await first.getByRole("button").first().click();
  await expect(titleBox).toHaveValue(original);
  await page.goBack();
  await expect(editor).toBeHidden();
});

test("the editor: Tab from the title reaches Save, and every stop on the way is a working control", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "keyboard order at desktop size");
  await openDemoProject(page);
  const first = itemRows(page).first();
  const itemNum = Number(await first.getAttribute("data-item-num"));
  await first.getByRole("button").first().click();
  const editor = page.getByRole("dialog", { name: `Item #${itemNum}` });
  const titleBox = editor.getByRole("textbox", { name: "Title", exact: true });
  await expect(titleBox).toBeVisible();
  // Something to save, so Save is enabled (discarded at the end).
  await titleBox.fill(`${await titleBox.inputValue()} x`);
  await titleBox.focus();

  const stops: string[] = [];
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { ok: false, what: "body", save: false };
      const tag = el.tagName.toLowerCase();
      const role = el.getAttribute("role");
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40);
      const disabled = (el as HTMLButtonElement).disabled || el.getAttribute("aria-disabled") === "true";
      const control =
        ["button", "a", "input", "select", "textarea", "summary"].includes(tag) ||
        ["button", "link", "checkbox", "slider", "spinbutton", "combobox", "tab", "switch"].includes(
          role ?? "",
        );
      const inDialog = !!el.closest("dialog");
      return {
        ok: control && !disabled && inDialog && (tag !== "a" || !!el.getAttribute("href")),
        what: `${tag}${role ? `[${role}]` : ""} "${name}"`,
        save: tag === "button" && /^Save/.test(name),
      };
    });
    stops.push(stop.what);
    expect(stop.ok, `a dead stop after ${stops.slice(-4).join(" → ")}`).toBe(true);
    reached = stop.save;
  }
  expect(reached, `Save not reached: ${stops.join(" → ")}`).toBe(true);
  testInfo.annotations.push({ type: "tab stops", description: String(stops.length) });

  // (Ctrl/⌘+Enter saving is in item-editor.spec.ts.) Leave without saving.
  await page.keyboard.press("Escape");
  await page
    .getByRole("dialog", { name: "Discard your unsaved changes?" })
    .getByRole("button", { name: "Discard" })
    .click();
  await expect(editor).toBeHidden();
});

test("timesheets and the timeline legend fit a phone, with no hover-only hints", async ({
  page,
}, testInfo) => {
  await openDemoProject(page);
  const base = page.url().split("?")[0]!;
  await page.goto(`${base}/budget?tab=timesheets`);
  const timesheets = page.getByRole("region", { name: "Timesheets" });
  await expect(timesheets.getByText(/^Showing /)).toBeVisible();
  await noSidewaysScroll(page);
  if (testInfo.project.name === "phone") {
    await expect(timesheets.getByRole("table")).toHaveCount(0);
    await expect(timesheets.locator("li[data-timesheet-entry]").first()).toBeVisible();
  }
  await shot(page, testInfo, "40-timesheets", true);

  await page.goto(`${base}/timeline`);
  const legend = page.getByRole("group", { name: "Legend" });
  await expect(legend).toBeVisible();
  await expect(legend).not.toContainText(/on hover/);
  const box = (await legend.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  await noSidewaysScroll(page);
  await legend.scrollIntoViewIfNeeded();
  await shot(page, testInfo, "41-timeline-legend");
});
