/**
 * Operations: `migrate-all` (run by every CLI call and `npm start`) leaves
 * orgs that org.create is still provisioning alone, and an embedded
 * PostgreSQL shared by several programs (npm start, CLI calls) is stopped
 * only by the one that started it, and only once nobody else uses it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { orgDatabaseName } from "@/server/db/clusters";
import { getCentralDb } from "@/server/db/central";
import { freePort } from "@/server/db/embedded";
import { withDatabase } from "@/server/db/urls";
import { migrateAll } from "../../scripts/lib/migrate-all";
import { makeUser, systemCaller } from "./helpers";

const root = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(root, "node_modules/tsx/dist/cli.mjs");
const scratch: string[] = [];
const postmasters: number[] = [];

afterAll(async () => {
  for (const pid of postmasters) {
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
});

async function databaseExists(name: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: withDatabase(process.env.DATABASE_URL!, "postgres") });
  await c.connect();
  try {
    return !!(await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount;
  } finally {
    await c.end();
  }
}

describe("migrate-all", () => {
  it("migrates active orgs and skips orgs still being provisioned (no database created for them)", async () => {
    await makeUser("ops@o.test");
    await systemCaller().org.create({ name: "Live", slug: "live", ownerEmail: "ops@o.test" });
    // What org.create has done just before it creates the database: the row, status provisioning.
    const pending = await getCentralDb().organization.create({
      data: {
        name: "Pending",
        slug: "pending",
        databaseName: orgDatabaseName("pending"),
        status: "provisioning",
      },
    });
    const report = await migrateAll();
    expect(await databaseExists(pending.databaseName)).toBe(false);
    expect(await databaseExists(orgDatabaseName("live"))).toBe(true);
    expect(Object.keys(report.orgs)).toEqual(["live"]);
    expect(report.provisioning).toEqual(["pending"]);
  });
});

type Holder = { child: ChildProcessWithoutNullStreams; owned: boolean; stop: () => Promise<number | null> };

/** A child program using the embedded server on `dataDir` (see tests/fixtures/embedded/hold.ts). */
function holder(dataDir: string, port: number): Promise<Holder> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOLD_DATA_DIR: dataDir, HOLD_PORT: String(port) };
    for (const k of ["VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "NODE_OPTIONS"]) delete env[k];
    const child = spawn(process.execPath, [TSX, "tests/fixtures/embedded/hold.ts"], { cwd: root, env });
    let out = "";
    let err = "";
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /started owned=(true|false)/.exec(out);
      if (m) {
        resolve({
          child,
          owned: m[1] === "true",
          stop: async () => {
            child.stdin.write("stop\n");
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`holder exited (${code}) before starting: ${err}`)));
  });
}

async function serverAnswers(port: number): Promise<boolean> {
  const c = new pg.Client({
    connectionString: `postgresql://hold:hold@127.0.0.1:${port}/postgres`,
    connectionTimeoutMillis: 2000,
  });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

describe("a shared embedded PostgreSQL", { timeout: 120_000 }, () => {
  it("is never stopped by a program that did not start it, nor by its starter while another program uses it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-shared-"));
    await chmod(dir, 0o777);
    scratch.push(dir);
    const dataDir = path.join(dir, "pg");
    const port = await freePort();

    const starter = await holder(dataDir, port); // e.g. an admin CLI call that found no server running
    expect(starter.owned).toBe(true);
    postmasters.push(Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]));
    const sharer = await holder(dataDir, port); // e.g. npm start, which found it and reused it
    expect(sharer.owned).toBe(false);
    const other = await holder(dataDir, port); // another CLI call
    expect(other.owned).toBe(false);

    // A program that did not start the server ends: the server stays.
    expect(await other.stop()).toBe(0);
    expect(await serverAnswers(port)).toBe(true);
    // The starter ends while npm start still uses the server: it leaves it running.
    expect(await starter.stop()).toBe(0);
    expect(await serverAnswers(port)).toBe(true);
    // npm start (not the starter) ends: it does not stop it either.
    expect(await sharer.stop()).toBe(0);
    expect(await serverAnswers(port)).toBe(true);
  });

  it("is stopped by the program that started it when nobody else uses it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-solo-"));
    await chmod(dir, 0o777);
    scratch.push(dir);
    const port = await freePort();
    const solo = await holder(path.join(dir, "pg"), port);
    expect(solo.owned).toBe(true);
    expect(await solo.stop()).toBe(0);
    await expect.poll(() => serverAnswers(port), { timeout: 15_000 }).toBe(false);
  });
});
