/**
 * Offline edits (SPEC §14, issue #18 part 7): an item edit, a note and a new
 * item made with no network are queued on the device and counted in the
 * offline banner ("3 pending"); they survive a reload (the page comes from the
 * service worker's cache); when the network returns they are sent in order
 * through the normal mutations and the server has them. An offline edit of an
 * item someone else changed meanwhile opens the conflict view.
 */
import { expect, test, type Page } from "@playwright/test";
import { itemRows, openDemoProject, signIn } from "../helpers";
import { skipTourWhenShown, unique } from "../support/e2e";
import { reportOfflineLikeADevice, setNetwork, trpcMutation, trpcQuery, waitForServiceWorker } from "./net";

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

type Item = { itemNum: number; title: string; version: number; notes: { content: string }[] };

async function start(page: Page) {
  await signIn(page);
  await openDemoProject(page);
  await waitForServiceWorker(page);
  const [itemsUrl, orgSlug, projectId] = /\/o\/([^/]+)\/p\/([0-9a-f-]{36})/.exec(page.url())!;
  // Once more under the service worker, so the items page is on the device for the offline reload.
  await page.goto(itemsUrl!);
  await expect(itemRows(page).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  const nums = await itemRows(page).evaluateAll((rows) =>
    rows.map((r) => Number(r.getAttribute("data-item-num"))),
  );
  return { itemsUrl: itemsUrl!, scope: { orgSlug: orgSlug!, projectId: projectId! }, nums };
}

async function openEditor(page: Page, itemsUrl: string, itemNum: number) {
  await page.goto(`${itemsUrl}?item=${itemNum}`);
  const editor = page.getByRole("dialog", { name: `Item #${itemNum}` });
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  return editor;
}

test("offline: an edit, a note and a new item are queued, survive a reload and are sent when online", async ({
  page,
  context,
}) => {
  await reportOfflineLikeADevice(context);
  const { itemsUrl, scope, nums } = await start(page);
  const itemNum = nums[0]!;
  const before = await trpcQuery<Item>(page.request, "item.get", { ...scope, itemNum });
  const tag = unique();
  const newTitle = `${before.title} (offline ${tag})`;
  const noteText = `Offline note ${tag}`;
  const created = `E2E offline item ${tag}`;

  const editor = await openEditor(page, itemsUrl, itemNum);
  await setNetwork(context, page, false);
  try {
    // A note: kept on the device, listed as pending under the form.
    await editor.getByRole("textbox", { name: "Add a note" }).fill(noteText);
    await editor.getByRole("button", { name: "Add note" }).click();
    await expect(editor.getByRole("list", { name: "Notes waiting to be sent" })).toContainText(noteText);

    // The title: Save keeps the edit on the device and closes the editor.
    await editor.getByRole("textbox", { name: "Title", exact: true }).fill(newTitle);
    await editor.getByRole("button", { name: /^Save changes/ }).click();
    await expect(editor).toBeHidden();

    // Until it is sent, the list shows the edit marked "Not sent", and the editor opens on it.
    const row = page.locator(`[data-item-num="${itemNum}"]`);
    await expect(row).toContainText(newTitle);
    await expect(row).toContainText("Not sent");
    await row.getByText(newTitle).click();
    const reopened = page.getByRole("dialog", { name: `Item #${itemNum}` });
    await expect(reopened.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(newTitle);
    await expect(reopened).toContainText("Not sent");
    await page.keyboard.press("Escape");
    await expect(reopened).toBeHidden();

    // A new item.
    await page.getByRole("button", { name: "New item" }).first().click();
    const create = page.getByRole("dialog", { name: "New item", exact: true });
    await create.getByRole("combobox", { name: "Type", exact: true }).selectOption("Action Item");
    await create.getByRole("textbox", { name: "Title", exact: true }).fill(created);
    await create.getByRole("button", { name: "Create item" }).click();
    await expect(create).toBeHidden();

    const banner = page.getByTestId("offline-banner");
    await expect(banner.getByTestId("pending-changes")).toHaveText(/3 pending/);

    // Reload with no network: the page comes from the service worker, the queue from IndexedDB.
    await page.goto(itemsUrl);
    await expect(page.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
    await expect(banner.getByTestId("pending-changes")).toHaveText(/3 pending/);
    await banner.getByTestId("pending-changes").click();
    const list = page.getByRole("dialog", { name: "Changes on this device" });
    await expect(list.getByRole("listitem")).toHaveCount(3);
    await expect(list).toContainText(`Note on #${itemNum}`);
    await expect(list).toContainText(`Edit #${itemNum}: title`);
    await expect(list).toContainText(created);
    await page.keyboard.press("Escape");
    await expect(list).toBeHidden();

    // Signing out now would lose them: the app asks first; "Stay signed in" keeps every one.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    const ask = page.getByRole("dialog", { name: "Sign out with unsent changes?" });
    await expect(ask).toContainText("3 changes you made offline are still on this device");
    await expect(ask.getByRole("listitem")).toHaveCount(3);
    await ask.getByRole("button", { name: "Stay signed in" }).click();
    await expect(ask).toBeHidden();
    await expect(banner.getByTestId("pending-changes")).toHaveText(/3 pending/);
  } finally {
    await setNetwork(context, page, true);
  }

  // Back online: sent in order, the count goes to nothing.
  await expect(page.getByTestId("pending-changes")).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId("offline-banner")).toBeHidden();

  // The row keeps the new title, now saved: no longer marked.
  const row = page.locator(`[data-item-num="${itemNum}"]`);
  await expect(row).toContainText(newTitle);
  await expect(row).not.toContainText("Not sent");

  // The server has all three (a fresh page reads them).
  const after = await trpcQuery<Item>(page.request, "item.get", { ...scope, itemNum });
  expect(after.title).toBe(newTitle);
  expect(after.notes.map((n) => n.content)).toContain(noteText);
  const found = await trpcQuery<{ items: { itemNum: number; title: string }[] }>(page.request, "item.list", {
    ...scope,
    search: created,
  });
  expect(found.items.map((i) => i.title)).toEqual([created]);
  expect(found.items[0]!.itemNum).toBeGreaterThan(0);
  const fresh = await context.newPage();
  await fresh.goto(`${itemsUrl}?item=${itemNum}`);
  await expect(
    fresh
      .getByRole("dialog", { name: `Item #${itemNum}` })
      .getByRole("textbox", { name: "Title", exact: true }),
  ).toHaveValue(newTitle);
  await fresh.close();

  // Put the demo title back for the specs that follow.
  await trpcMutation(page.request, "item.update", {
    ...scope,
    itemNum,
    version: after.version,
    title: before.title,
  });
});

test("offline: an edit of an item changed meanwhile on the server opens the conflict view", async ({
  page,
  context,
}) => {
  await reportOfflineLikeADevice(context);
  const { itemsUrl, scope, nums } = await start(page);
  const itemNum = nums[1]!;
  const before = await trpcQuery<Item>(page.request, "item.get", { ...scope, itemNum });
  const tag = unique();

  const editor = await openEditor(page, itemsUrl, itemNum);
  await setNetwork(context, page, false);
  try {
    await editor.getByRole("textbox", { name: "Title", exact: true }).fill(`Mine ${tag}`);
    await editor.getByRole("button", { name: /^Save changes/ }).click();
    await expect(editor).toBeHidden();
    await expect(page.getByTestId("offline-banner").getByTestId("pending-changes")).toHaveText(/1 pending/);
    // Meanwhile someone else renames it on the server.
    await trpcMutation(page.request, "item.update", {
      ...scope,
      itemNum,
      version: before.version,
      title: `Theirs ${tag}`,
    });
  } finally {
    await setNetwork(context, page, true);
  }

  // Back online: the send meets the newer version; the editor opens on the conflict view.
  const alert = page.getByRole("dialog", { name: `Item #${itemNum}` }).getByRole("alert");
  await expect(alert).toContainText("Someone else saved this item while you were editing.");
  await expect(
    page
      .getByRole("dialog", { name: `Item #${itemNum}` })
      .getByRole("textbox", { name: "Title", exact: true }),
  ).toHaveValue(`Mine ${tag}`);
  await alert.getByRole("button", { name: "Reload with their values" }).click();
  await expect(alert).toBeHidden();
  await expect(page.getByTestId("pending-changes")).toBeHidden();
  expect((await trpcQuery<Item>(page.request, "item.get", { ...scope, itemNum })).title).toBe(
    `Theirs ${tag}`,
  );

  const now = await trpcQuery<Item>(page.request, "item.get", { ...scope, itemNum });
  await trpcMutation(page.request, "item.update", {
    ...scope,
    itemNum,
    version: now.version,
    title: before.title,
  });
});
