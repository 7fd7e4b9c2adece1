/**
 * The item editor's fields beyond what first-visit.spec.ts covers (create, edit,
 * delete, conflict): field-level validation with nothing saved, the % complete
 * slider and number kept in sync with the indicator preview, the dependency
 * picker (add, named cycle refused, remove), the assignee picker, notes, dates.
 * Screenshots: tests/e2e/screenshots/editor/<project>-<name>.png.
 */
import { expect, test } from "@playwright/test";
import { unique } from "../support/e2e";
import { shot, trpc, type Item, createItem, start, openByLink } from "./editor-support";

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
