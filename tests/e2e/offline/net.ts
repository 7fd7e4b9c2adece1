/** Network helpers for the offline specs (see offline.spec.ts for why they are needed). */
import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

export async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(res.ok(), `${path}: ${res.status()}`).toBeTruthy();
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

export async function trpcMutation(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
}

/** Waits until the service worker controls this page (it registers after the first load). */
export async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForLoadState("networkidle");
  }
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** `navigator.onLine` follows a sessionStorage flag, as a device reports losing the network. */
export async function reportOfflineLikeADevice(context: BrowserContext) {
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

export async function setNetwork(context: BrowserContext, page: Page, online: boolean) {
  await context.setOffline(!online);
  // Chromium lets the service worker's own fetches through setOffline: refuse them too.
  if (online) await context.unrouteAll();
  else await context.route("**/*", (route) => route.abort("internetdisconnected"));
  await page.evaluate((on) => {
    if (on) sessionStorage.removeItem("e2e:offline");
    else sessionStorage.setItem("e2e:offline", "1");
    window.dispatchEvent(new Event(on ? "online" : "offline"));
  }, online);
}
