/**
 * The ⌘K / Ctrl+K command palette on every signed-in page (issue #18 part 6):
 * opened from the keyboard or the header button (phones), jump to a project,
 * global search opens an item, "#N" opens the item editor, New item, switch
 * theme, Esc gives focus back — keyboard only, and axe finds nothing in it.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { demoLogin, signIn } from "../helpers";
import { skipTourWhenShown } from "../support/e2e";

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(res.ok(), `${path}: ${res.status()}`).toBeTruthy();
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

const paletteOf = (page: Page) => page.getByRole("dialog", { name: "Command palette" });

/** Presses ↓ until the highlighted option's text matches, then Enter. Keyboard only. */
async function chooseByKeyboard(page: Page, name: RegExp | string) {
  const palette = paletteOf(page);
  const selected = palette.locator('[role="option"][aria-selected="true"]');
  await expect(palette.getByRole("option", { name }).first()).toBeVisible();
  for (let i = 0; i < 40; i++) {
    const text = (await selected.textContent()) ?? "";
    if (typeof name === "string" ? text.includes(name) : name.test(text)) break;
    await page.keyboard.press("ArrowDown");
  }
  await expect(selected).toContainText(name);
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
}

async function openWithKeyboard(page: Page) {
  const palette = paletteOf(page);
  // Right after a page load the shortcut may come before the page is interactive (then the
  // browser has it): press again until the palette answers.
  await expect(async () => {
    if (!(await palette.isVisible())) await page.keyboard.press("Control+k");
    await expect(palette).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(palette.getByRole("combobox")).toBeFocused();
  return palette;
}

test("⌘K: jump to a project, search opens an item, #N, New item, theme — keyboard only", async ({ page }) => {
  await signIn(page);
  const org = demoLogin().org;
  const projects = await trpcQuery<{ id: string; name: string }[]>(page.request, "project.list", {
    orgSlug: org,
  });
  const project = projects.find((p) => /Harbor Bridge Upgrade/.test(p.name)) ?? projects[0]!;

  // A visible trigger in the header (the only way on a phone); Esc closes and focus goes back to it.
  const trigger = page.getByRole("button", { name: "Search or jump to…" });
  await expect(trigger).toBeVisible();
  await trigger.focus();
  await page.keyboard.press("Enter");
  const palette = paletteOf(page);
  await expect(palette).toBeVisible();
  await expect(palette.getByRole("combobox")).toBeFocused();
  await expect(palette.getByRole("listbox")).toBeVisible();
  const axe = await new AxeBuilder({ page })
    .include("dialog[data-palette]")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  await expect(trigger).toBeFocused();

  // Jump to a project.
  await openWithKeyboard(page);
  await page.keyboard.type(project.name.slice(0, 12));
  await chooseByKeyboard(page, project.name);
  await expect(page).toHaveURL(new RegExp(`/p/${project.id}/dashboard$`));
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();

  // Global search finds an item by a word of its title and opens it in the editor.
  const { items } = await trpcQuery<{ items: { itemNum: number; title: string }[] }>(
    page.request,
    "item.list",
    { orgSlug: org, projectId: project.id, limit: 50 },
  );
  const target = items.find((i) => /[A-Za-z]{6,}/.test(i.title))!;
  const word = /[A-Za-z]{6,}/.exec(target.title)![0];
  await openWithKeyboard(page);
  await page.keyboard.type(word);
  await chooseByKeyboard(page, target.title);
  await expect(page).toHaveURL(new RegExp(`/p/${project.id}\\?.*item=${target.itemNum}`));
  const editor = page.getByRole("dialog", { name: `Item #${target.itemNum}` });
  await expect(editor).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();

  // "#N" opens the item editor in this project.
  const other = items.find((i) => i.itemNum !== target.itemNum)!;
  await openWithKeyboard(page);
  await page.keyboard.type(`#${other.itemNum}`);
  await chooseByKeyboard(page, `Open item #${other.itemNum}`);
  await expect(page.getByRole("dialog", { name: `Item #${other.itemNum}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: `Item #${other.itemNum}` })).toBeHidden();

  // New item (in the current project).
  await openWithKeyboard(page);
  await page.keyboard.type("new item");
  await chooseByKeyboard(page, "New item");
  const create = page.getByRole("dialog", { name: "New item", exact: true });
  await expect(create).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(create).toBeHidden();

  // Switch theme.
  await openWithKeyboard(page);
  await page.keyboard.type("dark theme");
  await chooseByKeyboard(page, "Switch to dark theme");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await openWithKeyboard(page);
  await page.keyboard.type("light theme");
  await chooseByKeyboard(page, "Switch to light theme");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);

  // Also on the profile page (outside the org shell): jump back to the project.
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Your profile", level: 1 })).toBeVisible();
  await openWithKeyboard(page);
  await page.keyboard.type(project.name.slice(0, 12));
  await chooseByKeyboard(page, project.name);
  await expect(page).toHaveURL(new RegExp(`/p/${project.id}/dashboard$`));
});
