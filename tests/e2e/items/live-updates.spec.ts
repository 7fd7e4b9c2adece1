/**
 * Live updates between two browsers: an edit made in one shows up in the
 * other without a reload (project.onChange, a tRPC subscription over
 * Server-Sent Events). Both contexts keep the service worker, as users do.
 */
import { expect, test, type Page } from "@playwright/test";
import { demoLogin, signIn } from "../helpers";
import { openDemoAsOwner, skipTourWhenShown } from "../support/e2e";

const rows = (page: Page) => page.locator("[data-item-row][data-item-num]");

/** Opens the project's items filtered to one item, and waits until its live-updates stream is open. */
async function openLive(page: Page, projectId: string, itemNum: number) {
  const stream = page.waitForResponse((r) => r.url().includes("/api/trpc/project.onChange"));
  await page.goto(`/o/${demoLogin().org}/p/${projectId}?q=%23${itemNum}`);
  await expect(page.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
  await expect(page.locator(`[data-item-row][data-item-num="${itemNum}"]`)).toBeVisible();
  const res = await stream;
  expect(res.headers()["content-type"]).toContain("text/event-stream");
}

test("an edit in one browser shows up in another without a reload", async ({ page, browser }, testInfo) => {
  await skipTourWhenShown(page);
  const projectId = await openDemoAsOwner(page);
  const itemNum = Number(await rows(page).first().getAttribute("data-item-num"));

  // A second browser (its own cookies and service worker), same project.
  const { baseURL, viewport, isMobile, hasTouch } = testInfo.project.use;
  const other = await browser.newContext({ baseURL, viewport, isMobile, hasTouch });
  const watcher = await other.newPage();
  try {
    await skipTourWhenShown(watcher);
    await signIn(watcher);
    await openLive(watcher, projectId, itemNum);
    await openLive(page, projectId, itemNum);
    // Anything that reloads the page would drop this marker.
    await watcher.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));

    const percent = watcher.locator(`[data-item-row][data-item-num="${itemNum}"]`).getByTestId("percent");
    const before = Number((await percent.textContent())?.replace("%", ""));
    const target = before === 65 ? 35 : 65;

    // The edit, in the first browser.
    const row = page.locator(`[data-item-row][data-item-num="${itemNum}"]`);
    if (testInfo.project.name === "phone") {
      // A phone's card opens the editor (no quick edits in the card list).
      await row.getByRole("button").first().click();
      const editor = page.getByRole("dialog", { name: `Item #${itemNum}` });
      await editor.getByRole("spinbutton", { name: "% complete", exact: true }).fill(String(target));
      await editor.getByRole("spinbutton", { name: "% complete", exact: true }).press("Control+Enter");
    } else {
      await row.getByRole("button", { name: new RegExp(`^Change progress of #${itemNum}`) }).click();
      const panel = page.getByRole("dialog", { name: /Progress/ });
      await panel.getByRole("spinbutton", { name: "% complete" }).fill(String(target));
      await panel.getByRole("spinbutton", { name: "% complete" }).press("Enter");
    }
    await expect(page.getByRole("status").filter({ hasText: `Saved item #${itemNum}` })).toBeVisible();

    // The second browser follows, well within the product's 30 s, on the same document.
    await expect(percent).toHaveText(`${target}%`, { timeout: 10_000 });
    expect(
      await watcher.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  } finally {
    await other.close();
  }
});
