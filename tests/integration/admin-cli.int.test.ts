/**
 * The admin CLI as an operator uses it (CONTRACT.md): a separate process,
 * JSON on stdout, {"error":{code,message}} and a non-zero exit on failure.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../support/fixtures";
import { systemCaller } from "./helpers";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

async function admin(...args: string[]): Promise<{ code: number; json: unknown; stdout: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args],
      {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: "silent" },
        timeout: 60_000,
      },
    );
    return { code: 0, json: safeJson(stdout), stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, json: safeJson(e.stdout), stdout: e.stdout };
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

describe("npm run admin", () => {
  it("creates orgs, users and projects, and enforces tenancy and roles", { timeout: 240_000 }, async () => {
    const a = await admin(
      "create-org",
      "--name",
      "Alpha",
      "--slug",
      "alpha",
      "--owner-email",
      "ann@alpha.test",
      "--owner-password",
      "Alpha-pass-1",
    );
    expect(a.code).toBe(0);
    expect(a.json).toMatchObject({
      org: { slug: "alpha" },
      owner: { email: "ann@alpha.test", created: true },
    });
    // The rest of the set-up goes through the same procedures in-process (each CLI start costs seconds).
    const sys = systemCaller();
    await sys.user.create({ email: "bob@beta.test", name: "Bob", password: "Beta-pass-1" });
    await sys.org.create({ name: "Beta", slug: "beta", ownerEmail: "bob@beta.test" });
    await sys.user.create({ email: "vic@alpha.test", name: "Vic", password: "Viewer-pass-1" });
    await sys.org.addMember({ orgSlug: "alpha", email: "vic@alpha.test", role: "member" });

    const imported = await admin(
      "import-yaml",
      "--org",
      "alpha",
      "--raid",
      path.join(FIXTURES, "RAID-Log-Harbor-Bridge-Upgrade.yaml"),
      "--as",
      "ann@alpha.test",
    );
    expect(imported.code).toBe(0);
    const projectId = (imported.json as { projectId: string; items: number }).projectId;
    expect((imported.json as { items: number }).items).toBe(40);
    await sys.project.setRole({ orgSlug: "alpha", projectId, email: "vic@alpha.test", role: "viewer" });

    // Org B's owner asking for org A's project: NOT_FOUND, whichever org slug they try.
    const cross = await admin(
      "call",
      "project.get",
      "--org",
      "beta",
      "--as",
      "bob@beta.test",
      "--input",
      JSON.stringify({ projectId }),
    );
    expect(cross.code).not.toBe(0);
    expect(cross.json).toMatchObject({ error: { code: "NOT_FOUND" } });

    // A viewer may read but not create.
    const viewerCreate = await admin(
      "call",
      "item.create",
      "--org",
      "alpha",
      "--as",
      "vic@alpha.test",
      "--input",
      JSON.stringify({ projectId, type: "Risk", title: "x" }),
    );
    expect(viewerCreate.json).toMatchObject({ error: { code: "FORBIDDEN" } });

    // Bad input: field-level errors, nothing written.
    const bad = await admin(
      "call",
      "item.create",
      "--org",
      "alpha",
      "--as",
      "ann@alpha.test",
      "--input",
      JSON.stringify({ projectId, type: "Risk", title: "" }),
    );
    expect(bad.json).toMatchObject({
      error: { code: "BAD_REQUEST", fieldErrors: { title: ["Enter a title"] } },
    });

    const csv = await admin(
      "export",
      "--org",
      "alpha",
      "--project",
      projectId,
      "--format",
      "csv",
      "--as-of",
      "2025-03-14",
      "--critical-only",
    );
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split(/\r\n/);
    expect(lines[0]).toContain("Item #,Type,Workstream,Title");
    expect(lines.slice(1).every((l) => /Beyond Deadline!!!|Late Finish!!|Late Start!!/.test(l))).toBe(true);

    const unknown = await admin("no-such-command");
    expect(unknown.code).not.toBe(0);
    expect(unknown.json).toMatchObject({ error: { code: "BAD_REQUEST" } });

    // A misspelt flag is refused (an export "filtered" by a flag nobody reads would be the whole log),
    // and so is a flag that needs a value and has none.
    const typo = await admin(
      "export",
      "--org",
      "alpha",
      "--project",
      projectId,
      "--format",
      "csv",
      "--crtical-only",
    );
    expect(typo.code).toBe(2);
    expect(typo.json).toMatchObject({
      error: { code: "BAD_REQUEST", message: expect.stringContaining("--crtical-only") },
    });
    const noValue = await admin(
      "export",
      "--org",
      "alpha",
      "--project",
      projectId,
      "--format",
      "xlsx",
      "--out",
    );
    expect(noValue.code).toBe(2);
    expect(noValue.json).toMatchObject({
      error: { code: "BAD_REQUEST", message: expect.stringContaining("--out") },
    });
  });
});
