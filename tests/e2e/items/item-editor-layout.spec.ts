/**
 * The item editor as a window: full screen on phones with Save in reach and Back
 * closing it, a dialog over the list on desktop (Escape, Back), the discard guard
 * of New item, Ctrl+Enter, and over-long input refused with a message.
 * Screenshots: tests/e2e/screenshots/editor/<project>-<name>.png.
 */
import { expect, test } from "@playwright/test";
import { unique } from "../support/e2e";
import { shot, trpc, type Item, createItem, editorOf, start, openByLink } from "./editor-support";

test("phones: the editor fills the screen, keeps Save in reach, and Back closes it", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "phone layout only");
  await start(page);
  const first = page.locator("[data-item-row][data-item-num]").first();
  const itemNum = Number(await first.getAttribute("data-item-num"));
  await first.getByRole("button").first().click();
  const editor = editorOf(page, itemNum);
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`item=${itemNum}`));

  // Full screen, not a floating dialog.
  const viewport = page.viewportSize()!;
  const box = (await editor.boundingBox())!;
  expect(box.x).toBe(0);
  expect(box.y).toBe(0);
  expect(box.width).toBeGreaterThanOrEqual(viewport.width - 1);
  expect(box.height).toBeGreaterThanOrEqual(viewport.height - 1);

  // Sticky header (back arrow, title, Save) and footer, also after scrolling down.
  const back = editor.getByRole("button", { name: "Back" });
  const save = editor.getByRole("button", { name: /^Save/ });
  await expect(back).toBeVisible();
  await expect(save).toHaveCount(1);
  await expect(save).toBeVisible();
  await expect(editor.getByRole("button", { name: "Close" })).toBeHidden();
  await shot(page, testInfo, "50-phone-editor");
  await editor.getByRole("heading", { name: /Notes/ }).scrollIntoViewIfNeeded();
  expect((await save.boundingBox())!.y).toBeLessThan(80);
  const cancel = editor.getByRole("button", { name: "Cancel" });
  const cancelBox = (await cancel.boundingBox())!;
  expect(cancelBox.y + cancelBox.height).toBeLessThanOrEqual(viewport.height);
  await shot(page, testInfo, "51-phone-editor-scrolled");

  // The phone's Back button closes the editor and stays on the list.
  await page.goBack();
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);
  await expect(page.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();

  // The back arrow does the same, and leaves no entry behind that would reopen it.
  await first.getByRole("button").first().click();
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  await editor.getByRole("button", { name: "Back" }).click();
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);

  // A deep link opens it full screen too, and Back still lands on the list.
  await page.goto(`${page.url().split("?")[0]}?item=${itemNum}`);
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  await page.goBack();
  await expect(editor).toBeHidden();
  await expect(page.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
});

test("desktop: the editor is a dialog over the list, Escape closes it", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "desktop layout only");
  const { itemsUrl } = await start(page);
  const first = page.locator("[data-item-row][data-item-num]").first();
  const itemNum = Number(await first.getAttribute("data-item-num"));
  const editor = await openByLink(page, itemsUrl, itemNum);
  const box = (await editor.locator(":scope > div").boundingBox())!;
  expect(box.width).toBeLessThan(page.viewportSize()!.width - 200);
  await expect(editor.getByRole("button", { name: "Back" })).toBeHidden();
  await expect(editor.getByRole("button", { name: /^Save/ })).toHaveCount(1);
  await shot(page, testInfo, "60-desktop-editor");
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);
});

