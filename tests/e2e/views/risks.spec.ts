/**
 * The Risks tab (SPEC §13): the register lists the demo risks with their band written out,
 * sorts by score, a heat-map cell filters it (and survives a reload), a quick probability edit
 * persists; the dashboard's exposure and forecast cards show numbers; on a phone the heat maps
 * fit without scrolling the page sideways. Runs at desktop and phone size on the same data, so
 * every change it makes is put back. Screenshots go to tests/e2e/screenshots/ and test-results/.
 */
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signIn, snap } from "../helpers";

async function dismissTour(page: Page) {
  const skip = page.getByTestId("first-run-tour").getByRole("button", { name: "Skip tour" });
  await skip.waitFor({ state: "visible", timeout: 3_000 }).catch(() => undefined);
  if (await skip.isVisible()) await skip.click();
}

/** Signs in and returns the demo project's base path. */
async function projectBase(page: Page): Promise<string> {
  await signIn(page);
  const link = page
    .getByRole("main")
    .getByRole("link", { name: /Harbor Bridge Upgrade/ })
    .first();
  const base = /\/o\/[^/]+\/p\/[0-9a-f-]{36}/.exec((await link.getAttribute("href")) ?? "")?.[0];
  expect(base, "the demo project is listed").toBeTruthy();
  return base!;
}

async function go(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  await dismissTour(page);
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  // From the top, so the sticky header is not painted over the middle of a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, testInfo, name);
  await page.screenshot({ path: `test-results/risks-${testInfo.project.name}-${name}.png`, fullPage: true });
}

// The register is a table from `md` up and a list of cards on phones; both mark their rows.
const rows = (page: Page) => page.locator("[data-register-row]:visible");
const row = (page: Page, n: number) => page.locator(`[data-register-row][data-item-num="${n}"]:visible`);

/** The inherent scores of the listed rows, top to bottom (null for "not assessed"). */
async function scores(page: Page): Promise<(number | null)[]> {
  return page.locator('[data-register-row] [data-col="score"]').evaluateAll((cells) =>
    cells
      .filter((c) => c.getClientRects().length > 0)
      .map((c) => {
        const m = /^\s*(\d+)/.exec(c.textContent ?? "");
        return m ? Number(m[1]) : null;
      }),
  );
}

test("risks: register with bands, sorting, heat-map filter that survives reload", async ({
  page,
}, testInfo) => {
  const base = await projectBase(page);
  await go(page, `${base}/risks`);
  await expect(page).toHaveTitle(/Risks · Harbor Bridge Upgrade · braidMgr/);
  await expect(page.getByRole("heading", { name: "Risks", level: 1 })).toBeVisible();

  // The demo's risks, their band written out next to the score.
  await expect(row(page, 40).locator('[data-col="score"]')).toHaveText(/20\s*Extreme/);
  await expect(row(page, 40).locator('[data-col="residual"]')).toHaveText(/12\s*High/);
  await expect(row(page, 32).locator('[data-col="score"]')).toHaveText(/16\s*High/);
  await expect(row(page, 14).locator('[data-col="score"]')).toHaveText(/\d+\s*(Low|Medium)/);
  const total = await rows(page).count();
  expect(total, "every demo Risk and Issue is listed").toBeGreaterThanOrEqual(8);

  // Exposure summary above the maps.
  await expect(page.getByTestId("exposure-cost")).toHaveText(/^\$\d[\d,]*(\.\d\d)?$/);
  await expect(page.getByTestId("exposure-days")).toHaveText(/^\d+(\.\d)? days$/);

  // Default order: score, highest first; unassessed last.
  const desc = (await scores(page)).filter((s): s is number => s !== null);
  expect(desc).toEqual([...desc].sort((a, b) => b - a));
  await shot(page, testInfo, "risks-10-register");

  // Score heading again (the sort menu on a phone): lowest first, in the URL.
  if (testInfo.project.name === "phone") await page.getByLabel("Sort by").selectOption("score:asc");
  else await page.getByRole("button", { name: "Score", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=score&dir=asc/);
  // The rows re-sort on the render after the URL changes: wait for the order.
  await expect
    .poll(async () => {
      const asc = (await scores(page)).filter((s): s is number => s !== null);
      return asc.length > 1 && asc.every((n, i) => i === 0 || asc[i - 1]! <= n);
    })
    .toBe(true);

  // A heat-map cell filters the register to its risks: #40 is the only open P4 × I5 risk.
  const cell = page.locator('[data-cell="inherent-4-5"]');
  await expect(cell).toHaveAccessibleName("Probability 4, impact 5: 1 risk, band Extreme");
  await cell.click();
  await expect(page).toHaveURL(/[?&]cell=inherent-4-5/);
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 40)).toBeVisible();
  await expect(cell).toHaveAttribute("aria-pressed", "true");

  // …and survives a reload (the sort too).
  await page.reload();
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 40)).toBeVisible();
  await expect(page).toHaveURL(/[?&]sort=score&dir=asc/);
  const chip = page.getByRole("button", { name: "Remove the heat-map cell filter" });
  await expect(chip).toBeVisible();

  // Pressing the cell again clears it; so does the chip.
  await page.locator('[data-cell="inherent-4-5"]').click();
  await expect(rows(page)).toHaveCount(total);
  await page.locator('[data-cell="inherent-4-5"]').click();
  await expect(rows(page)).toHaveCount(1);
  await chip.click();
  await expect(rows(page)).toHaveCount(total);
  await expect(page).not.toHaveURL(/cell=/);

  // A row's title opens the item editor (the item in the URL, like the other views).
  await row(page, 40)
    .getByRole("button", { name: /Security review finds blocking issues late/ })
    .click();
  await expect(page).toHaveURL(/[?&]item=40(&|$)/);
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(
    "Security review finds blocking issues late",
  );
  await page.keyboard.press("Escape");
  await expect(page).not.toHaveURL(/item=40/);

  // The residual map places #40 by its residual rating (P3 × I4).
  await page.locator('[data-cell="residual-3-4"]').click();
  await expect(row(page, 40)).toBeVisible();
  await expect(page).toHaveURL(/[?&]cell=residual-3-4/);
});

