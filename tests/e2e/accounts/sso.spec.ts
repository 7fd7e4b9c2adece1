/**
 * Org settings → Single sign-on, as the demo owner: the redirect URL to register, field-level
 * errors from the same schema the server uses (and nothing saved), a failed connection test
 * shown plainly, then a valid configuration saved — the secret is kept but never shown again.
 * SSO stays switched off, so the other specs' password sign-ins are unaffected.
 */
import { expect, test } from "@playwright/test";
import { demoLogin, signIn, snap } from "../helpers";
import { skipTourWhenShown } from "../support/e2e";

test("an owner configures single sign-on with field-level errors first", async ({ page }, testInfo) => {
  const { org } = demoLogin();
  await skipTourWhenShown(page);
  await signIn(page);
  await page.goto(`/o/${org}/settings/sso`);
  await expect(page).toHaveTitle(/Single sign-on/);
  await expect(page.getByRole("heading", { name: "Single sign-on", level: 1 })).toBeVisible();
  await expect(page.getByTestId("sso-callback-url")).toContainText(`/api/auth/callback/sso-${org}`);

  const issuer = page.getByLabel("Issuer URL");
  const clientId = page.getByLabel("Client ID");
  const secret = page.getByLabel("Client secret");
  const domains = page.getByLabel("Allowed e-mail domains");

  // Bad input: each field says what is wrong, and nothing is saved. (The spec runs once per
  // screen size against the same organization, so the form may already hold a saved setup.)
  const savedIssuer = await issuer.inputValue();
  await issuer.fill("login example");
  await clientId.fill("");
  await domains.fill("example.com\nnot a domain!");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(issuer).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Use the issuer URL, e.g. https://login.example.com/realms/acme")).toBeVisible();
  await expect(page.getByText("Enter the client id")).toBeVisible();
  await expect(page.getByText(/"not" is not a domain/)).toBeVisible();
  await snap(page, testInfo, "sso-10-errors");
  await page.reload();
  await expect(issuer).toHaveValue(savedIssuer);

  // A provider that cannot be reached is reported as such.
  await issuer.fill("https://127.0.0.1:9/realms/none");
  await page.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByTestId("sso-test-result");
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result).toContainText("/realms/none/.well-known/openid-configuration");
  await expect(result).not.toContainText("Authorization");

  // A valid configuration is saved; the secret is stored but never comes back to the browser.
  await issuer.fill("https://login.example.com/realms/acme/");
  await clientId.fill("braidmgr-web");
  await secret.fill("e2e-client-secret");
  await domains.fill("example.com, Example.org");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Single sign-on saved")).toBeVisible();
  await page.reload();
  await expect(issuer).toHaveValue("https://login.example.com/realms/acme");
  await expect(clientId).toHaveValue("braidmgr-web");
  await expect(secret).toHaveValue("");
  await expect(page.getByText("A secret is stored (encrypted). Leave empty to keep it.")).toBeVisible();
  await expect(domains).toHaveValue("example.com\nexample.org");
  await expect(page.getByText("e2e-client-secret")).toHaveCount(0);
  await snap(page, testInfo, "sso-11-saved");
});
