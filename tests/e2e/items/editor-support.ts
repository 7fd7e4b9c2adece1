/** Helpers of the item editor specs: screenshots, tRPC calls, a fresh item, opening by link. */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { demoLogin, openDemoProject, signIn } from "../helpers";
import { projectIdOf, skipTourWhenShown } from "../support/e2e";

export const SHOTS = path.join(import.meta.dirname, "..", "screenshots", "editor");

export async function shot(page: Page, testInfo: TestInfo, name: string) {
  if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300); // toasts and focus rings settle
  await page.screenshot({ path: path.join(SHOTS, `${testInfo.project.name}-${name}.png`) });
}

export async function trpc<T>(
  page: Page,
  proc: string,
  input: Record<string, unknown>,
  method: "GET" | "POST",
) {
  const json = { orgSlug: demoLogin().org, ...input };
  const res =
    method === "POST"
      ? await page.request.post(`/api/trpc/${proc}`, { data: { json } })
      : await page.request.get(`/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json }))}`);
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${proc}: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

export type Item = { itemNum: number; title: string; version: number; percentComplete: number };

export async function createItem(page: Page, projectId: string, title: string): Promise<Item> {
  return trpc<Item>(page, "item.create", { projectId, type: "Action Item", title }, "POST");
}

export const editorOf = (page: Page, itemNum: number) =>
  page.getByRole("dialog", { name: `Item #${itemNum}` });

/** Signs in, opens the demo project and returns its id and the All items URL. */
export async function start(page: Page) {
  await skipTourWhenShown(page);
  await signIn(page);
  await openDemoProject(page);
  return { projectId: projectIdOf(page), itemsUrl: page.url().split("?")[0]! };
}

/** Opens an item through a deep link (?item=N) and waits for its form. */
export async function openByLink(page: Page, itemsUrl: string, itemNum: number) {
  await page.goto(`${itemsUrl}?item=${itemNum}`);
  const editor = editorOf(page, itemNum);
  await expect(editor.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  return editor;
}
