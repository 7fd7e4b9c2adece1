/**
 * "Create an organization" on the organizations page: field-level errors with
 * focus on the first bad field, nothing created; a valid name (slug left
 * empty) creates the org and opens it.
 */
import { expect, test } from "@playwright/test";
import { signIn } from "../helpers";

test("create an organization: errors by field, then the new org opens", async ({ page }, testInfo) => {
  await signIn(page);
  await page.goto("/orgs");
  const section = page.getByRole("region", { name: "Create an organization" });
  const name = section.getByRole("textbox", { name: "Name" });
  const slug = section.getByRole("textbox", { name: /Web address/ });
  const submit = section.getByRole("button", { name: "Create organization" });

  await submit.click();
  await expect(section.getByText("Enter a name")).toBeVisible();
  await expect(name).toBeFocused();

  await name.fill("Harbour Works");
  await slug.fill("-harbour-");
  await submit.click();
  await expect(section.getByText(/lower-case letters, digits and hyphens/)).toBeVisible();
  await expect(slug).toBeFocused();
  await expect(page).toHaveURL(/\/orgs/);

  // Each org is a database and a user may create three a day: create one, on one screen size.
  test.skip(testInfo.project.name !== "desktop", "the creation itself runs once");
  const unique = `Harbour Works ${Date.now().toString(36)}`;
  await name.fill(unique);
  await slug.fill("");
  await submit.click();
  await expect(page).toHaveURL(/\/o\/harbour-works-[a-z0-9-]+/, { timeout: 30_000 });
  await expect(page.getByText(unique).first()).toBeVisible();
});