test("risks: a quick probability edit saves, updates the score and persists after reload", async ({
  page,
}) => {
  const base = await projectBase(page);
  await go(page, `${base}/risks`);
  const select = page.getByRole("combobox", { name: "Probability of #14" });
  await expect(select).toBeVisible();
  const before = await select.inputValue();
  const impact = Number(await page.getByRole("combobox", { name: "Impact of #14" }).inputValue());
  const next = before === "5" ? "4" : "5";
  try {
    await select.selectOption(next);
    // Optimistic: the score changes at once.
    await expect(row(page, 14).locator('[data-col="score"]')).toHaveText(
      new RegExp(`^\\s*${Number(next) * impact}(?!\\d)`),
    );
    await expect(page.getByRole("status").filter({ hasText: "Saved item #14" })).toBeVisible();
    await page.reload();
    await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
    await expect(page.getByRole("combobox", { name: "Probability of #14" })).toHaveValue(next);
    await expect(row(page, 14).locator('[data-col="score"]')).toHaveText(
      new RegExp(`^\\s*${Number(next) * impact}(?!\\d)`),
    );
  } finally {
    // Put it back, so the other project (desktop / phone) starts from the demo values.
    const again = page.getByRole("combobox", { name: "Probability of #14" });
    if ((await again.inputValue()) !== before) {
      await again.selectOption(before);
      await expect(page.getByRole("status").filter({ hasText: "Saved item #14" }).first()).toBeVisible();
    }
  }
});

test("risks: heat maps fit a phone; dashboard shows exposure and forecast", async ({ page }, testInfo) => {
  const base = await projectBase(page);
  await go(page, `${base}/risks`);
  const map = page.locator('[data-heat-map="inherent"]');
  await map.scrollIntoViewIfNeeded();
  await expect(map).toBeVisible();
  const fits = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: window.innerWidth,
  }));
  expect(fits.page, "no sideways page scroll").toBeLessThanOrEqual(fits.view);
  for (const kind of ["inherent", "residual"]) {
    const box = await page.locator(`[data-heat-map="${kind}"]`).boundingBox();
    expect(box, `${kind} heat map is laid out`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(fits.view);
  }
  // Touch targets: a non-empty cell is at least 44 px on a phone.
  const cellBox = await page.locator('[data-cell="inherent-4-5"]').boundingBox();
  if (testInfo.project.name === "phone") {
    expect(cellBox!.width).toBeGreaterThanOrEqual(44);
    expect(cellBox!.height).toBeGreaterThanOrEqual(44);
  }
  await shot(page, testInfo, "risks-20-page");

  await go(page, `${base}/dashboard`);
  const exposure = page.getByTestId("exposure-card");
  await expect(exposure).toBeVisible();
  await expect(exposure).toContainText(/\$\d[\d,]*/);
  await expect(exposure).toContainText(/\d+(\.\d)? days/);
  const worst = exposure.getByRole("link", { name: /^#\d+ / });
  await expect(worst).toHaveAttribute("href", /\/risks\?item=\d+$/);
  const forecast = page.getByTestId("forecast-card");
  await expect(forecast).toBeVisible();
  for (const id of ["forecast-plan", "forecast-p50", "forecast-p80"])
    await expect(forecast.getByTestId(id)).toHaveText(/^\d{1,2} \w{3} \d{4}$/);
  await expect(forecast.getByTestId("forecast-explanation")).not.toBeEmpty();
  await forecast.scrollIntoViewIfNeeded();
  await shot(page, testInfo, "risks-30-dashboard");

  // The budget compares forecast + exposure with the budget total, in words.
  await go(page, `${base}/budget`);
  await expect(page.getByTestId("forecast-exposure")).toContainText(
    /Forecast \$[\d,.]+ \+ risk exposure \$[\d,.]+ = \$[\d,.]+ of \$[\d,.]+ budget — \$[\d,.]+ (headroom|over)/,
  );
  await shot(page, testInfo, "risks-40-budget");

  await go(page, `${base}/dashboard`);
  // The worst risk opens the register with that item in the editor.
  await worst.click();
  await expect(page).toHaveURL(/\/risks\?item=\d+$/);
});
