/**
 * The schedule on the timeline (SPEC §13), at desktop and phone size: the
 * critical-path toggle (framed bars, emphasised arrows, kept in the URL over a
 * reload), slack in each bar's card and in the item editor, and baselines —
 * the demo's plan of record compared on day one, and a baseline taken here,
 * an item moved in the editor, compared (slipped with its days, a ghost bar)
 * and deleted. Screenshots: tests/e2e/screenshots/<project>-schedule-*.png.
 */
import { expect, test, type Page } from "@playwright/test";
import { demoLogin, signIn, snap } from "../helpers";
import { projectIdOf, skipTourWhenShown, unique } from "../support/e2e";

async function trpc<T>(page: Page, proc: string, input: Record<string, unknown>, method: "GET" | "POST") {
  const json = { orgSlug: demoLogin().org, ...input };
  const res =
    method === "POST"
      ? await page.request.post(`/api/trpc/${proc}`, { data: { json } })
      : await page.request.get(`/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json }))}`);
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${proc}: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/** Signs in as the demo owner and opens the demo project's timeline (with extra query parameters). */
async function openTimeline(page: Page, query = "") {
  await skipTourWhenShown(page);
  await signIn(page);
  const link = page
    .getByRole("main")
    .getByRole("link", { name: /Harbor Bridge Upgrade/ })
    .first();
  const base = /\/o\/[^/]+\/p\/[0-9a-f-]{36}/.exec((await link.getAttribute("href")) ?? "")?.[0];
  expect(base, "the demo project is listed").toBeTruthy();
  await page.goto(`${base}/timeline${query}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("gantt")).toBeVisible();
  return { base: base!, projectId: projectIdOf(page) };
}

/** Shows a bar's card: hover with a mouse; on a phone (a tap opens the editor) keyboard focus. */
async function showCard(page: Page, bar: ReturnType<Page["locator"]>, phone: boolean) {
  await bar.scrollIntoViewIfNeeded();
  if (phone) await bar.focus();
  else await bar.hover();
  const card = page.getByTestId("timeline-card");
  await expect(card).toBeVisible();
  return card;
}

test("critical path: toggled on, critical bars are framed and their arrows emphasised; it survives a reload", async ({
  page,
}, testInfo) => {
  const phone = testInfo.project.name === "phone";
  await openTimeline(page);
  const gantt = page.getByTestId("gantt");
  const toggle = page.getByRole("checkbox", { name: "Critical path" });
  await expect(toggle).not.toBeChecked();
  await expect(gantt.locator("[data-critical-frame]")).toHaveCount(0);

  // A controlled checkbox that follows the URL: click, then wait for the state (check() reads it at once).
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page).toHaveURL(/[?&]cp=1(&|$)/);
  const summary = page.getByTestId("critical-path-summary");
  await expect(summary).toContainText(/Critical path \(\d+ items\): #\d+ → #\d+/);
  await expect(summary).toContainText(/Finishes \d{1,2} \w{3} \d{4}/);

  // Every critical bar is framed (not colour alone: a frame and a CP tag); the rest are faded.
  const critical = gantt.locator("[data-bar][data-critical]");
  const n = await critical.count();
  expect(n, "the demo plan has critical items").toBeGreaterThanOrEqual(3);
  await expect(gantt.locator("[data-critical-frame]")).toHaveCount(n);
  await expect(gantt.locator("li[data-item-num]").getByText("CP", { exact: true })).toHaveCount(n);
  const faded = gantt.locator("[data-bar]:not([data-critical])").first();
  await expect(faded).toHaveClass(/opacity-40/);
  expect(await gantt.locator("path[data-critical]").count(), "critical arrows are drawn").toBeGreaterThan(0);
  await snap(page, testInfo, "schedule-10-critical-path", false);

  // Kept in the URL: a reload shows the same.
  await page.reload();
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("checkbox", { name: "Critical path" })).toBeChecked();
  await expect(gantt.locator("[data-critical-frame]")).toHaveCount(n);

  // Each bar's card tells its slack: a critical one has none, a faded one has some days.
  const card = await showCard(page, critical.first(), phone);
  await expect(card.getByTestId("timeline-card-slack")).toHaveText("Critical — no slack");
  await page.keyboard.press("Escape");
  const slackBar = gantt.locator("[data-bar]:not([data-critical])[aria-label*='Slack: ']").first();
  const card2 = await showCard(page, slackBar, phone);
  await expect(card2.getByTestId("timeline-card-slack")).toHaveText(/^\d+ days?$/);
  await snap(page, testInfo, "schedule-11-slack-card", false);

  // Off again: no frames, and the parameter is gone.
  await page.keyboard.press("Escape");
  await page.getByRole("checkbox", { name: "Critical path" }).click();
  await expect(page.getByRole("checkbox", { name: "Critical path" })).not.toBeChecked();
  await expect(page).not.toHaveURL(/[?&]cp=1/);
  await expect(gantt.locator("[data-critical-frame]")).toHaveCount(0);
});

test("item editor: shows the item's slack and whether it is on the critical path", async ({
  page,
}, testInfo) => {
  await openTimeline(page, "?cp=1");
  const gantt = page.getByTestId("gantt");
  const critical = gantt.locator("[data-bar][data-critical]").first();
  const num = await critical.getAttribute("data-bar");
  await critical.focus();
  await page.keyboard.press("Enter");
  const editor = page.getByRole("dialog", { name: `Item #${num}` });
  const info = editor.getByTestId("item-schedule");
  await expect(info).toContainText("Critical — no slack");
  await expect(info).toContainText(/(On the critical path \(step \d+ of \d+\)|Critical): a day late here/);
  await info.scrollIntoViewIfNeeded();
  await snap(page, testInfo, "schedule-20-editor-critical", false);
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();

  const other = gantt.locator("[data-bar]:not([data-critical])[aria-label*='Slack: ']").first();
  const otherNum = await other.getAttribute("data-bar");
  const slack = /Slack: (\d+) days?/.exec((await other.getAttribute("aria-label")) ?? "")?.[1];
  await other.focus();
  await page.keyboard.press("Enter");
  const editor2 = page.getByRole("dialog", { name: `Item #${otherNum}` });
  const info2 = editor2.getByTestId("item-schedule");
  await expect(info2).toContainText(`Slack: ${slack} day`);
  await expect(info2).toContainText("Not on the critical path");
});

test("baselines: the demo's plan of record shows slips on day one, with ghost bars", async ({
  page,
}, testInfo) => {
  await openTimeline(page);
  const select = page.getByRole("combobox", { name: "Compare with" });
  const option = select.locator("option", { hasText: "Plan of record" });
  await select.selectOption((await option.getAttribute("value"))!);
  await expect(page).toHaveURL(/[?&]compare=[0-9a-f-]{36}/);
  const panel = page.getByTestId("compare-panel");
  await expect(panel).toContainText("Compared with “Plan of record”");
  const slipped = panel.getByTestId("compare-slipped").locator("li");
  expect(await slipped.count()).toBeGreaterThan(0);
  // Largest slip first.
  const days = await panel
    .getByTestId("compare-slipped")
    .locator("[data-days]")
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-days"))));
  expect(days).toEqual([...days].sort((a, b) => b - a));
  expect(await page.getByTestId("gantt").locator("[data-ghost]").count()).toBeGreaterThan(5);
  await snap(page, testInfo, "schedule-30-compare", false);
  await panel.scrollIntoViewIfNeeded();
  await snap(page, testInfo, "schedule-31-compare-panel", false);
});

test("baselines: take one, move an item in the editor, compare (slipped by its days, ghost bar), delete", async ({
  page,
}, testInfo) => {
  const { projectId } = await openTimeline(page);
  const start = addDays(today(), 3);
  const finish = addDays(today(), 10);
  const item = await trpc<{ itemNum: number }>(
    page,
    "item.create",
    { projectId, type: "Plan Item", title: `E2E baseline ${unique()}`, start, finish },
    "POST",
  );
  const name = `E2E baseline ${unique()}`;

  // Take a baseline from the Baselines dialog.
  await page.getByRole("button", { name: "Baselines…" }).click();
  const dialog = page.getByRole("dialog", { name: "Baselines" });
  await dialog.getByLabel("Baseline name").fill(name);
  await dialog.getByRole("button", { name: "Take baseline" }).click();
  const row = dialog.locator(`li[data-baseline="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(/Taken \d{1,2} \w{3} \d{4} · \d+ items/);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // Move the item's finish six days later in the editor.
  await page.goto(`${page.url().split("?")[0]}?item=${item.itemNum}`);
  const editor = page.getByRole("dialog", { name: `Item #${item.itemNum}` });
  await editor.getByLabel("Finish", { exact: true }).fill(addDays(finish, 6));
  await editor.getByRole("button", { name: /Save changes/ }).click();
  await expect(editor).toBeHidden();

  // Compare: the item slipped by 6 days, and its ghost bar sits where it was.
  const select = page.getByRole("combobox", { name: "Compare with" });
  await select.selectOption((await select.locator("option", { hasText: name }).getAttribute("value"))!);
  const panel = page.getByTestId("compare-panel");
  await expect(panel).toContainText(`Compared with “${name}”`);
  const entry = panel.getByTestId("compare-slipped").locator(`li[data-item-num="${item.itemNum}"]`);
  await expect(entry).toContainText("+6 days");
  await expect(entry.locator("[data-days]")).toHaveAttribute("data-days", "6");
  const gantt = page.getByTestId("gantt");
  const ghost = gantt.locator(`[data-ghost="${item.itemNum}"]`);
  await expect(ghost).toBeAttached();
  await expect(gantt.locator(`[data-shift="${item.itemNum}"]`)).toHaveText("+6d");
  // The ghost ends six days before the bar (same start).
  const bar = gantt.locator(`[data-bar="${item.itemNum}"]`);
  await bar.scrollIntoViewIfNeeded();
  const [g, b] = [await ghost.boundingBox(), await bar.boundingBox()];
  expect(g && b && Math.abs(g.x - b.x) < 1.5, "ghost and bar start on the same day").toBe(true);
  expect(g && b && b.width - g.width > 5, "the ghost bar is shorter: the finish moved later").toBe(true);
  await snap(page, testInfo, "schedule-32-compare-moved-item", false);
  // The entry opens the item.
  await entry.getByRole("link").click();
  await expect(page.getByRole("dialog", { name: `Item #${item.itemNum}` })).toBeVisible();
  await page.keyboard.press("Escape");

  // Delete it (asked first); comparing stops.
  await page.getByRole("button", { name: "Baselines…" }).click();
  const row2 = dialog.locator(`li[data-baseline="${name}"]`);
  await row2.getByRole("button", { name: `Delete baseline ${name}` }).click();
  await expect(row2.getByRole("group", { name: `Delete baseline ${name}?` })).toBeVisible();
  await row2.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(row2).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page).not.toHaveURL(/[?&]compare=/);
  await expect(page.getByTestId("compare-panel")).toHaveCount(0);
  await expect(select.locator("option", { hasText: name })).toHaveCount(0);
});
