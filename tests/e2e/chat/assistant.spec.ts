/**
 * The project assistant without an API key: "Ask AI" opens the drawer, a
 * question gets an Offline mode answer citing items as #N, and a citation
 * opens the item editor.
 */
import { expect, test } from "@playwright/test";
import { snap } from "../helpers";
import { openDemoAsOwner, skipTourWhenShown } from "../support/e2e";

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

test("Ask AI answers 'what is overdue?' offline with #N links that open the item", async ({
  page,
}, testInfo) => {
  await openDemoAsOwner(page);

  const askAi = page.getByRole("button", { name: "Ask AI" });
  await expect(askAi).toBeVisible();
  await askAi.click();
  const input = page.getByRole("textbox", { name: "Ask about this project" });
  const drawer = page.getByRole("dialog").filter({ has: input });
  await expect(drawer).toBeVisible();
  await expect(askAi).toBeHidden();
  await expect(drawer.getByText("Offline mode").first()).toBeVisible();
  await snap(page, testInfo, "80-assistant-open", false);

  await input.fill("what is overdue?");
  await input.press("Enter");
  const conversation = drawer.getByLabel("Conversation", { exact: true });
  await expect(conversation.getByText("what is overdue?", { exact: true }).first()).toBeVisible();
  const citations = conversation.getByRole("button", { name: /^Open item \d+$/ });
  await expect(citations.first()).toBeVisible({ timeout: 30_000 });
  await expect(conversation).toContainText(/Offline mode/);
  await expect(conversation).toContainText(/overdue|late/i);
  await expect(drawer.getByRole("button", { name: "Stop the answer" })).toHaveCount(0, { timeout: 30_000 });
  await snap(page, testInfo, "81-assistant-answer", false);

  const first = citations.first();
  const label = (await first.getAttribute("aria-label"))!;
  const num = Number(/\d+/.exec(label)![0]);
  await expect(first).toHaveText(`#${num}`);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`[?&]item=${num}(&|$)`));
  const editor = page.getByRole("dialog", { name: `Item #${num}` });
  await expect(editor).toBeVisible();
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).not.toHaveValue("");
  await snap(page, testInfo, "82-assistant-opened-item", false);
});
