/**
 * Accessibility basics on every page, in the light and the dark theme, at desktop and phone size
 * (issue 5): a specific document title, no axe-core WCAG 2 A/AA violations (colour contrast, labels,
 * names, ARIA …), no console errors, and Tab reaching a visibly outlined control. The theme is chosen
 * the way the app keeps it (localStorage "theme", read by next-themes before the first paint); one
 * test also switches it through the account menu and the Shift+D shortcut.
 *
 * Dark-theme screenshots of every page go to tests/e2e/screenshots/dark/<project>-<page>.png.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { test } from "./a11y-fixture";
import { PAGES } from "./pages";

type Theme = "light" | "dark";
const THEMES: Theme[] = ["light", "dark"];
const SHOTS = path.join(import.meta.dirname, "..", "screenshots", "dark");

/**
 * Known violations in code owned elsewhere, waiting for a fix there: page name → axe rule ids.
 * Each entry is checked to still fail (so a fixed one is noticed and removed). Keep this empty
 * unless a rule really cannot pass yet, and say who fixes it.
 */
const KNOWN: Record<string, { rules: string[]; why: string }> = {};

/**
 * Collects console errors and uncaught exceptions of a page. On a 404 page Chromium reports the
 * document's own 404 status as a console error; that one (and only that one) is expected there.
 */
function watchConsole(page: Page, { expect404 = false } = {}): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    if (expect404 && /^Failed to load resource: the server responded with a status of 404/.test(text)) return;
    errors.push(`${text} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** Stores the theme the way the app does, before any script of the page runs. */
async function storeTheme(page: Page, theme: Theme | "system") {
  await page.addInitScript((t) => {
    try {
      localStorage.setItem("theme", t);
    } catch {
      // about:blank has no storage
    }
  }, theme);
}

async function settle(page: Page) {
  // Project pages keep a live-update stream open, so "networkidle" may never come; a short wait lets hydration finish.
  await page.waitForLoadState("networkidle", { timeout: 4_000 }).catch(() => undefined);
  await expect(page.locator("h1").first()).toBeVisible();
  // Skeletons gone (loading.tsx and query placeholders).
  await expect(page.locator('[aria-busy="true"]'))
    .toHaveCount(0, { timeout: 15_000 })
    .catch(() => undefined);
}

/** Tab through the first few stops: each must be a real element with a visible outline or ring. */
async function expectVisibleFocus(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        what: `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`,
        outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0,
        shadow: cs.boxShadow !== "none",
        size: r.width > 0 && r.height > 0,
      };
    });
    // A short page runs out of stops: focus leaves the document after the last one.
    if (i > 0 && !focus) break;
    expect(focus, `Tab ${i + 1} moves focus to an element`).not.toBeNull();
    expect(focus!.size, `focused ${focus!.what} is on screen`).toBe(true);
    expect(focus!.outline || focus!.shadow, `focused ${focus!.what} shows a focus outline`).toBe(true);
  }
}

async function expectNoAxeViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const known = KNOWN[name]?.rules ?? [];
  const found = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes
      .slice(0, 6)
      .map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1, 2).join(" ").trim()}`),
  }));
  expect(
    found.filter((v) => !known.includes(v.rule)),
    `axe violations on ${name}`,
  ).toEqual([]);
  for (const rule of known) {
    expect
      .soft(
        found.some((v) => v.rule === rule),
        `${name}: known ${rule} violation still fails (${KNOWN[name]!.why})`,
      )
      .toBe(true);
  }
}

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    for (const pc of PAGES) {
      test.describe(pc.name, () => {
        if (pc.signedIn) test.use({ storageState: async ({ auth }, provide) => provide(auth.state) });
        else test.use({ storageState: { cookies: [], origins: [] } });

        test(`${pc.name}: title, axe, console, focus`, async ({ page, demo }, testInfo) => {
          const errors = watchConsole(page, { expect404: pc.name.endsWith("not-found") });
          await storeTheme(page, theme);
          await page.goto(pc.path(demo));
          await settle(page);
          await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
          await expect(page).toHaveTitle(pc.title(demo));

          if (theme === "dark") {
            if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
            await page.screenshot({
              path: path.join(SHOTS, `${testInfo.project.name}-${pc.name}.png`),
              fullPage: true,
            });
          }
          await expectNoAxeViolations(page, pc.name);
          await expectVisibleFocus(page);
          expect(errors, "console errors").toEqual([]);
        });
      });
    }

    test.describe("account menu and tour", () => {
      test.use({ storageState: async ({ auth }, provide) => provide(auth.state) });
      test("open account menu: axe and focus", async ({ page, demo }, testInfo) => {
        const errors = watchConsole(page);
        await storeTheme(page, theme);
        await page.goto(`/o/${demo.org}`);
        await settle(page);
        await page.getByRole("button", { name: /Account menu/ }).click();
        await expect(page.getByRole("group", { name: /Theme/ })).toBeVisible();
        if (theme === "dark") {
          if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SHOTS, `${testInfo.project.name}-account-menu.png`) });
        }
        await expectNoAxeViolations(page, "account-menu");
        expect(errors, "console errors").toEqual([]);
      });

      test("first-run tour: axe", async ({ page, demo }, testInfo) => {
        const errors = watchConsole(page);
        await storeTheme(page, theme);
        await page.goto(`/o/${demo.org}/help`);
        await settle(page);
        await page.getByRole("button", { name: "Restart the tour" }).click();
        const tour = page.getByTestId("first-run-tour");
        await expect(tour).toBeVisible();
        await expect(tour).toBeFocused();
        if (theme === "dark") {
          if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SHOTS, `${testInfo.project.name}-tour.png`) });
        }
        await expectNoAxeViolations(page, "tour");
        await tour.getByRole("button", { name: "Skip tour" }).click();
        await expect(tour).toBeHidden();
        expect(errors, "console errors").toEqual([]);
      });
    });
  });
}

test.describe("theme switching", () => {
  test.use({ storageState: async ({ auth }, provide) => provide(auth.state) });

  test("follows the system by default; the account menu and Shift+D switch it and it is remembered", async ({
    page,
    demo,
  }) => {
    const errors = watchConsole(page);
    const html = page.locator("html");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/o/${demo.org}`);
    await settle(page);
    // No stored choice: the system's scheme, set before the first paint.
    await expect(html).toHaveClass(/\bdark\b/);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const darkBg = await bg();
    await page.emulateMedia({ colorScheme: "light" });
    await expect(html).toHaveClass(/\blight\b/);
    expect(await bg()).not.toBe(darkBg);

    // The account menu: Dark, remembered across a reload while the system stays light.
    await page.getByRole("button", { name: /Account menu/ }).click();
    const group = page.getByRole("group", { name: /Theme/ });
    await expect(group.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
    await group.getByRole("button", { name: "Dark" }).click();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(group.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBe("dark");
    await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute("content", "#131a29");
    await page.reload();
    await settle(page);
    await expect(html).toHaveClass(/\bdark\b/);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("dark");

    // Shift+D toggles (outside text fields) and says so.
    await page.locator("main h1").first().click();
    await page.keyboard.press("Shift+D");
    await expect(html).toHaveClass(/\blight\b/);
    await expect(page.getByRole("status").filter({ hasText: "Light theme" })).toBeVisible();
    await page.keyboard.press("Shift+D");
    await expect(html).toHaveClass(/\bdark\b/);

    // Back to following the system.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("group", { name: /Theme/ }).getByRole("button", { name: "System" }).click();
    await expect(html).toHaveClass(/\blight\b/);
    expect(errors, "console errors").toEqual([]);
  });
});
