/**
 * Accounts: register → own (empty) organization, sign out and in again,
 * forgot / reset password through the outbox, an invitation to the demo
 * project accepted in a second browser, and the sign-in throttle.
 *
 * Every test sends its own X-Forwarded-For address (see support/e2e.ts), so
 * the per-IP throttle and the per-IP registration cap never touch 127.0.0.1
 * (which the demo login and the other specs use) and reruns do not collide.
 */
import { expect, test, type Page } from "@playwright/test";
import { snap } from "../helpers";
import {
  demoLogin,
  linkFromOutbox,
  signInAs,
  signOut,
  strongPassword,
  unique,
  useFreshIp,
  skipTourWhenShown,
} from "../support/e2e";

// Each test signs up and signs in several times; the shared machine can be slow.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => skipTourWhenShown(page));

type Account = { name: string; email: string; password: string };

function newAccount(tag: string): Account {
  const id = unique();
  return { name: `E2E ${tag} ${id}`, email: `e2e-${tag}-${id}@example.com`, password: strongPassword() };
}

async function register(page: Page, a: Account) {
  await page.goto("/sign-up");
  await expect(page).toHaveTitle(/Create account · braidMgr/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Your name").fill(a.name);
  await page.getByLabel("Work e-mail").fill(a.email);
  await page.getByLabel("Password", { exact: true }).fill(a.password);
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await expect(page).toHaveURL(/\/o\/[^/?]+$/, { timeout: 30_000 });
}

/** One sign-in attempt; waits for next-auth's answer so a repeated message is not read stale. */
async function attemptSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
}

