/**
 * Retakes the README screenshots (public/readme/*.png) from a running app
 * seeded with the demo: `npm start` in one terminal, then
 *   npx tsx scripts/readme-screenshots.ts [--url http://localhost:3000] [--data .data]
 * The demo login is read from <data>/demo-login.json, which `npm start` wrote.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.BASE_URL ?? "http://localhost:3000" },
    data: { type: "string", default: process.env.BRAIDMGR_DATA_DIR ?? ".data" },
    out: { type: "string", default: "public/readme" },
  },
});
const BASE = values.url!.replace(/\/$/, "");
const login = JSON.parse(readFileSync(path.join(values.data!, "demo-login.json"), "utf8")) as {
  email: string;
  password: string;
  org: string;
};

async function signedIn(browser: Browser, phone: boolean, dark = false): Promise<Page> {
  const context = await browser.newContext({
    baseURL: BASE,
    viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    colorScheme: dark ? "dark" : "light",
  });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(login.email);
  await page.getByLabel("Password", { exact: true }).fill(login.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(new RegExp(`/o/${login.org}$`));
  return page;
}

async function projectPath(page: Page, name: RegExp): Promise<string> {
  const href = await page.getByRole("main").getByRole("link", { name }).first().getAttribute("href");
  if (!href) throw new Error(`No link to ${name} on the projects page`);
  return href.replace(/\/dashboard$/, ""); // a project link opens its dashboard
}

async function shot(page: Page, file: string, to?: string) {
  if (to) await page.goto(to);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(400);
  const tour = page.getByRole("button", { name: "Skip tour" });
  if (await tour.isVisible().catch(() => false)) await tour.click();
  await page.screenshot({ path: path.join(values.out!, file) });
  console.log(`wrote ${path.join(values.out!, file)}`);
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
  try {
    const page = await signedIn(browser, false);
    const harbor = await projectPath(page, /Harbor Bridge Upgrade/);
    await shot(page, "projects.png");
    await shot(page, "dashboard.png", `${harbor}/dashboard`);
    await shot(page, "all-items.png", harbor);
    await shot(page, "risks.png", `${harbor}/risks`);
    await shot(page, "timeline.png", `${harbor}/timeline`);
    await shot(page, "budget.png", `${harbor}/budget`);
    await page.goto(`/o/${login.org}/portfolios`);
    await page
      .getByRole("main")
      .getByRole("link", { name: /Port Authority programme/ })
      .click();
    await shot(page, "portfolio.png");

    const dark = await signedIn(browser, false, true);
    await shot(dark, "dashboard-dark.png", `${harbor}/dashboard`);

    const phone = await signedIn(browser, true);
    await shot(phone, "phone-dashboard.png", `${harbor}/dashboard`);
    await phone.goto(`${harbor}?item=40`);
    await shot(phone, "phone-editor.png");
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
