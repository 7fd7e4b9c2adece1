/**
 * Project settings → Webhooks: add a webhook pointing at a real receiver on loopback (the e2e
 * server runs with WEBHOOK_ALLOW_PRIVATE_TARGETS=true), copy the secret shown once, send a test
 * event, see it delivered in the log, and check the receiver got one request whose signature
 * verifies with that secret. Then the webhook is deleted again. Screenshots for a human to look at.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { openDemoAsOwner, skipTourWhenShown } from "../support/e2e";

/** A full-page screenshot for a human to look at (without waiting for a network that never idles). */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => undefined);
  await page.screenshot({
    path: `test-results/webhooks-${testInfo.project.name}-${name}.png`,
    fullPage: true,
  });
}

type Hit = { headers: http.IncomingHttpHeaders; body: string };
const hits: Hit[] = [];
let server: http.Server;
let url = "";

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/braid`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("adds a webhook in project settings and sees a signed test delivery in the log", async ({
  page,
}, testInfo) => {
  await skipTourWhenShown(page);
  const projectId = await openDemoAsOwner(page);
  await page.goto(page.url().replace(new RegExp(`/p/${projectId}.*$`), `/p/${projectId}/settings`));
  const section = page.getByRole("region", { name: "Webhooks" });
  await expect(section).toBeVisible();

  await section.getByRole("button", { name: "Add webhook" }).click();
  const form = section.getByRole("form", { name: "Add a webhook" });
  // Field-level errors: a bad URL and no events.
  await form.getByLabel("Payload URL").fill("not a url");
  for (const label of ["Item created", "Item updated", "Item deleted", "Note added"])
    await form.getByLabel(label).uncheck();
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.getByText("Enter a full URL starting with https://")).toBeVisible();
  await expect(form.getByText("Choose at least one event")).toBeVisible();
  await form.screenshot({ path: `test-results/webhooks-${testInfo.project.name}-form-errors.png` });

  await form.getByLabel("Payload URL").fill(url);
  await form.getByLabel("Item created").check();
  await form.getByLabel("Note added").check();
  await form.getByLabel("Description").fill(`e2e receiver (${testInfo.project.name})`);
  await form.getByRole("button", { name: "Add webhook" }).click();

  const secretBox = section.getByTestId("webhook-secret");
  await expect(secretBox).toBeVisible();
  const secret = await secretBox.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  await shot(page, testInfo, "secret");
  await secretBox.getByRole("button", { name: "Done" }).click();
  await expect(secretBox).toBeHidden();

  const hook = section.getByTestId("webhook").filter({ hasText: url });
  await expect(hook).toBeVisible();
  await hook.getByRole("button", { name: "Send test" }).click();
  const delivery = hook.getByTestId("webhook-delivery").first();
  await expect(delivery).toContainText("ping");
  await expect(delivery).toContainText("Delivered");
  await expect(delivery).toContainText("1 attempt");
  await expect(delivery).toContainText("HTTP 204");

  expect(hits).toHaveLength(1);
  const hit = hits[0]!;
  expect(hit.headers["x-braid-event"]).toBe("ping");
  const expected = createHmac("sha256", secret)
    .update(`${String(hit.headers["x-braid-timestamp"])}.${hit.body}`)
    .digest("hex");
  expect(hit.headers["x-braid-signature"]).toBe(`sha256=${expected}`);
  expect(JSON.parse(hit.body)).toMatchObject({ type: "ping", project: { id: projectId } });

  await page.evaluate(() => window.scrollTo(0, 0));
  await section.scrollIntoViewIfNeeded();
  await shot(page, testInfo, "settings");
  await section.screenshot({ path: `test-results/webhooks-${testInfo.project.name}-section.png` });
  // The section fits the screen: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await hook.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete webhook" }).click();
  await expect(hook).toBeHidden();
});
