/**
 * API tokens on the profile page: create one (shown once, copyable), use it
 * from a script (plain HTTP with Authorization: Bearer), revoke it with a
 * confirmation, and it stops working.
 */
import { expect, test } from "@playwright/test";
import { demoLogin, signIn, snap } from "../helpers";

test("create an API token on the profile page, call the API with it, revoke it", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const login = demoLogin();
  await signIn(page, login);
  await page.goto("/profile");
  const section = page.getByRole("region", { name: "API tokens" });
  await expect(section).toBeVisible();
  const name = `Script ${testInfo.project.name} ${Date.now()}`;
  await section.getByLabel("Token name").fill(name);
  await section.getByLabel("Expires").selectOption("30");
  await section.getByRole("button", { name: "Create token" }).click();

  const shown = section.getByLabel("New API token");
  await expect(shown).toHaveValue(/^bm_[A-Za-z0-9_-]{43}$/);
  const token = await shown.inputValue();
  await expect(section.getByRole("button", { name: "Copy" })).toBeVisible();
  const row = section.getByTestId("api-token").filter({ hasText: name });
  await expect(row).toContainText("never used");
  await snap(page, testInfo, "70-profile-api-tokens", false);

  // A script with no cookies at all.
  const script = await playwright.request.newContext({ baseURL });
  const input = encodeURIComponent(JSON.stringify({ json: { orgSlug: login.org } }));
  const ok = await script.get(`/api/trpc/project.list?input=${input}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(ok.status()).toBe(200);

  // Shown once: gone after "Done" and after a reload.
  await section.getByRole("button", { name: "Done" }).click();
  await expect(shown).toHaveCount(0);
  await page.reload();
  await expect(
    page.getByRole("region", { name: "API tokens" }).getByTestId("api-token").filter({ hasText: name }),
  ).toContainText("last used");
  await expect(page.getByText(token)).toHaveCount(0);

  const again = page
    .getByRole("region", { name: "API tokens" })
    .getByTestId("api-token")
    .filter({ hasText: name });
  await again.getByRole("button", { name: new RegExp(`^Revoke ${name}`) }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this token?" });
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token revoked" })).toBeVisible();
  await expect(again).toHaveCount(0);

  const refused = await script.get(`/api/trpc/project.list?input=${input}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refused.status()).toBe(401);
  await script.dispose();
});
