/**
 * Offline reading: a project opened while online can be read again with no network
 * (the service worker keeps the app shell, the pages and the project's data), with the
 * offline banner showing. To prove the page comes from this device and not the server,
 * an item is renamed on the server after the visit: offline, the old title is what shows.
 */
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { openDemoProject, signIn, snap } from "../helpers";

/** Calls a tRPC procedure over HTTP the way the app does (superjson envelope). */
async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(res.ok(), `${path}: ${res.status()}`).toBeTruthy();
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcMutation(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
}

/** Waits until the service worker controls this page (it registers after the first load). */
async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForLoadState("networkidle");
  }
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/**
 * Network off or on for the whole browser context. Playwright's emulation makes every request
 * fail, but with the Debian Chromium this CI installs (150) it does not also flip
 * `navigator.onLine` or fire the `offline` event, as a real device does when it loses the
 * network. So the page is told the same way a device would tell it: `navigator.onLine`
 * follows a sessionStorage flag (an init script installed before the first page) and the
 * event is fired. Requests still fail for real, so what shows comes from this device.
 */
async function reportOfflineLikeADevice(context: BrowserContext) {
  await context.addInitScript(() => {
    const real = Object.getOwnPropertyDescriptor(Navigator.prototype, "onLine");
    Object.defineProperty(Navigator.prototype, "onLine", {
      configurable: true,
      get(this: Navigator) {
        if (sessionStorage.getItem("e2e:offline") === "1") return false;
        return real?.get ? (real.get.call(this) as boolean) : true;
      },
    });
  });
}

async function setNetwork(context: BrowserContext, page: Page, online: boolean) {
  await context.setOffline(!online);
  // The same Chromium lets the service worker's own fetches through setOffline: refuse them too.
  if (online) await context.unrouteAll();
  else await context.route("**/*", (route) => route.abort("internetdisconnected"));
  await page.evaluate((on) => {
    if (on) sessionStorage.removeItem("e2e:offline");
    else sessionStorage.setItem("e2e:offline", "1");
    window.dispatchEvent(new Event(on ? "online" : "offline"));
  }, online);
}

test("a project visited online can be read offline", async ({ page, context }, testInfo) => {
  await reportOfflineLikeADevice(context);
  await signIn(page);
  await openDemoProject(page);
  await waitForServiceWorker(page);

  // Visit the views once online, so the pages and their data are on this device.
  const base = /\/o\/([^/]+)\/p\/([0-9a-f-]{36})/.exec(page.url())!;
  const [, orgSlug, projectId] = base;
  await page.goto(`${base[0]}/dashboard`);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.goto(base[0]);
  const firstRow = page.locator("[data-item-row][data-item-num]").first();
  await expect(firstRow).toBeVisible();
  await page.waitForLoadState("networkidle");
  const itemNum = Number(await firstRow.getAttribute("data-item-num"));
  const item = await trpcQuery<{ title: string; version: number }>(page.request, "item.get", {
    orgSlug,
    projectId,
    itemNum,
  });

  // Someone renames the item on the server while this device still has the old copy.
  const renamed = `${item.title} (renamed while offline)`;
  await trpcMutation(page.request, "item.update", {
    orgSlug,
    projectId,
    itemNum,
    version: item.version,
    title: renamed,
  });

  try {
    await setNetwork(context, page, false);
    await page.reload();
    await expect(page.getByTestId("offline-banner")).toBeVisible();
    await expect(page.getByRole("heading", { name: "All items", level: 1 })).toBeVisible();
    const row = page.locator(`[data-item-row][data-item-num="${itemNum}"]`);
    await expect(row).toContainText(item.title);
    await expect(row).not.toContainText("renamed while offline");
    await snap(page, testInfo, "offline-10-items");

    await page.goto(`${base[0]}/dashboard`);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByTestId("offline-banner")).toBeVisible();
    await snap(page, testInfo, "offline-11-dashboard");
  } finally {
    await setNetwork(context, page, true);
  }

  // Back online, the app shows the server's copy again.
  await page.goto(base[0]);
  await expect(page.getByTestId("offline-banner")).toBeHidden();
  await expect(page.locator(`[data-item-row][data-item-num="${itemNum}"]`)).toContainText(
    "renamed while offline",
  );
  // Put the demo title back for the specs that follow.
  const now = await trpcQuery<{ version: number }>(page.request, "item.get", { orgSlug, projectId, itemNum });
  await trpcMutation(page.request, "item.update", {
    orgSlug,
    projectId,
    itemNum,
    version: now.version,
    title: item.title,
  });
});