test("register lands in a new, empty organization; sign out and back in", async ({ page }, testInfo) => {
  await useFreshIp(page);
  const a = newAccount("reg");
  await register(page, a);
  const orgUrl = page.url();

  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Create your first project" })).toBeVisible();
  await expect(page.getByRole("main").locator('a[href*="/p/"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Account menu for/ })).toHaveAccessibleName(
    new RegExp(`Account menu for ${a.name}`),
  );
  await snap(page, testInfo, "60-registered-empty-org");

  await signOut(page);
  await signInAs(page, a.email, a.password);
  expect(page.url()).toBe(orgUrl);
  await expect(page.getByRole("heading", { name: "Create your first project" })).toBeVisible();
});

test("forgot password: the e-mailed link sets a new password that signs in", async ({ page }, testInfo) => {
  await useFreshIp(page);
  const a = newAccount("reset");
  await register(page, a);
  await signOut(page);

  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("E-mail").fill(a.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If an account exists for ${a.email}`);
  await snap(page, testInfo, "61-forgot-password-sent", false);

  const { link, mail } = await linkFromOutbox(a.email, /\/reset-password\?token=/);
  expect(mail.subject).toMatch(/password/i);
  await page.goto(link);
  await expect(page.getByRole("form", { name: "Choose a new password" })).toBeVisible();
  // The token is taken out of the address bar (src/features/auth/strip-token.ts).
  await expect(page).not.toHaveURL(/token=/);

  const next = strongPassword();
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Repeat the new password").fill(`${next}x`);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords differ")).toBeVisible();
  await page.getByLabel("Repeat the new password").fill(next);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password has been changed");
  await snap(page, testInfo, "62-reset-password-done", false);

  // The link works once.
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(strongPassword());
  await page
    .getByLabel("Repeat the new password")
    .fill(await page.getByLabel("New password", { exact: true }).inputValue());
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /invalid|used|expired/i })).toBeVisible();

  // Old password no longer works; the new one does.
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await attemptSignIn(page, a.email, a.password);
  await expect(page.getByRole("alert").filter({ hasText: "E-mail or password" })).toHaveText(
    "E-mail or password is incorrect.",
  );
  await signInAs(page, a.email, next);
});

test("an admin invites someone to the demo project as viewer; they join and see exactly that project", async ({
  page,
  browser,
}, testInfo) => {
  await useFreshIp(page);
  const login = demoLogin();
  const invitee = newAccount("invitee");

  await signInAs(page, login.email, login.password, new RegExp(`/o/${login.org}$`));
  await page.goto(`/o/${login.org}/settings/members`);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Invite people" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("E-mail").fill(invitee.email);
  await expect(dialog.getByLabel("Organization role")).toHaveValue("member");
  const grant = dialog.getByRole("combobox", { name: "Harbor Bridge Upgrade", exact: true });
  await grant.selectOption({ label: "Viewer" });
  await snap(page, testInfo, "63-invite-dialog", false);
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog).toBeHidden();
  const sent = page.getByRole("status").filter({ hasText: "Invitation sent" });
  await expect(sent).toBeVisible();
  // Where the mail went, and a link that may be passed on by hand (the app, never the token).
  await expect(sent).toContainText(`We e-mailed ${invitee.email}`);
  await expect(sent).toContainText("/orgs");
  await expect(sent).not.toContainText("token");
  await expect(sent.getByRole("button", { name: "Copy app link" })).toBeVisible();
  await expect(page.getByText(invitee.email, { exact: true })).toBeVisible();

  const { link } = await linkFromOutbox(invitee.email, /\/accept-invite\?token=/);

  // The invitee, in a browser of their own.
  const { viewport, isMobile, hasTouch, baseURL } = testInfo.project.use;
  const other = await browser.newContext({ viewport, isMobile, hasTouch, baseURL });
  try {
    const them = await other.newPage();
    await skipTourWhenShown(them);
    await useFreshIp(them);
    await them.goto(link);
    await expect(them.getByText(`to join as`)).toBeVisible();
    await expect(them.getByText("With access to 1 project.")).toBeVisible();
    const form = them.getByRole("form", { name: "Create your account" });
    await expect(form.getByLabel("E-mail")).toHaveValue(invitee.email);
    await form.getByLabel("Your name").fill(invitee.name);
    await form.getByLabel("Choose a password", { exact: true }).fill(invitee.password);
    await snap(them, testInfo, "64-accept-invite", false);
    await form.getByRole("button", { name: /Create account and join/ }).click();

    await expect(them).toHaveURL(new RegExp(`/o/${login.org}$`), { timeout: 30_000 });
    const projects = them.getByRole("main").locator('a[href*="/p/"]');
    await expect(projects).toHaveCount(1);
    await expect(projects).toContainText("Harbor Bridge Upgrade");
    await expect(projects).toContainText("Viewer");
    await snap(them, testInfo, "65-invitee-projects");

    // A viewer cannot create items in it.
    await projects.click();
    await expect(them.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await them.goto(them.url().replace(/\/dashboard$/, ""));
    await expect(them.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
    await expect(them.locator("[data-item-row][data-item-num]").first()).toBeVisible();
    await expect(them.getByRole("button", { name: "New item" })).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test("an existing account is only invited: it joins after confirming its address and accepting, signed in", async ({
  page,
  browser,
}, testInfo) => {
  await useFreshIp(page);
  const login = demoLogin();
  const invitee = newAccount("existing");

  // The invitee already has an account (their own workspace), in a browser of their own.
  const { viewport, isMobile, hasTouch, baseURL } = testInfo.project.use;
  const other = await browser.newContext({ viewport, isMobile, hasTouch, baseURL });
  try {
    const them = await other.newPage();
    await skipTourWhenShown(them);
    await useFreshIp(them);
    await register(them, invitee);

    // The demo owner invites that address.
    await signInAs(page, login.email, login.password, new RegExp(`/o/${login.org}$`));
    await page.goto(`/o/${login.org}/settings/members`);
    await page.getByRole("button", { name: "Invite people" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Invite people" });
    await dialog.getByLabel("E-mail").fill(invitee.email);
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(dialog).toBeHidden();
    const pending = page
      .getByRole("region", { name: "Pending invitations" })
      .getByRole("listitem")
      .filter({ hasText: invitee.email });
    await expect(pending).toContainText("Invited — waiting for acceptance");
    await expect(page.getByRole("region", { name: `People in` }).getByText(invitee.email)).toHaveCount(0);
    await snap(page, testInfo, "67-invited-waiting", false);

    // Not a member yet: the org is not theirs to see.
    const orgPage = await them.goto(`/o/${login.org}`);
    expect(orgPage?.status()).toBe(404);

    // Until their address is confirmed, the app does not show invitations to it.
    await them.goto("/orgs");
    await expect(
      them.getByText("Invitations to your e-mail address appear here once you have confirmed it."),
    ).toBeVisible();
    const { link } = await linkFromOutbox(invitee.email, /\/verify-email\?token=/);
    await them.goto(link);
    await expect(them.getByRole("status").filter({ hasText: /confirmed/i })).toBeVisible();

    // A banner on their pages, and the invitation on the organizations page.
    await them.goto("/");
    await expect(them.getByRole("region", { name: "Invitations" })).toContainText("invited you to join");
    await them
      .getByRole("region", { name: "Invitations" })
      .getByRole("link", { name: /Review/ })
      .click();
    await expect(them).toHaveURL(/\/orgs#invitations$/);
    const invitations = them.getByRole("region", { name: "Invitations waiting for you" });
    await expect(invitations.getByRole("listitem")).toHaveCount(1);
    await snap(them, testInfo, "68-invitations-waiting", false);
    await invitations.getByRole("button", { name: /^Accept the invitation to / }).click();
    await expect(them).toHaveURL(new RegExp(`/o/${login.org}$`), { timeout: 30_000 });
    await expect(them.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();

    // Now a member; no longer pending.
    await page.reload();
    await expect(page.getByRole("region", { name: "People in" })).toContainText(invitee.email);
    await expect(
      page
        .getByRole("region", { name: "Pending invitations" })
        .getByRole("listitem")
        .filter({ hasText: invitee.email }),
    ).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test("profile lists this account's devices; signing one out leaves the other signed in", async ({
  page,
  browser,
}, testInfo) => {
  await useFreshIp(page);
  const a = newAccount("devices");
  await register(page, a);

  const { viewport, isMobile, hasTouch, baseURL } = testInfo.project.use;
  const other = await browser.newContext({
    viewport,
    isMobile,
    hasTouch,
    baseURL,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  });
  try {
    const second = await other.newPage();
    await skipTourWhenShown(second);
    await useFreshIp(second);
    await signInAs(second, a.email, a.password);

    await page.goto("/profile");
    const devices = page.getByTestId("device-session");
    await expect(devices).toHaveCount(2);
    await expect(devices.filter({ hasText: "This device" })).toHaveCount(1);
    const firefox = devices.filter({ hasText: "Firefox 133 on Linux" });
    await expect(firefox).toBeVisible();
    await snap(page, testInfo, "69-profile-devices", false);
    await firefox.getByRole("button", { name: /^Sign out Firefox 133 on Linux/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Signed out" })).toBeVisible();
    await expect(devices).toHaveCount(1);

    // The other browser is signed out at its next request; this one is not.
    await second.goto("/orgs");
    await expect(second).toHaveURL(/\/sign-in/);
    await page.goto("/orgs");
    await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();
  } finally {
    await other.close();
  }
});

// Kept last; it also runs from its own IP address, so nothing else is locked out.
test("six wrong passwords pause sign-in for the account", async ({ page }, testInfo) => {
  await useFreshIp(page);
  const a = newAccount("throttle");
  await register(page, a);
  await signOut(page);
  await page.waitForLoadState("networkidle");

  for (let i = 1; i <= 5; i++) {
    await attemptSignIn(page, a.email, `Wrong-password-${i}`);
    await expect(page.getByRole("alert").filter({ hasText: /E-mail or password|Too many/ })).toHaveText(
      "E-mail or password is incorrect.",
    );
  }
  await attemptSignIn(page, a.email, "Wrong-password-6");
  const throttled = page.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts" });
  await expect(throttled).toContainText("sign-in is paused for 15 minutes");
  await snap(page, testInfo, "66-sign-in-throttled", false);

  // Even the right password is refused while paused.
  await attemptSignIn(page, a.email, a.password);
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(throttled).toBeVisible();
});
