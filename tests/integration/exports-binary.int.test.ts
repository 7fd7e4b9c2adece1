/**
 * The binary exports (xlsx, pdf) and the budget YAML through the real
 * procedure, the /api/export route and the admin CLI, on the demo project:
 * base64 on the API, bytes on the route, --out on the CLI, the client view
 * in every format, and the budget surviving export → import.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { exportHttpResponse } from "@/server/api/export-http";
import { createInnerContext } from "@/server/api/trpc";
import { demoFiles } from "../../scripts/lib/demo-project";
import { pdfText } from "../support/pdf-tools";
import { codeOf, makeUser, sessionFor, systemCaller } from "./helpers";

const ORG = "xbin";
const sys = systemCaller();
const SECRET = "Internal only item ZQX";
let projectId: string;
let emptyId: string;

beforeAll(async () => {
  await makeUser("xb@x.test", "Xb");
  await sys.org.create({ name: "Binary", slug: ORG, ownerEmail: "xb@x.test" });
  const files = demoFiles();
  projectId = (await sys.project.importYaml({ orgSlug: ORG, raid: files.raid, budget: files.budget }))
    .projectId;
  await sys.item.create({
    orgSlug: ORG,
    projectId,
    type: "Action Item",
    title: SECRET,
    clientVisible: false,
  });
  emptyId = (await sys.project.create({ orgSlug: ORG, name: "No budget" })).id;
  await sys.item.create({ orgSlug: ORG, projectId: emptyId, type: "Risk", title: "Only item" });
}, 120_000);

const bytesOf = (f: { content: string; encoding: string }) => {
  expect(f.encoding).toBe("base64");
  return Buffer.from(f.content, "base64");
};

async function sheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb;
}

const titles = (ws: ExcelJS.Worksheet) =>
  Array.from({ length: ws.rowCount - 1 }, (_, i) => String(ws.getRow(i + 2).getCell(4).value));

describe("xlsx and pdf exports", () => {
  it("returns the workbook as base64 with every item, the budget sheet, and honours the client view", async () => {
    const all = await sys.project.export({ orgSlug: ORG, projectId, format: "xlsx" });
    expect(all.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(all.filename).toMatch(/^Harbor-Bridge-Upgrade-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = await sheet(bytesOf(all));
    const items = wb.getWorksheet("Items")!;
    expect(items.rowCount - 1).toBe(all.items);
    expect(titles(items)).toContain(SECRET);
    expect(wb.getWorksheet("Budget")).toBeTruthy();

    const client = await sys.project.export({ orgSlug: ORG, projectId, format: "xlsx", clientView: true });
    // The file name says which items it holds.
    expect(client.filename).toMatch(/^Harbor-Bridge-Upgrade-client-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const critical = await sys.project.export({
      orgSlug: ORG,
      projectId,
      format: "csv",
      filter: { criticalOnly: true, types: ["Risk"] },
    });
    expect(critical.filename).toMatch(/^Harbor-Bridge-Upgrade-critical-risk-\d{4}-\d{2}-\d{2}\.csv$/);
    const clientTitles = titles((await sheet(bytesOf(client))).getWorksheet("Items")!);
    expect(clientTitles).not.toContain(SECRET);
    expect(clientTitles.length).toBe(client.items);
    expect(client.items).toBeLessThan(all.items);

    const none = await sys.project.export({ orgSlug: ORG, projectId: emptyId, format: "xlsx" });
    expect((await sheet(bytesOf(none))).getWorksheet("Budget")).toBeUndefined();
  });

  it("prints the PDF status report, without the hidden item in the client view", async () => {
    const all = await sys.project.export({ orgSlug: ORG, projectId, format: "pdf", asOf: "2026-01-05" });
    expect(all.contentType).toBe("application/pdf");
    expect(all.filename).toMatch(/-status-2026-01-05\.pdf$/);
    const text = pdfText(bytesOf(all)).replace(/\s+/g, " ");
    expect(text).toContain("Harbor Bridge Upgrade");
    expect(text).toContain("As of 2026-01-05");
    expect(text).toContain("Page 1 of");
    expect(text).toContain(SECRET);
    const client = await sys.project.export({ orgSlug: ORG, projectId, format: "pdf", clientView: true });
    const clientText = pdfText(bytesOf(client)).replace(/\s+/g, " ");
    expect(clientText).toContain("Client view");
    expect(clientText).not.toContain(SECRET);
  });

  it("serves the bytes from /api/export with the file's type and name", async () => {
    const ctx = createInnerContext({ session: await sessionFor("xb@x.test"), correlationId: "xb-1" });
    const url = `http://localhost/api/export?org=${ORG}&project=${projectId}&format=pdf&clientView=1`;
    const res = await exportHttpResponse(new Request(url), ctx);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="Harbor-Bridge-Upgrade-status-.*\.pdf"/,
    );
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfText(body)).not.toContain(SECRET);
    const csv = await exportHttpResponse(new Request(url.replace("format=pdf", "format=csv")), ctx);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await csv.text()).toContain("Item #");
  });
});

describe("budget-yaml export", () => {
  it("round-trips: export → import into a new project → the same budget metrics", async () => {
    const budget = await sys.project.export({ orgSlug: ORG, projectId, format: "budget-yaml" });
    expect(budget.encoding).toBe("utf8");
    expect(budget.filename).toMatch(/-budget-\d{4}-\d{2}-\d{2}\.yaml$/);
    expect(budget.content).toContain("timesheet_data:");
    const raid = await sys.project.export({ orgSlug: ORG, projectId, format: "yaml" });
    const copy = await sys.project.importYaml({ orgSlug: ORG, raid: raid.content, budget: budget.content });
    const [a, b] = await Promise.all([
      sys.budget.metrics({ orgSlug: ORG, projectId }),
      sys.budget.metrics({ orgSlug: ORG, projectId: copy.projectId }),
    ]);
    expect(b).toEqual(a);
    expect(a.burnToDate).toBeGreaterThan(0);
  });

  it("refuses the client view with a field error, and gives an empty budget for a project without one", async () => {
    expect(
      await codeOf(sys.project.export({ orgSlug: ORG, projectId, format: "budget-yaml", clientView: true })),
    ).toBe("BAD_REQUEST");
    const empty = await sys.project.export({ orgSlug: ORG, projectId: emptyId, format: "budget-yaml" });
    expect(empty.items).toBe(0);
    expect(empty.content).toContain("rate_card: []");
  });
});

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
async function admin(...args: string[]) {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args],
      { cwd: root, env: { ...process.env, LOG_LEVEL: "silent" }, timeout: 60_000 },
    );
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe("admin export --out", () => {
  it("requires --out for binary formats and writes any format to it", { timeout: 180_000 }, async () => {
    const base = ["export", "--org", ORG, "--project", projectId];
    const refused = await admin(...base, "--format", "xlsx");
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      error: { code: "BAD_REQUEST", message: expect.stringContaining("--out FILE") },
    });
    const dir = mkdtempSync(path.join(tmpdir(), "xb-cli-"));
    const out = path.join(dir, "items.xlsx");
    const wrote = await admin(...base, "--format", "xlsx", "--client", "--out", out);
    expect(wrote.code).toBe(0);
    expect(JSON.parse(wrote.stdout)).toMatchObject({ out, filename: expect.stringMatching(/\.xlsx$/) });
    const titlesInFile = titles((await sheet(readFileSync(out))).getWorksheet("Items")!);
    expect(titlesInFile).not.toContain(SECRET);
    const csvOut = path.join(dir, "items.csv");
    expect((await admin(...base, "--format", "csv", "--out", csvOut)).code).toBe(0);
    expect(readFileSync(csvOut, "utf8")).toContain(SECRET);
  });
});
