/**
 * A 2,000-item project for the e2e tests of long lists (the virtual table on
 * desktops, the card list on phones): imported once through the import
 * procedure and reused by later tests and runs.
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { demoLogin } from "../helpers";

/** Calls a tRPC procedure with the page's cookies; its JSON result or a thrown error. */
export async function trpc<T>(
  request: APIRequestContext,
  proc: string,
  input: unknown,
  method: "GET" | "POST",
) {
  const res =
    method === "POST"
      ? await request.post(`/api/trpc/${proc}`, { data: { json: input } })
      : await request.get(`/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${proc}: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

export const LARGE = 2000;
const LARGE_NAME = `E2E virtual list (${LARGE.toLocaleString("en")} items)`;

/** A v1 RAID log with `n` items around today (the import procedure takes them in one transaction). */
function largeRaidYaml(n: number): string {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const types = ["Risk", "Action Item", "Issue", "Decision", "Deliverable", "Plan Item"];
  const people = ["Ana Ruiz", "Bo Chen", "Chidi Okafor", "Dana Kowalski", "Eitan Levi"];
  const streams = ["Design", "Build", "Test", "Rollout"];
  const lines = [
    "metadata:",
    `  project_name: "${LARGE_NAME}"`,
    '  client_name: "Load test"',
    `  next_item_num: ${n + 1}`,
    "  workstreams:",
    ...streams.map((s) => `    - "${s}"`),
    "items:",
  ];
  for (let k = 1; k <= n; k++) {
    const start = (k % 90) - 60;
    lines.push(
      `  - item_num: ${k}`,
      `    type: "${types[k % types.length]}"`,
      `    title: "Bulk item ${k}: ${["vendor delivery", "load test", "permit", "design review", "cutover"][k % 5]}"`,
      `    workstream: "${streams[k % streams.length]}"`,
      `    assigned_to: "${people[k % people.length]}"`,
      `    start: "${day(start)}"`,
      `    finish: "${day(start + 10 + (k % 50))}"`,
      `    percent_complete: ${(k * 7) % 101}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The 2,000-item project: imported once, reused by later tests and runs. */
export async function largeProject(page: Page): Promise<string> {
  const orgSlug = demoLogin().org;
  const projects = await trpc<{ id: string; name: string; itemCount: number }[]>(
    page.request,
    "project.list",
    { orgSlug },
    "GET",
  );
  const existing = projects.find((p) => p.name === LARGE_NAME && p.itemCount === LARGE);
  if (existing) return existing.id;
  const created = await trpc<{ projectId: string; items: number }>(
    page.request,
    "project.importYaml",
    { orgSlug, raid: largeRaidYaml(LARGE), name: LARGE_NAME },
    "POST",
  );
  expect(created.items).toBe(LARGE);
  return created.projectId;
}
