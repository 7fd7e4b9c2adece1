/**
 * `npm run admin -- import-yaml` as an operator runs it, at size and when it
 * goes wrong: a process killed with SIGKILL in the middle of an import leaves
 * no partial project (the import is one transaction) and the next run
 * completes; a hostile file is refused with {"error":{code,message,…}}.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { generateRaidYaml } from "../../scripts/lib/v1-generator";
import { tenantDb } from "./budget-support";
import { makeUser, systemCaller } from "./helpers";

const ORG = "cli-import";
const root = path.resolve(import.meta.dirname, "../..");
const cli = ["--import", "tsx", "scripts/admin.ts"];
let dir: string;

beforeAll(async () => {
  await makeUser("cli@x.test", "Cli");
  await systemCaller().org.create({ name: "CLI", slug: ORG, ownerEmail: "cli@x.test" });
  dir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-cli-import-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ ...process.env, LOG_LEVEL: "silent", BRAIDMGR_DATA_DIR: dir });

async function admin(...args: string[]): Promise<{ code: number; json: unknown }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [...cli, ...args], {
      cwd: root,
      env: env(),
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, json: JSON.parse(stdout) };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, json: JSON.parse(e.stdout) };
  }
}

/** The org database, seen from outside the app (as an operator would look). */
async function orgDatabase() {
  const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: ORG } });
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${org.databaseName}`;
  return { url: url.toString(), name: org.databaseName };
}

/** Waits until `check` holds (polling), or fails after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("import-yaml from the CLI", () => {
  it(
    "leaves nothing half-written when killed with SIGKILL mid-import, and the next run completes",
    { timeout: 600_000 },
    async () => {
      const { yaml, stats } = generateRaidYaml({ items: 10_000, seed: 11 });
      const file = path.join(dir, "RAID-Log-Big.yaml");
      await writeFile(file, yaml);
      const { url, name } = await orgDatabase();
      const watcher = new pg.Client({ connectionString: url });
      await watcher.connect();
      try {
        // In its own process group, so the kill reaches the whole CLI and nothing else.
        const child = spawn(process.execPath, [...cli, "import-yaml", "--org", ORG, "--raid", file], {
          cwd: root,
          env: env(),
          detached: true,
          stdio: "ignore",
        });
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          child.on("exit", (_, signal) => resolve(signal)),
        );

        // Mid-way: the import's transaction has written the project and is inserting items (or what follows them).
        const writing = async () => {
          const { rows } = await watcher.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = $1 AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
              AND (query ILIKE 'INSERT INTO item%' OR query ILIKE 'INSERT INTO audit_log%' OR query ILIKE '%SAVEPOINT bulk%')`,
            [name],
          );
          return rows[0].n > 0;
        };
        await until("the import to be writing", writing, 300_000);
        process.kill(-child.pid!, "SIGKILL");
        expect(await exited).toBe("SIGKILL");

        // PostgreSQL rolls the dead client's transaction back; then nothing of it may be visible.
        await until(
          "the killed transaction to end",
          async () =>
            (
              await watcher.query(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()",
                [name],
              )
            ).rows[0].n === 0,
          120_000,
        );
        for (const table of [
          "projects",
          "items",
          "item_notes",
          "item_dependencies",
          "workstreams",
          "audit_log",
        ]) {
          const { rows } = await watcher.query(`SELECT count(*)::int AS n FROM ${table}`);
          expect({ table, rows: rows[0].n }).toEqual({ table, rows: 0 });
        }
      } finally {
        await watcher.end();
      }

      // The same command again runs to the end.
      const again = await admin("import-yaml", "--org", ORG, "--raid", file);
      expect(again.code).toBe(0);
      expect(again.json).toMatchObject({
        items: 10_000,
        notes: stats.notes,
        dependencies: stats.dependencies,
      });
      const db = await tenantDb(ORG);
      expect(await db.project.count()).toBe(1);
      expect(await db.item.count()).toBe(10_000);
    },
  );

  it(
    "refuses an alias bomb with a JSON error naming the line, exit code 1",
    { timeout: 240_000 },
    async () => {
      const file = path.join(dir, "bomb.yaml");
      const blob = JSON.stringify("b".repeat(1_000_000));
      const copies = Array.from(
        { length: 99 },
        (_, i) => `- item_num: ${i + 2}\n  type: Risk\n  title: T${i}\n  description: *x`,
      );
      await writeFile(
        file,
        `metadata:\n  project_name: B\nitems:\n- item_num: 1\n  type: Risk\n  title: A\n  description: &x ${blob}\n${copies.join("\n")}\n`,
      );
      const before = await (await tenantDb(ORG)).project.count();
      const r = await admin("import-yaml", "--org", ORG, "--raid", file);
      expect(r.code).toBe(1);
      expect(r.json).toMatchObject({
        error: {
          code: "BAD_REQUEST",
          message: expect.stringMatching(/^The RAID log has 1 problem: line 11: aliases/),
          fieldErrors: {
            raid: [expect.stringMatching(/^line 11: aliases \(\*name\) repeat more than 100,000 characters/)],
          },
        },
      });
      expect(await (await tenantDb(ORG)).project.count()).toBe(before);
    },
  );
});
