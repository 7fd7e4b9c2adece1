/**
 * Import in the web app (issue #16.1): projects page → Import → choose a v1
 * RAID log → the preview counts its items → Import → the new project with
 * its items. A file with an error shows the line and creates nothing; a CSV
 * goes through the column mapping.
 */
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { snap } from "../helpers";
import { demoLogin, signInAs, skipTourWhenShown, unique } from "../support/e2e";

const FIXTURE = path.join(import.meta.dirname, "../../fixtures/v1/RAID-Log-Sample-Platform-Upgrade.yaml");

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

async function openImport(page: Page) {
  const login = demoLogin();
  await signInAs(page, login.email, login.password);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Import a project" });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("imports a v1 RAID log into a new project", async ({ page }, testInfo) => {
  const dialog = await openImport(page);
  await snap(page, testInfo, "import-dialog-empty", false);
  await dialog.locator('input[type="file"]').setInputFiles(FIXTURE);

  const summary = dialog.getByTestId("import-summary");
  await expect(summary).toContainText("7 items");
  await expect(summary).toContainText("Risk: 1");
  await expect(summary).toContainText("Development");
  const name = dialog.getByLabel("Project name");
  await expect(name).toHaveValue("Sample Platform Upgrade");
  const projectName = `Imported ${unique()}`;
  await name.fill(projectName);
  await snap(page, testInfo, "import-dialog-preview", false);

  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Database migration may exceed timeline").first()).toBeVisible();
  await expect(page.getByText("Set up CI/CD pipeline").first()).toBeVisible();
});

test("a file with an error shows its line and creates nothing", async ({ page }, testInfo) => {
  const dialog = await openImport(page);
  const bad = [
    "metadata:",
    "  project_name: Broken log",
    "items:",
    "  - item_num: 1",
    "    type: Riskk",
    "    title: A typo in the type",
  ].join("\n");
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: "RAID-Log-Broken.yaml", mimeType: "text/yaml", buffer: Buffer.from(bad) });
  const errors = dialog.getByTestId("import-errors");
  await expect(errors).toContainText("Item 1, line 5");
  await expect(errors).toContainText("Riskk");
  await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  await snap(page, testInfo, "import-dialog-errors", false);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("link", { name: /Broken log/ })).toHaveCount(0);
});

test("imports a CSV through the column mapping", async ({ page }, testInfo) => {
  const dialog = await openImport(page);
  const csv = [
    "Kind,Summary,Begins,Owner",
    "Risk,Vendor may slip,2025-03-03,Ana",
    "Decision,Pick vendor B,,Ben",
  ].join("\n");
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: "Vendor-items.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // Type and Title are found under other names; Start is chosen by hand.
  await expect(dialog.getByRole("combobox", { name: /^Type/ })).toHaveValue("0");
  await expect(dialog.getByRole("combobox", { name: /^Title/ })).toHaveValue("1");
  await dialog.getByRole("combobox", { name: /^Start/ }).selectOption({ label: "Begins — e.g. 2025-03-03" });
  await expect(dialog.getByTestId("import-summary")).toContainText("2 items");
  await expect(dialog.getByLabel("Project name")).toHaveValue("Vendor items");
  const projectName = `CSV ${unique()}`;
  await dialog.getByLabel("Project name").fill(projectName);
  await snap(page, testInfo, "import-dialog-csv", false);
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Vendor may slip").first()).toBeVisible();
  await expect(page.getByText("Pick vendor B").first()).toBeVisible();
});

test("an empty project offers to import a RAID log into it", async ({ page }) => {
  test.skip(test.info().project.name !== "desktop", "desktop only");
  const login = demoLogin();
  await signInAs(page, login.email, login.password);
  await page.getByRole("button", { name: "New project" }).first().click();
  const name = `Empty ${unique()}`;
  await page.getByRole("dialog").getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Import a RAID log" }).click();
  const dialog = page.getByRole("dialog", { name: `Import a RAID log into ${name}` });
  await dialog.locator('input[type="file"]').setInputFiles(FIXTURE);
  await expect(dialog.getByTestId("import-summary")).toContainText("7 items");
  await expect(dialog.getByLabel("Project name")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Database migration may exceed timeline").first()).toBeVisible();
});
