/**
 * The notification bell: an item assigned to the signed-in user (by an
 * operator through the admin CLI) shows in the unread count; opening the
 * notification opens the item and marks it read; the profile page has the
 * notification settings.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { demoLogin, openDemoProject, signIn, snap } from "../helpers";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");

async function admin(...args: string[]): Promise<unknown> {
  const { stdout } = await run(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args],
    {
      cwd: root,
      timeout: 120_000,
      env: {
        ...process.env,
        LOG_LEVEL: "silent",
        BRAIDMGR_DATA_DIR: process.env.E2E_DATA_DIR,
        EMBEDDED_PG_PORT: process.env.E2E_PG_PORT || "54349",
      },
    },
  );
  return JSON.parse(stdout);
}

test("the bell counts a new assignment; opening it opens the item", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const login = demoLogin();
  await signIn(page, login);
  await openDemoProject(page);
  const projectId = /\/p\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const me = (await (await page.request.get("/api/trpc/user.me")).json()) as {
    result: { data: { json: { id: string } } };
  };
  const userId = me.result.data.json.id;

  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  const before = Number(/(\d+) unread/.exec((await bell.getAttribute("aria-label"))!)![1]);

  const title = `Check the bolts ${testInfo.project.name} ${Date.now()}`;
  const item = (await admin(
    "call",
    "item.create",
    "--org",
    login.org,
    "--input",
    JSON.stringify({ projectId, type: "Action Item", title, assignedToUserId: userId }),
  )) as { itemNum: number };

  // The bell checks every minute and on focus; a reload shows it at once.
  await page.reload();
  await expect(page.getByRole("button", { name: `Notifications, ${before + 1} unread` })).toBeVisible();
  await page.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
  const panel = page.getByRole("region", { name: "Notifications" });
  const entry = panel.getByRole("button", { name: new RegExp(`Assigned to you: #${item.itemNum} ${title}`) });
  await expect(entry).toBeVisible();
  await snap(page, testInfo, "80-notifications-bell", false);

  await entry.click();
  await expect(page).toHaveURL(new RegExp(`/p/${projectId}\\?item=${item.itemNum}$`));
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
  await expect(page.getByRole("button", { name: `Notifications, ${before} unread` })).toBeVisible();

  await page.goto("/profile#notifications");
  const prefs = page.getByRole("region", { name: "Notifications" });
  await expect(prefs.getByLabel("Time zone")).toBeVisible();
  await snap(page, testInfo, "81-profile-notifications", false);
});
