/**
 * Shared bits for the account / budget / chat / export specs: unique names,
 * signing in as any account, the dev outbox (SMTP_URL unset → every e-mail is
 * written to <data dir>/outbox/*.txt) and the demo project's id.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { demoLogin, openDemoProject, signIn } from "../helpers";

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A password that meets the policy (8+ chars, upper, lower, digit). */
export const strongPassword = () => `E2e-Pass-${unique()}9`;

/**
 * A random private address per call, sent as X-Forwarded-For — believed because the e2e server runs
 * with TRUSTED_PROXIES=loopback (playwright.config.ts), as behind a local reverse proxy — so the per-IP
 * sign-in throttle and the 10-registrations-per-IP-per-hour cap never hit 127.0.0.1 or a rerun.
 */
export const fakeIp = () => `10.${[0, 0, 0].map(() => 1 + Math.floor(Math.random() * 253)).join(".")}`;

/** Makes every request of this page (and its context) come "from" a fresh IP address. */
export async function useFreshIp(page: Page): Promise<string> {
  const ip = fakeIp();
  await page.setExtraHTTPHeaders({ "x-forwarded-for": ip });
  return ip;
}

export function dataDir(): string {
  return process.env.E2E_DATA_DIR || path.join(os.tmpdir(), "braidmgr-e2e");
}

/** Signs in with any account and waits to leave the sign-in page. */
export async function signInAs(page: Page, email: string, password: string, landing: RegExp = /\/o\/[^/]+$/) {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(landing);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

type Mail = { file: string; to: string; subject: string; text: string; mtimeMs: number };

function readOutbox(): Mail[] {
  const dir = path.join(dataDir(), "outbox");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => {
      const file = path.join(dir, f);
      const text = readFileSync(file, "utf8");
      return {
        file,
        to: /^To: (.*)$/m.exec(text)?.[1]?.trim() ?? "",
        subject: /^Subject: (.*)$/m.exec(text)?.[1]?.trim() ?? "",
        text,
        mtimeMs: statSync(file).mtimeMs,
      };
    });
}

/** Waits for the newest e-mail to `to` (sent in the background) and returns the first link matching `linkPath`. */
export async function linkFromOutbox(to: string, linkPath: RegExp): Promise<{ link: string; mail: Mail }> {
  let found: { link: string; mail: Mail } | null = null;
  await expect
    .poll(
      () => {
        const mails = readOutbox()
          .filter((m) => m.to.toLowerCase() === to.toLowerCase())
          .sort((a, b) => b.mtimeMs - a.mtimeMs);
        for (const mail of mails) {
          const link = mail.text.match(/https?:\/\/[^\s<>"')]+/g)?.find((l) => linkPath.test(l));
          if (link) {
            found = { link, mail };
            return true;
          }
        }
        return false;
      },
      { message: `an e-mail to ${to} with a link matching ${linkPath}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

export function projectIdOf(page: Page): string {
  const m = /\/p\/([0-9a-f-]{36})/.exec(page.url());
  if (!m) throw new Error(`not on a project page: ${page.url()}`);
  return m[1]!;
}

/** Signs in as the demo user, opens the demo project and returns its id. */
export async function openDemoAsOwner(page: Page): Promise<string> {
  await signIn(page);
  await openDemoProject(page);
  return projectIdOf(page);
}

export { demoLogin };

/**
 * The first-run tour (src/features/help/tour.tsx) opens for every user in every fresh browser
 * context (it remembers "done" in localStorage) and can sit over the header controls. Skip it
 * whenever it shows up in the way of an action.
 */
export async function skipTourWhenShown(page: Page) {
  await page.addLocatorHandler(page.getByTestId("first-run-tour"), async (tour) => {
    await tour.getByRole("button", { name: "Skip tour" }).click({ force: true });
    await expect(tour).toBeHidden();
  });
}