test("New item: typed input is never dropped unasked (Escape, Cancel, backdrop / Back); Ctrl+Enter creates", async ({
  page,
}, testInfo) => {
  const phone = testInfo.project.name === "phone";
  const { projectId } = await start(page);
  const title = `E2E keep me ${unique()}`;
  const matching = async () =>
    (await trpc<{ total: number }>(page, "item.list", { projectId, search: title }, "GET")).total;

  await page.getByRole("button", { name: "New item" }).click();
  const create = page.getByRole("dialog", { name: "New item", exact: true });
  const titleBox = create.getByRole("textbox", { name: "Title", exact: true });
  const ask = page.getByRole("dialog", { name: "Discard this new item?" });
  await titleBox.fill(title);

  // Escape asks first; "Keep editing" goes back to the form with the title still there.
  await titleBox.press("Escape");
  await expect(ask).toBeVisible();
  await expect(ask.getByRole("button", { name: "Discard" })).toBeVisible();
  await shot(page, testInfo, "70-discard-new-item");
  await ask.getByRole("button", { name: "Keep editing" }).click();
  await expect(ask).toBeHidden();
  await expect(create).toBeVisible();
  await expect(titleBox).toHaveValue(title);

  // So does Cancel.
  await create.getByRole("button", { name: "Cancel" }).click();
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Keep editing" }).click();
  await expect(titleBox).toHaveValue(title);

  if (phone) {
    // The phone's Back button asks as well (and the form keeps its own Back entry).
    await page.goBack();
    await expect(ask).toBeVisible();
    await ask.getByRole("button", { name: "Keep editing" }).click();
    await expect(titleBox).toHaveValue(title);
  } else {
    // A press on the backdrop asks as well.
    await page.mouse.click(5, 5);
    await expect(ask).toBeVisible();
    await ask.getByRole("button", { name: "Keep editing" }).click();
    await expect(titleBox).toHaveValue(title);
  }

  // "Discard" closes it, and nothing was created.
  await create.getByRole("button", { name: "Cancel" }).click();
  await ask.getByRole("button", { name: "Discard" }).click();
  await expect(ask).toBeHidden();
  await expect(create).toBeHidden();
  expect(await matching()).toBe(0);

  // With nothing typed there is nothing to lose: Escape just closes.
  await page.getByRole("button", { name: "New item" }).click();
  await expect(titleBox).toBeVisible();
  await titleBox.press("Escape");
  await expect(create).toBeHidden();
  await expect(ask).toBeHidden();

  // Ctrl+Enter creates the item, without asking.
  await page.getByRole("button", { name: "New item" }).click();
  await create.getByRole("combobox", { name: "Type", exact: true }).selectOption("Action Item");
  await titleBox.fill(title);
  await titleBox.press("Control+Enter");
  await expect(create).toBeHidden();
  await expect(ask).toBeHidden();
  const toast = page.getByRole("status").filter({ hasText: /Item #\d+ created/ });
  await expect(toast).toBeVisible();
  expect(await matching()).toBe(1);
  const itemNum = Number(/Item #(\d+) created/.exec((await toast.textContent()) ?? "")?.[1]);
  await trpc(page, "item.delete", { projectId, itemNum }, "POST");
});

test("the editor: Ctrl+Enter saves; an over-long title gets a message instead of being cut", async ({
  page,
}) => {
  const { projectId, itemsUrl } = await start(page);
  const item = await createItem(page, projectId, `E2E shortcut ${unique()}`);
  const editor = await openByLink(page, itemsUrl, item.itemNum);
  const title = editor.getByRole("textbox", { name: "Title", exact: true });

  // Pasting 501 characters keeps all of them and says what is wrong.
  await title.fill("x".repeat(501));
  await expect(title).toHaveValue("x".repeat(501));
  await title.press("Control+Enter");
  await expect(title).toHaveAccessibleDescription("Use at most 500 characters");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  const stored = await trpc<Item>(page, "item.get", { projectId, itemNum: item.itemNum }, "GET");
  expect(stored.version).toBe(item.version);

  await title.fill(`${item.title} (saved by keyboard)`);
  await title.press("Control+Enter");
  await expect(editor).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Saved item #${item.itemNum}` })).toBeVisible();
  const saved = await trpc<Item>(page, "item.get", { projectId, itemNum: item.itemNum }, "GET");
  expect(saved.title).toBe(`${item.title} (saved by keyboard)`);
  await trpc(page, "item.delete", { projectId, itemNum: item.itemNum }, "POST");
});

test("desktop: Back closes an item opened from All items, and undoes a filter", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "desktop history only (phones: see the phone test)");
  await start(page);
  const heading = page.getByRole("heading", { name: "All items", level: 1 });
  const first = page.locator("[data-item-row][data-item-num]").first();
  const itemNum = Number(await first.getAttribute("data-item-num"));
  const editor = editorOf(page, itemNum);
  const titleBox = editor.getByRole("textbox", { name: "Title", exact: true });

  await first.getByRole("button").first().click();
  await expect(titleBox).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`item=${itemNum}`));
  await page.goBack();
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);
  await expect(heading).toBeVisible();
  await expect(first).toBeVisible();

  // A filter is a step too: Back restores the previous filters.
  await page.getByRole("button", { name: "Critical only" }).click();
  await expect(page).toHaveURL(/critical=1/);
  await expect(page.getByRole("button", { name: "Critical only" })).toHaveAttribute("aria-pressed", "true");
  await page.goBack();
  await expect(page).not.toHaveURL(/critical=1/);
  await expect(page.getByRole("button", { name: "Critical only" })).toHaveAttribute("aria-pressed", "false");
  await expect(heading).toBeVisible();

  // Closing from inside leaves no entry behind that would reopen it on Back.
  await first.getByRole("button").first().click();
  await expect(titleBox).toBeVisible();
  await editor.getByRole("button", { name: "Cancel" }).click();
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);
  await page.goBack();
  await expect(page).not.toHaveURL(/item=/);
  await expect(editor).toBeHidden();
});
