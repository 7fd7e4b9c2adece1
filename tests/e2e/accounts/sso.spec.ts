/**
 * Org settings → Single sign-on, as the demo owner: the redirect URL to register, field-level
 * errors from the same schema the server uses (and nothing saved), a failed connection test
 * shown plainly, then a valid configuration saved — the secret is kept but never shown again.
 * SSO stays switched off, so the other specs' password sign-ins are unaffected. The redirect URL
 * names the org by its id (never the reusable slug). Verified domains: a claimed domain shows the
 * TXT record to publish; without that record (no DNS here) verification is refused plainly, and the
 * owner-confirmation path explains why it is not open to this owner.
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
  await expect(page.getByTestId("sso-callback-url")).toHaveText(
    /\/api\/auth\/callback\/sso-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  );
  await expect(page.getByTestId("sso-callback-url")).not.toContainText(`sso-${org}`);

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
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Please correct the highlighted fields.",
  );
  await expect(issuer).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByText("Use the issuer URL, e.g. https://login.example.com/realms/acme"),
  ).toBeVisible();
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

test("verified domains: claim a domain, see its TXT record, verification refused without it", async ({
  page,
}, testInfo) => {
  const { org } = demoLogin();
  await skipTourWhenShown(page);
  await signIn(page);
  await page.goto(`/o/${org}/settings/sso`);
  const section = page.getByRole("region", { name: "Verified domains" });
  await expect(section).toBeVisible();
  const domain = `e2e-${Date.now().toString(36)}.example.com`;

  // A bad domain is refused at the field, nothing added.
  await section.getByLabel("Domain").fill("not a domain");
  await section.getByRole("button", { name: "Add domain" }).click();
  await expect(section.getByText("Use a domain such as example.com")).toBeVisible();

  await section.getByLabel("Domain").fill(domain.toUpperCase());
  await section.getByRole("button", { name: "Add domain" }).click();
  const row = section.getByTestId("sso-domain").filter({ hasText: domain });
  await expect(row).toBeVisible();
  await expect(row.getByText("Not verified")).toBeVisible();
  await expect(row.getByTestId("sso-domain-record")).toHaveText(/^braidmgr-verify=[A-Za-z0-9_-]{20,}$/);
  // The demo owner's own address is not on this domain: no owner shortcut, and the page says why.
  await expect(row.getByRole("button", { name: /Confirm as owner/ })).toHaveCount(0);
  await expect(row.getByText(/No DNS access\?/)).toBeVisible();

  await row.getByRole("button", { name: `Verify ${domain} with DNS` }).click();
  await expect(row.getByRole("alert")).toContainText(/No TXT record|lookup .* failed/, { timeout: 30_000 });
  await expect(row.getByText("Not verified")).toBeVisible();
  await snap(page, testInfo, "sso-12-domains");

  // Removed again (the spec runs once per screen size against the same organization).
  await row.getByRole("button", { name: `Remove ${domain}` }).click();
  const dialog = page.getByRole("dialog", { name: "Remove domain?" });
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByTestId("sso-domain").filter({ hasText: domain })).toHaveCount(0);

  // The access log has both.
  await page.goto(`/o/${org}/settings/access-log`);
  await expect(page.getByRole("heading", { name: "Access log", level: 1 })).toBeVisible();
  await page.getByLabel("Show").selectOption({ label: "Single sign-on and domains" });
  const log = page.getByTestId("access-log");
  await expect(log.getByText(`Domain removed: ${domain}`)).toBeVisible();
  await expect(log.getByText(`Domain claimed: ${domain}`)).toBeVisible();
});

test("sign in with SSO: the organization field says what is wrong, by name", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  const form = page.getByRole("form", { name: "Sign in with your organization's SSO" });
  const org = form.getByRole("textbox", { name: "Organization" });
  await form.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(form.getByText("Enter your organization's short name")).toBeVisible();
  await expect(org).toBeFocused();
  await org.fill("no-such-org-here");
  await form.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(form.getByText("No organization with single sign-on has that name.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
