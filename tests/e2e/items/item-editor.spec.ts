/**
 * The item editor beyond what first-visit.spec.ts covers (create, edit, delete,
 * conflict): field-level validation with nothing saved, the % complete slider
 * and number kept in sync with the indicator preview, the dependency picker
 * (add, named cycle refused, remove), deep links, and on phones a full-screen
 * editor that the Back button closes.
 * Screenshots: tests/e2e/screenshots/editor/<project>-<name>.png.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { demoLogin, openDemoProject, signIn } from "../helpers";
import { projectIdOf, skipTourWhenShown, unique } from "../support/e2e";

const SHOTS = path.join(import.meta.dirname, "..", "screenshots", "editor");

async function shot(page: Page, testInfo: TestInfo, name: string) {
  if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300); // toasts and focus rings settle
  await page.screenshot({ path: path.join(SHOTS, `${testInfo.project.name}-${name}.png`) });
}

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

type Item = { itemNum: number; title: string; version: number; percentComplete: number };

async function createItem(page: Page, projectId: string, title: string): Promise<Item> {
  return trpc<Item>(page, "item.create", { projectId, type: "Action Item", title }, "POST");
}

const editorOf = (page: Page, itemNum: number) => page.getByRole("dialog", { name: `Item #${itemNum}` });

/** Signs in, opens the demo project and returns its id and the All items URL. */
async function start(page: Page) {
  await skipTourWhenShown(page);
  await signIn(page);
  await openDemoProject(page);
  return { projectId: projectIdOf(page), itemsUrl: page.url().split("?")[0]! };
}

/** Opens an item through a deep link (?item=N) and waits for its form. */
async function openByLink(page: Page, itemsUrl: string, itemNum: number) {
  await page.goto(`${itemsUrl}?item=${itemNum}`);
  const editor = editorOf(page, itemNum);
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  return editor;
}

test("a bad value gets a message under its field, focus goes there, and nothing is saved", async ({
  page,
}, testInfo) => {
  const { projectId, itemsUrl } = await start(page);
  const item = await createItem(page, projectId, `E2E validation ${unique()}`);
  const editor = await openByLink(page, itemsUrl, item.itemNum);

  const title = editor.getByRole("textbox", { name: "Title", exact: true });
  const pct = editor.getByRole("spinbutton", { name: "% complete", exact: true });
  await title.fill("");
  await pct.fill("150");
  await editor.getByRole("button", { name: /Save changes \(2\)/ }).click();

  // Each message sits under its own field, tied to it for screen readers, and focus goes to the first.
  await expect(editor.getByText("Enter a title")).toBeVisible();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("Enter a title");
  await expect(title).toBeFocused();
  await expect(pct).toHaveAttribute("aria-invalid", "true");
  await expect(pct).toHaveAccessibleDescription("Use 0–100");
  await expect(
    editor.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." }),
  ).toBeVisible();
  await shot(page, testInfo, "10-validation");

  // Nothing reached the server.
  const stored = await trpc<Item>(page, "item.get", { projectId, itemNum: item.itemNum }, "GET");
  expect(stored).toMatchObject({ title: item.title, version: item.version, percentComplete: 0 });

  // Fixing a field clears its message as you type.
  await title.fill(`${item.title} (fixed)`);
  await expect(editor.getByText("Enter a title")).toBeHidden();
  await expect(title).not.toHaveAttribute("aria-invalid", "true");

  // Leaving with unsaved edits asks first.
  await editor.getByRole("button", { name: "Cancel" }).click();
  const ask = page.getByRole("dialog", { name: "Discard your unsaved changes?" });
  await ask.getByRole("button", { name: "Discard" }).click();
  await expect(ask).toBeHidden();
  await expect(editor).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);
  await trpc(page, "item.delete", { projectId, itemNum: item.itemNum }, "POST");
});

