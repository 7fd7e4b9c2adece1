/**
 * Drafting from notes without an API key (SPEC §14): "Paste meeting notes…"
 * in the ⌘K palette opens the assistant drawer in "Draft from notes"; the
 * offline reader proposes; the user edits one proposal, leaves one out and
 * applies the rest; the created items are linked and open in the editor.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { snap } from "../helpers";
import { openDemoAsOwner, skipTourWhenShown } from "../support/e2e";

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

const NOTES = [
  "Steering group, weekly",
  "We talked about the supplier; nobody is happy.",
  "- Risk: E2E supplier may miss the steel window",
  "- Action: E2E send the revised plan @Jane Doe by 2031-03-20",
  "- Decision: E2E use the backup supplier",
  "- #1: E2E supplier confirmed the slip",
  "Next meeting Thursday.",
].join("\n");

test("paste notes → propose → edit → apply selected → created items are linked", async ({
  page,
}, testInfo) => {
  await openDemoAsOwner(page);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await palette.getByRole("combobox").fill("paste");
  await palette.getByRole("option", { name: /Paste meeting notes/ }).click();

  const notes = page.getByRole("textbox", { name: "Paste meeting notes or an e-mail" });
  await expect(notes).toBeVisible();
  const drawer = page.getByRole("dialog", { name: "Draft from notes" });
  await notes.fill(NOTES);
  await snap(page, testInfo, "83-notes-pasted", false);
  await drawer.getByRole("button", { name: "Propose" }).click();

  const list = drawer.getByRole("list", { name: "Proposals" });
  await expect(drawer.getByRole("heading", { name: "4 proposals" })).toBeVisible();
  const rows = list.locator(":scope > li");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0).getByRole("combobox", { name: "Type" })).toHaveValue("Risk");
  await expect(rows.nth(0).getByRole("textbox", { name: "Title" })).toHaveValue(
    "E2E supplier may miss the steel window",
  );
  await expect(rows.nth(1).getByRole("combobox", { name: "Type" })).toHaveValue("Action Item");
  await expect(rows.nth(1).getByRole("textbox", { name: "Assigned to" })).toHaveValue("Jane Doe");
  await expect(rows.nth(1).getByLabel("Finish")).toHaveValue("2031-03-20");
  await expect(rows.nth(3)).toContainText("Note on #1");

  // Edit one, leave the decision out.
  await rows.nth(0).getByRole("textbox", { name: "Title" }).fill("E2E steel window risk");
  await rows.nth(2).getByRole("checkbox").uncheck();
  await snap(page, testInfo, "84-notes-proposals", false);
  await drawer.getByRole("button", { name: "Apply selected (3)" }).click();

  const done = drawer.getByRole("status").filter({ hasText: "Applied." });
  await expect(done).toBeVisible();
  await expect(done).toContainText("1 note added");
  const links = done.getByRole("button", { name: /^#\d+$/ });
  await expect(links).toHaveCount(2);
  await snap(page, testInfo, "85-notes-applied", false);

  const num = Number((await links.first().textContent())!.slice(1));
  await links.first().click();
  await expect(page).toHaveURL(new RegExp(`[?&]item=${num}(&|$)`));
  const editor = page.getByRole("dialog", { name: `Item #${num}` });
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(
    "E2E steel window risk",
  );

  // The weekly status report from the export menu names this week's new items.
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();
  await drawer.getByRole("button", { name: "Close the assistant" }).click();
  const trigger = page.getByRole("button", { name: /^Export/ }).first();
  if (testInfo.project.name === "desktop") {
    await trigger.click();
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: /Weekly status report/ }).click();
    const report = readFileSync((await (await downloading).path())!, "utf8");
    expect(report).toContain("# Weekly status report — Harbor Bridge Upgrade");
    expect(report).toContain("E2E steel window risk");
  }
});
