/**
 * "Create an organization" on the organizations page: field-level errors with
 * focus on the first bad field, then the server's refusal (the demo user has
 * not confirmed an address, so a second org is refused) above the form, and
 * nothing created. Creating an org is covered by the integration tests.
 */
import { expect, test } from "@playwright/test";
import { signIn } from "../helpers";

test("create an organization: errors by field, then the server's refusal above the form", async ({
  page,
}) => {
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

  // A valid form reaches the server, which refuses a second organization until the demo user's
  // address is confirmed: its message shows above the form and nothing is created.
  await slug.fill("");
  await submit.click();
  await expect(section.getByRole("alert")).toContainText("Confirm your e-mail address");
  await expect(page).toHaveURL(/\/orgs/);
  await expect(page.getByRole("region", { name: "Your organizations" })).not.toContainText("Harbour Works");
});
