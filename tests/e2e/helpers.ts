import { existsSync, mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";

export type DemoLogin = { email: string; password: string; org: string };

/** The demo login `npm start` wrote when it seeded the e2e data directory. */
export function demoLogin(): DemoLogin {
  const dir = process.env.E2E_DATA_DIR || path.join(os.tmpdir(), "braidmgr-e2e");
  return JSON.parse(readFileSync(path.join(dir, "demo-login.json"), "utf8")) as DemoLogin;
}

const SHOTS = path.join(import.meta.dirname, "screenshots");

/** Saves tests/e2e/screenshots/<project>-<name>.png (git-ignored) for a human to look at. */
export async function snap(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
  // Let skeletons and transitions settle.
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.screenshot({ path: path.join(SHOTS, `${testInfo.project.name}-${name}.png`), fullPage });
}

export async function signIn(page: Page, login: DemoLogin = demoLogin()) {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${login.org}$`));
}

/** Opens the demo project from the project list (its Dashboard), then its All items table. */
export async function openDemoProject(page: Page) {
  await page
    .getByRole("main")
    .getByRole("link", { name: /Harbor Bridge Upgrade/ })
    .click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await page.goto(page.url().replace(/\/dashboard$/, ""));
  await expect(page.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
  await expect(itemRows(page).first()).toBeVisible();
}

/**
 * The rows of All items: table rows on a desktop, cards on a phone (both carry
 * `data-item-row` and `data-item-num`; the first button of either opens the item).
 */
export const itemRows = (page: Page) => page.locator("[data-item-row][data-item-num]");
export const itemRow = (page: Page, itemNum: number | string) =>
  page.locator(`[data-item-row][data-item-num="${itemNum}"]`);