test("% complete: the slider and the number follow each other; the indicator preview follows both", async ({
  page,
}, testInfo) => {
  const { projectId, itemsUrl } = await start(page);
  const item = await createItem(page, projectId, `E2E progress ${unique()}`);
  const editor = await openByLink(page, itemsUrl, item.itemNum);
  const slider = editor.getByRole("slider", { name: "% complete slider" });
  const number = editor.getByRole("spinbutton", { name: "% complete", exact: true });
  const preview = editor.getByTestId("indicator-preview");

  await expect(slider).toHaveValue("0");
  await expect(number).toHaveValue("0");
  await expect(preview).toContainText("No indicator");

  await slider.fill("70");
  await expect(number).toHaveValue("70");
  await expect(preview).toContainText("In Progress");

  await number.fill("35");
  await expect(slider).toHaveValue("35");
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(number).toHaveValue("36");

  await number.fill("100");
  await expect(slider).toHaveValue("100");
  await expect(preview).toContainText("Completed");
  await editor.getByLabel("Finish", { exact: true }).fill("2020-01-15");
  await expect(preview).toContainText("Completed");
  await slider.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await shot(page, testInfo, "20-progress");

  await number.fill("60");
  await editor.getByRole("button", { name: /Save changes \(2\)/ }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Saved item #${item.itemNum}` })).toBeVisible();
  const stored = await trpc<Item & { finish: string; indicator: string }>(
    page,
    "item.get",
    { projectId, itemNum: item.itemNum },
    "GET",
  );
  expect(stored).toMatchObject({ percentComplete: 60, finish: "2020-01-15", indicator: "Late Finish!!" });

  // The item's History tells who changed what, by field label, before → after.
  const again = await openByLink(page, itemsUrl, item.itemNum);
  await again.getByRole("button", { name: "History" }).click();
  const entries = again
    .getByRole("list", { name: `History of #${item.itemNum}` })
    .getByTestId("history-entry");
  await expect(entries.first()).toContainText("changed 3 fields");
  await expect(entries.first()).toContainText(/% complete\s*0\s*→?\s*(changed to)?\s*60/);
  await expect(entries.first()).toContainText("Finish");
  await expect(entries.last()).toContainText("created the item");
  await shot(page, testInfo, "21-history");
  await again
    .getByRole("button", { name: "Close" })
    .or(again.getByRole("button", { name: "Cancel" }))
    .first()
    .click();
  await trpc(page, "item.delete", { projectId, itemNum: item.itemNum }, "POST");
});

test("dependencies: add one, a cycle is refused and named, remove it again", async ({ page }, testInfo) => {
  test.slow(); // three editor openings and six saves on a shared two-core machine
  const { projectId, itemsUrl } = await start(page);
  const tag = unique();
  const a = await createItem(page, projectId, `E2E predecessor A ${tag}`);
  const b = await createItem(page, projectId, `E2E successor B ${tag}`);

  // B depends on A.
  let editor = await openByLink(page, itemsUrl, b.itemNum);
  const deps = editor.getByRole("region", { name: "Dependencies" });
  await expect(deps).toContainText("Nothing: this item can start on its own.");
  const picker = editor.getByRole("combobox", { name: "Add a dependency" });
  await picker.fill(`#${a.itemNum}`);
  await expect(editor.getByRole("listbox")).toBeVisible();
  await editor.getByRole("option", { name: new RegExp(`#${a.itemNum} .*${tag}`) }).click();
  await expect(page.getByRole("status").filter({ hasText: `now depends on #${a.itemNum}` })).toBeVisible();
  await expect(deps.getByRole("listitem").filter({ hasText: a.title })).toBeVisible();
  await expect(picker).toHaveValue("");
  await shot(page, testInfo, "30-dependency-added");
  await editor.getByRole("button", { name: "Cancel" }).click();
  await expect(editor).toBeHidden();

  // A depending on B would close a cycle: refused, with the cycle named.
  editor = await openByLink(page, itemsUrl, a.itemNum);
  await expect(editor.getByRole("region", { name: "Dependencies" })).toContainText(b.title); // Blocks
  const pickerA = editor.getByRole("combobox", { name: "Add a dependency" });
  await pickerA.fill(tag);
  const optionB = editor.getByRole("option", { name: new RegExp(`#${b.itemNum} `) });
  await expect(optionB).toBeVisible();
  // Keyboard: arrow to the option, Enter picks it (and does not submit the item form).
  await pickerA.press("ArrowDown");
  const active = await pickerA.getAttribute("aria-activedescendant");
  if (!active?.endsWith(`-${b.itemNum}`)) await pickerA.press("ArrowDown");
  await pickerA.press("Enter");
  const error = editor.getByRole("alert").filter({ hasText: /cycle/i });
  await expect(error).toBeVisible();
  await expect(error).toContainText(`#${a.itemNum}`);
  await expect(error).toContainText(`#${b.itemNum}`);
  await expect(pickerA).toHaveAttribute("aria-invalid", "true");
  await expect(editor).toBeVisible();
  await expect(pickerA).toBeFocused();
  await error.scrollIntoViewIfNeeded();
  await shot(page, testInfo, "31-dependency-cycle");
  const storedA = await trpc<{ dependsOn: unknown[] }>(
    page,
    "item.get",
    { projectId, itemNum: a.itemNum },
    "GET",
  );
  expect(storedA.dependsOn).toEqual([]);
  await editor.getByRole("button", { name: "Cancel" }).click();
  await expect(editor).toBeHidden();

  // Remove B's dependency on A.
  editor = await openByLink(page, itemsUrl, b.itemNum);
  await editor.getByRole("button", { name: `Remove dependency on #${a.itemNum}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `no longer depends on #${a.itemNum}` }),
  ).toBeVisible();
  await expect(editor.getByRole("region", { name: "Dependencies" })).toContainText(
    "Nothing: this item can start on its own.",
  );
  const storedB = await trpc<{ dependsOn: unknown[] }>(
    page,
    "item.get",
    { projectId, itemNum: b.itemNum },
    "GET",
  );
  expect(storedB.dependsOn).toEqual([]);
  await editor.getByRole("button", { name: "Cancel" }).click();

  for (const it of [a, b]) await trpc(page, "item.delete", { projectId, itemNum: it.itemNum }, "POST");
});

test("assignee: the field offers the org's members, says who is linked, and saves the link", async ({
  page,
}, testInfo) => {
  const { projectId, itemsUrl } = await start(page);
  const item = await createItem(page, projectId, `E2E assignee ${unique()}`);
  const [me] = await trpc<{ id: string; name: string; email: string }[]>(page, "org.members", {}, "GET");
  const editor = await openByLink(page, itemsUrl, item.itemNum);
  const field = editor.getByRole("combobox", { name: "Assigned to", exact: true });

  // The picker lists members with their e-mail addresses.
  await expect(editor.locator(`datalist option[value="${me!.name}"]`)).toHaveAttribute(
    "label",
    `${me!.name} · ${me!.email}`,
  );

  // A member's name links them; the hint says so.
  await field.fill(me!.name);
  await expect(field).toHaveAccessibleDescription(
    `Member: ${me!.name} (${me!.email}) — they can edit this item.`,
  );
  await shot(page, testInfo, "assignee-member");
  await editor.getByRole("button", { name: /Save changes/ }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved item #${item.itemNum}` })).toBeVisible();
  const linked = await trpc<{ assignedTo: string; assignedToUserId: string | null }>(
    page,
    "item.get",
    { projectId, itemNum: item.itemNum },
    "GET",
  );
  expect(linked).toMatchObject({ assignedTo: me!.name, assignedToUserId: me!.id });

  // Anyone else's name stays text, linked to nobody.
  const again = await openByLink(page, itemsUrl, item.itemNum);
  const field2 = again.getByRole("combobox", { name: "Assigned to", exact: true });
  await field2.fill("Vendor PM");
  await expect(field2).toHaveAccessibleDescription("Not a member of this organization: kept as text.");
  await again.getByRole("button", { name: /Save changes/ }).click();
  await expect(again).toBeHidden();
  const text = await trpc<{ assignedTo: string; assignedToUserId: string | null }>(
    page,
    "item.get",
    { projectId, itemNum: item.itemNum },
    "GET",
  );
  expect(text).toMatchObject({ assignedTo: "Vendor PM", assignedToUserId: null });
});

test("notes: markup shows as text, only http(s) links are clickable", async ({ page }, testInfo) => {
  const { projectId, itemsUrl } = await start(page);
  const item = await createItem(page, projectId, `E2E <b>notes</b> ${unique()}`);
  const editor = await openByLink(page, itemsUrl, item.itemNum);
  const note = `See https://example.com/spec?a=1 <img src=x onerror="window.__pwned=1"> javascript:alert(1)`;
  await editor.getByRole("textbox", { name: "Add a note" }).fill(note);
  await editor.getByRole("button", { name: "Add note" }).click();
  const notes = editor.getByRole("list", { name: "Notes, newest first" });
  await expect(notes).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(notes.locator("img")).toHaveCount(0);
  const links = notes.getByRole("link");
  await expect(links).toHaveCount(1);
  await expect(links).toHaveAttribute("href", "https://example.com/spec?a=1");
  await expect(links).toHaveAttribute("rel", /noopener/);
  await expect(links).toHaveAttribute("rel", /noreferrer/);
  // The title is shown as text too.
  await expect(editor.getByText(item.title).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await shot(page, testInfo, "40-notes");
  await editor.getByRole("button", { name: "Cancel" }).click();
  await trpc(page, "item.delete", { projectId, itemNum: item.itemNum }, "POST");
});

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

test("dates: a deadline before the start is flagged; duration is shown from the dates when not set", async ({
  page,
}) => {
  const { projectId, itemsUrl } = await start(page);
  const item = await createItem(page, projectId, `E2E dates ${unique()}`);
  const editor = await openByLink(page, itemsUrl, item.itemNum);
  const deadline = editor.getByLabel("Deadline", { exact: true });
  await editor.getByLabel("Start", { exact: true }).fill("2026-12-04"); // a Friday
  await editor.getByLabel("Finish", { exact: true }).fill("2026-12-09"); // the Wednesday after
  await expect(editor.getByLabel("Duration", { exact: true })).toHaveAccessibleDescription(
    /from the dates: 4/,
  );
  await deadline.fill("2026-12-01");
  await expect(deadline).toHaveAccessibleDescription(/deadline is before the start/);
  await deadline.fill("2026-12-10");
  await expect(deadline).not.toHaveAccessibleDescription(/before the start/);
  await editor.getByRole("button", { name: "Cancel" }).click();
  await page
    .getByRole("dialog", { name: "Discard your unsaved changes?" })
    .getByRole("button", { name: "Discard" })
    .click();
  await trpc(page, "item.delete", { projectId, itemNum: item.itemNum }, "POST");
});
