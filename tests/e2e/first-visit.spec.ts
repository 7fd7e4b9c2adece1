/**
 * The everyday flow a project manager goes through every day: sign in, see
 * the projects, open one, find items, create one and edit it — at desktop and
 * phone size. Every page is also saved to tests/e2e/screenshots/.
 */
import { expect, test, type Page } from "@playwright/test";
import { demoLogin, openDemoProject, signIn, snap } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** On phones the filter controls sit behind a "Filters" button. */
async function showFilters(page: Page) {
  // The filter bar first (right after a reload the page may still be streaming in), then its phone toggle.
  await expect(page.getByRole("search", { name: "Filter items" })).toBeVisible();
  const toggle = page.getByRole("button", { name: /^Filters/ });
  if (!(await toggle.isVisible())) return;
  // A tap before React has hydrated the button is replayed afterwards: wait until it is live, tap once.
  await expect(toggle).toHaveAttribute("data-hydrated", "true");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("button", { name: "Critical only" })).toBeVisible();
}

function projectIdOf(page: Page): string {
  const m = /\/p\/([0-9a-f-]{36})/.exec(page.url());
  if (!m) throw new Error(`not on a project page: ${page.url()}`);
  return m[1]!;
}

test("sign-in shows field errors and a generic message for a wrong login", async ({ page }, testInfo) => {
  await page.goto("/sign-in");
  await expect(page).toHaveTitle(/Sign in · braidMgr/);
  await page.waitForLoadState("networkidle");
  await snap(page, testInfo, "01-sign-in");

  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your e-mail address")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
  await snap(page, testInfo, "02-sign-in-field-errors");

  // An unknown account (never the demo one, so repeated runs cannot lock it out).
  await page.getByLabel("E-mail").fill(`nobody-${unique()}@example.com`);
  await page.getByLabel("Password").fill("Wrong-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "E-mail or password" })).toHaveText(
    "E-mail or password is incorrect.",
  );
  await snap(page, testInfo, "03-sign-in-wrong");
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto(`/o/${demoLogin().org}`);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("sign in, open the project, create an item and edit it", async ({ page }, testInfo) => {
  const login = demoLogin();
  await signIn(page, login);

  // Projects
  await expect(page).toHaveTitle(/Projects · .* · braidMgr/);
  const card = page.getByRole("main").getByRole("link", { name: /Harbor Bridge Upgrade/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText(/\d+ items/);
  await snap(page, testInfo, "10-projects");

  await page.getByRole("button", { name: "New project" }).click();
  const projectDialog = page.getByRole("dialog", { name: "New project" });
  await projectDialog.getByRole("button", { name: "Create project" }).click();
  await expect(projectDialog.getByText("Enter a project name")).toBeVisible();
  await snap(page, testInfo, "11-new-project-errors", false);
  await projectDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(projectDialog).toBeHidden();

  // Organizations
  await page.goto("/orgs");
  await expect(page).toHaveTitle(/Organizations · braidMgr/);
  await expect(page.getByRole("main").getByRole("link", { name: /Demo Organization/ })).toBeVisible();
  await snap(page, testInfo, "12-orgs");
  await page
    .getByRole("main")
    .getByRole("link", { name: /Demo Organization/ })
    .click();

  // All items
  await openDemoProject(page);
  await expect(page).toHaveTitle(/All items · Harbor Bridge Upgrade · braidMgr/);
  await expect(page.getByRole("button", { name: /Booking search slower than the old system/ })).toBeVisible();
  await snap(page, testInfo, "20-items");

  // Filters live in the URL and survive a reload.
  await showFilters(page);
  await page.getByRole("button", { name: "Critical only" }).click();
  await expect(page).toHaveURL(/critical=1/);
  await page.reload();
  // Opened right after the reload, the phone filter panel stays open (it used to fold again when a
  // hydration mismatch made React re-render the page).
  await showFilters(page);
  await expect(page.getByRole("button", { name: "Critical only" })).toHaveAttribute("aria-pressed", "true");
  for (const badge of await page.locator("[data-item-row] [data-severity]").all()) {
    await expect(badge).toHaveAttribute("data-severity", "critical");
  }
  await snap(page, testInfo, "21-items-critical");
  await page.getByRole("button", { name: /Clear all/ }).click();
  await expect(page).not.toHaveURL(/critical=1/);

  // Create an item
  const title = `E2E crane permit ${unique()}`;
  await page.getByRole("button", { name: "New item" }).click();
  const create = page.getByRole("dialog", { name: "New item" });
  await expect(create).toBeVisible();
  await create.getByRole("button", { name: "Create item" }).click();
  await expect(create.getByText("Enter a title")).toBeVisible();
  await snap(page, testInfo, "22-new-item-errors", false);
  await create.getByRole("combobox", { name: "Type", exact: true }).selectOption("Action Item");
  await create.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await create.getByRole("combobox", { name: "Workstream", exact: true }).selectOption("Build");
  await create.getByRole("combobox", { name: "Assigned to", exact: true }).fill("Bo Chen");
  await create.getByRole("combobox", { name: "Priority", exact: true }).selectOption("High");
  await create
    .getByRole("textbox", { name: "Description", exact: true })
    .fill("Created by the end-to-end test.");
  await create.getByRole("button", { name: "Create item" }).click();
  await expect(create).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: /Item #\d+ created/ })).toBeVisible();

  // It is in the table (searching makes sure it is on the first page).
  await page.getByLabel("Search titles and descriptions").fill(title);
  await expect(page).toHaveURL(/q=E2E/);
  const row = page.locator("[data-item-row][data-item-num]").filter({ hasText: title });
  await expect(row).toHaveCount(1);
  // (A phone's card shows the number, title, indicator, due date and assignee; the table all columns.)
  if (testInfo.project.name === "desktop") {
    await expect(row).toContainText("Action Item");
    await expect(row).toContainText("Build");
  }
  await expect(row).toContainText("Bo Chen");
  await snap(page, testInfo, "23-items-created");

  // Edit it: open with Enter on the title, change fields, save.
  await row.getByRole("button", { name: new RegExp(title) }).focus();
  await page.keyboard.press("Enter");
  const editor = page.getByRole("dialog", { name: /Item #\d+/ });
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
  await snap(page, testInfo, "24-item-editor", false);
  const edited = `${title} (edited)`;
  await editor.getByRole("textbox", { name: "Title", exact: true }).fill(edited);
  await editor.getByRole("spinbutton", { name: "% complete" }).fill("40");
  await editor.getByRole("button", { name: /Save changes \(2\)/ }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: /Saved item #\d+/ })).toBeVisible();
  await page.getByLabel("Search titles and descriptions").fill(edited);
  await expect(page.locator("[data-item-row][data-item-num]").filter({ hasText: edited })).toHaveCount(1);
  await expect(page.locator("[data-item-row][data-item-num]").filter({ hasText: edited })).toContainText(
    "In Progress",
  );
  await snap(page, testInfo, "25-items-edited");

  // Markup typed into a title is kept as typed and shown as text, never run.
  const tag = unique();
  const marked = `<img src=x onerror="window.__xss=1"> ${tag}`;
  // (By keyboard, as above: on a phone the "Saved" toast sits over the row for a few seconds.)
  await page
    .locator("[data-item-row][data-item-num]")
    .filter({ hasText: edited })
    .getByRole("button")
    .first()
    .focus();
  await page.keyboard.press("Enter");
  await editor.getByRole("textbox", { name: "Title", exact: true }).fill(marked);
  await editor.getByRole("button", { name: /Save changes \(1\)/ }).click();
  await expect(editor).toBeHidden();
  await page.getByLabel("Search titles and descriptions").fill(tag);
  await expect(page.locator("[data-item-row][data-item-num]").filter({ hasText: marked })).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("someone else's save shows a conflict that can be reloaded", async ({ page }, testInfo) => {
  await signIn(page);
  await openDemoProject(page);
  const projectId = projectIdOf(page);
  const itemNum = Number(
    await page.locator("[data-item-row][data-item-num]").first().getAttribute("data-item-num"),
  );

  await page.locator("[data-item-row][data-item-num]").first().getByRole("button").first().click();
  const editor = page.getByRole("dialog", { name: `Item #${itemNum}` });
  const titleField = editor.getByRole("textbox", { name: "Title", exact: true });
  await expect(titleField).toBeVisible();
  const original = await titleField.inputValue();

  // Another user saves first (same API the app uses).
  const theirs = `Changed elsewhere ${unique()}`;
  const status = await page.evaluate(
    async ({ projectId, itemNum, theirs, orgSlug }) => {
      const q = encodeURIComponent(JSON.stringify({ 0: { json: { orgSlug, projectId, itemNum } } }));
      const got = (await (await fetch(`/api/trpc/item.get?batch=1&input=${q}`)).json()) as {
        result: { data: { json: { version: number } } };
      }[];
      const version = got[0]!.result.data.json.version;
      const res = await fetch("/api/trpc/item.update?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { json: { orgSlug, projectId, itemNum, version, title: theirs } } }),
      });
      return res.status;
    },
    { projectId, itemNum, theirs, orgSlug: demoLogin().org },
  );
  expect(status).toBe(200);

  await titleField.fill(`${original} (mine)`);
  await editor.getByRole("button", { name: /Save changes/ }).click();
  const alert = editor.getByRole("alert").filter({ hasText: "Someone else saved this item" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(theirs);
  await snap(page, testInfo, "30-item-conflict", false);
  await alert.getByRole("button", { name: "Reload with their values" }).click();
  await expect(titleField).toHaveValue(theirs);

  // Put the demo item back as it was.
  await titleField.fill(original);
  await editor.getByRole("button", { name: /Save changes/ }).click();
  await expect(editor).toBeHidden();
});

test("navigation: org switcher and user menu, drawer on phones", async ({ page }, testInfo) => {
  await signIn(page);
  await openDemoProject(page);
  if (testInfo.project.name === "phone") {
    await page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = page.getByRole("dialog", { name: "braidMgr" });
    await expect(drawer.getByRole("link", { name: "All items" })).toHaveAttribute("aria-current", "page");
    await snap(page, testInfo, "40-drawer", false);
    await drawer.getByRole("link", { name: "Projects" }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  } else {
    await page.getByRole("button", { name: /Switch organization/ }).click();
    await expect(page.getByRole("navigation", { name: "Organizations" })).toBeVisible();
    await snap(page, testInfo, "40-org-switcher", false);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: /Switch project/ }).click();
    await expect(page.getByRole("navigation", { name: "Projects" })).toBeVisible();
    await page.keyboard.press("Escape");
  }
  await page.getByRole("button", { name: /Account menu/ }).click();
  await snap(page, testInfo, "41-user-menu", false);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("dashboard: counts by severity open the filtered item list", async ({ page }, testInfo) => {
  await signIn(page);
  await openDemoProject(page);
  const itemsUrl = page.url().split("?")[0]!;
  await page.goto(`${itemsUrl}/dashboard`);
  await expect(page).toHaveTitle(/Dashboard · Harbor Bridge Upgrade · braidMgr/);
  await expect(page.getByRole("heading", { name: /^Overdue/ })).toBeVisible();
  await snap(page, testInfo, "50-dashboard");
  // The severity card (the health panel lower down links to the same list).
  await page.locator("[data-card=critical]").click();
  await expect(page).toHaveURL(/sev=critical/);
  // (On phones the filter controls are folded away; they still show the choice.)
  await expect(
    page.getByRole("button", { name: /^Status\s*:\s*Critical$/, includeHidden: true }),
  ).toBeAttached();
  for (const badge of await page.locator("[data-item-row] [data-severity]").all()) {
    await expect(badge).toHaveAttribute("data-severity", "critical");
  }
});

test("serves a favicon at /favicon.ico without signing in", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/icon/);
  const body = await res.body();
  // An ICO file: reserved 0, type 1, at least one image.
  expect([body.readUInt16LE(0), body.readUInt16LE(2)]).toEqual([0, 1]);
  expect(body.readUInt16LE(4)).toBeGreaterThan(0);
});
