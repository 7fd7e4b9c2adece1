/**
 * The project views: dashboard (cards open the filtered All items list),
 * active items (groups by severity), timeline (bars, today line, hover card,
 * keyboard, zoom) and chronology (current month highlighted and open) — at
 * desktop and phone size. Screenshots go to tests/e2e/screenshots/.
 */
import { expect, test, type Page } from "@playwright/test";
import { signIn, snap } from "../helpers";

/** The first-run tour floats over the page corner; put it away so it covers nothing. */
async function dismissTour(page: Page) {
  const skip = page.getByTestId("first-run-tour").getByRole("button", { name: "Skip tour" });
  // It opens just after the first paint, and only until it has been skipped once.
  await skip.waitFor({ state: "visible", timeout: 3_000 }).catch(() => undefined);
  if (await skip.isVisible()) await skip.click();
}

/** Signs in as the demo owner and goes straight to one view of the demo project. */
async function openView(page: Page, view: string) {
  await signIn(page);
  const link = page
    .getByRole("main")
    .getByRole("link", { name: /Harbor Bridge Upgrade/ })
    .first();
  const base = /\/o\/[^/]+\/p\/[0-9a-f-]{36}/.exec((await link.getAttribute("href")) ?? "")?.[0];
  expect(base, "the demo project is listed").toBeTruthy();
  await page.goto(`${base}/${view}`);
  await page.waitForLoadState("networkidle");
  await dismissTour(page);
}

test("dashboard: a severity card opens All items filtered to that severity", async ({ page }, testInfo) => {
  await openView(page, "dashboard");
  await expect(page).toHaveTitle(/Dashboard · Harbor Bridge Upgrade · braidMgr/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const card = page
    .getByRole("main")
    .getByRole("link", { name: /^Critical\b/ })
    .first();
  await expect(card).toBeVisible();
  const count = Number(/\d+/.exec((await card.textContent()) ?? "")?.[0]);
  expect(count, "the demo project has late items").toBeGreaterThan(0);
  // Overdue says how it splits, worst kind first, and each row names the date it missed.
  const overdue = page.getByRole("region", { name: /^Overdue/ });
  await expect(overdue).toContainText(/\d+ (past deadline|late finish|late start)/);
  await expect(overdue.locator("li").first()).toContainText(/(Deadline|Finish|Start) .*\d+ days? late/);
  await snap(page, testInfo, "views-10-dashboard");

  await card.click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}\?(.*&)?sev=critical(&|$)/);
  await expect(page.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
  const rows = page.locator("[data-item-row][data-item-num]");
  await expect(rows).toHaveCount(count);
  for (const badge of await page.locator("[data-item-row] [data-severity]").all()) {
    await expect(badge).toHaveAttribute("data-severity", "critical");
  }
});

test("a slow page change shows progress at once, and it goes when the page is there", async ({
  page,
  isMobile,
}) => {
  test.skip(isMobile, "the sidebar link is behind the menu on phones; the bar is the same component");
  // Hold every response for the Budget page (its prefetch too) for a while, as a slow network would.
  await page.route(/\/budget(\?|$)/, async (route) => {
    await new Promise((r) => setTimeout(r, 3_000));
    await route.continue();
  });
  await openView(page, "dashboard");
  await page.getByRole("navigation").getByRole("link", { name: "Budget", exact: true }).click();
  const bar = page.getByRole("progressbar", { name: "Loading page" });
  await expect(bar).toBeVisible({ timeout: 1_000 });
  await expect(page.getByRole("heading", { name: "Budget", level: 1 })).toBeVisible();
  await expect(bar).toBeHidden();
});

test("active items: open items grouped by severity; a row opens the editor", async ({ page }, testInfo) => {
  await openView(page, "active");
  await expect(page).toHaveTitle(/Active items · Harbor Bridge Upgrade · braidMgr/);
  const groups = page.locator("section[data-severity]");
  await expect(groups.first()).toHaveAttribute("data-severity", "critical");
  const order = await groups.evaluateAll((els) => els.map((e) => e.getAttribute("data-severity")));
  expect(order.slice(0, 4)).toEqual(["critical", "warning", "active", "upcoming"]);
  // Colour is not the only cue: each group is a heading with a count.
  const critical = groups.first();
  const toggle = critical.getByRole("button", { name: /Critical/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(critical.locator("li[data-item-num]").first()).toBeVisible();
  await snap(page, testInfo, "views-20-active");

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(critical.locator("li[data-item-num]").first()).toBeHidden();
  await toggle.click();

  const first = critical.locator("li[data-item-num]").first();
  const itemNum = await first.getAttribute("data-item-num");
  await first.getByRole("button").click();
  await expect(page).toHaveURL(new RegExp(`item=${itemNum}`));
  const editor = page.getByRole("dialog", { name: `Item #${itemNum}` });
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  await editor
    .getByRole("button", { name: /^(Cancel|Close)$/ })
    .first()
    .click();
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);
});

test("timeline: bars, today line, hover card, keyboard and zoom", async ({ page }, testInfo) => {
  await openView(page, "timeline");
  await expect(page).toHaveTitle(/Timeline · Harbor Bridge Upgrade · braidMgr/);
  const gantt = page.getByTestId("gantt");
  await expect(gantt).toBeVisible();
  const bars = gantt.locator("[data-bar]");
  expect(await bars.count()).toBeGreaterThan(10);
  await expect(gantt.locator('[data-bar][data-severity="critical"]').first()).toBeAttached();

  // The chart opens scrolled so that today is in view.
  const today = page.getByTestId("timeline-today");
  await expect(today).toBeAttached();
  const [box, line] = [await gantt.boundingBox(), await today.boundingBox()];
  expect(
    box && line && line.x > box.x && line.x < box.x + box.width,
    "today line inside the visible chart",
  ).toBe(true);
  await expect(page.getByTestId("timeline-today-label")).toBeVisible();
  // The Today pill never covers a date label of the scale.
  const pill = (await page.getByTestId("timeline-today-label").boundingBox())!;
  for (const label of await page.getByTestId("timeline-scale-label").all()) {
    const b = await label.boundingBox();
    if (!b) continue;
    const overlaps =
      b.x < pill.x + pill.width &&
      pill.x < b.x + b.width &&
      b.y < pill.y + pill.height &&
      pill.y < b.y + b.height;
    expect(overlaps, `"${await label.textContent()}" under the Today pill`).toBe(false);
  }
  // Dependencies are drawn.
  expect(await gantt.locator("path[data-arrow]").count()).toBeGreaterThan(0);
  await snap(page, testInfo, "views-30-timeline", false);

  // Keyboard: focus shows the details card; arrows move between bars; Enter opens the editor.
  const first = bars.first();
  await first.focus();
  const card = page.getByTestId("timeline-card");
  await expect(card).toBeVisible();
  await expect(card).toContainText(`#${await first.getAttribute("data-bar")}`);
  await page.keyboard.press("ArrowDown");
  const second = await bars.nth(1).getAttribute("data-bar");
  await expect(page.locator(`[data-bar="${second}"]`)).toBeFocused();
  await expect(card).toContainText(`#${second}`);
  await snap(page, testInfo, "views-31-timeline-card", false);
  await page.keyboard.press("Enter");
  const editor = page.getByRole("dialog", { name: `Item #${second}` });
  await expect(editor).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();

  // Zoom lives in the URL.
  await page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Month", exact: true }).click();
  await expect(page).toHaveURL(/zoom=month/);
  await expect(
    page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Month", exact: true }),
  ).toHaveAttribute("aria-pressed", "true");
  await expect(today).toBeAttached();
  await snap(page, testInfo, "views-32-timeline-month", false);
});

test("chronology: months in order, the current month highlighted and expanded", async ({
  page,
}, testInfo) => {
  await openView(page, "chronology");
  await expect(page).toHaveTitle(/Chronology · Harbor Bridge Upgrade · braidMgr/);
  const months = page.locator("section[data-month]");
  expect(await months.count()).toBeGreaterThan(2);
  const keys = await months.evaluateAll((els) => els.map((e) => e.getAttribute("data-month")!));
  const dated = keys.filter((k) => k !== "undated");
  expect(dated).toEqual([...dated].sort());

  const current = page.locator('section[data-current="true"]');
  await expect(current).toHaveCount(1);
  await expect(current).toContainText("This month");
  await expect(current.getByRole("heading").getByRole("button")).toHaveAttribute("aria-expanded", "true");
  // Every other month starts folded.
  for (const other of await page.locator("section[data-month]:not([data-current])").all()) {
    await expect(other.getByRole("heading").getByRole("button")).toHaveAttribute("aria-expanded", "false");
  }
  await snap(page, testInfo, "views-40-chronology");

  // Opening another month shows its items.
  const other = page.locator("section[data-month]:not([data-current])").first();
  await other.getByRole("heading").getByRole("button").click();
  await expect(other.getByRole("heading").getByRole("button")).toHaveAttribute("aria-expanded", "true");
  await expect(other.locator("li[data-item-num]").first()).toBeVisible();
});
