/**
 * kill -9 during a migration: the migrator runs in a child process over a
 * test-only migration set (tests/fixtures/slow-migrations: production
 * migrations are untouched) whose second migration writes, then sleeps, then
 * writes more. The child is SIGKILLed mid-sleep. Nothing of that migration may
 * remain (it runs in one transaction with its _prisma_migrations row), the
 * server must free the advisory lock promptly, and the next run must apply
 * the rest — for both schema kinds (the lock keys differ).
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { withDatabase } from "@/server/db/urls";

const root = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(root, "tests/fixtures/slow-migrations");
const serverUrl = inject("pgServerUrl");

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

function startMigrator(url: string, kind: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/run-migrator.ts", url, kind, FIXTURE],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleepingBackend = (db: string) =>
  query<{ pid: number }>(
    serverUrl,
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE '%pg_sleep%'",
    [db],
  );

async function state(url: string) {
  const migrations = await query<{ migration_name: string; checksum: string; finished: boolean }>(
    url,
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  const tables = await query<{ t: string }>(
    url,
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'crash_%' ORDER BY 1",
  );
  const columns = await query<{ c: string }>(
    url,
    "SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'crash_a' ORDER BY ordinal_position",
  );
  return {
    migrations: migrations.map((m) => `${m.migration_name}${m.finished ? "" : " (unfinished)"}`),
    checksums: Object.fromEntries(migrations.map((m) => [m.migration_name, m.checksum])),
    tables: tables.map((r) => r.t),
    crashAColumns: columns.map((r) => r.c),
  };
}

const sha256 = async (kind: string, name: string) =>
  createHash("sha256")
    .update(await readFile(path.join(FIXTURE, "prisma", kind, "migrations", name, "migration.sql")))
    .digest("hex");

describe("kill -9 during a migration", () => {
  it.each(["tenant", "central"])(
    "%s: nothing half-written, the lock is freed, the next run completes",
    { timeout: 180_000 },
    async (kind) => {
      const db = `crash_${kind}_${randomBytes(4).toString("hex")}`;
      await query(serverUrl, `CREATE DATABASE ${db}`);
      const url = withDatabase(serverUrl, db);
      try {
        // The slow migration sleeps for a minute in this database only.
        await query(serverUrl, `ALTER DATABASE ${db} SET braidmgr.test_sleep = '60'`);
        const first = startMigrator(url, kind);
        const [sleeper] = await waitFor("the migrator to reach the slow migration", async () => {
          const rows = await sleepingBackend(db);
          return rows.length ? rows : undefined;
        });
        expect(sleeper!.pid).toBeGreaterThan(0);
        // Mid-migration: the first one committed, the second one's writes not visible from outside.
        expect((await state(url)).migrations).toEqual(["20990101000000_first"]);

        first.child.kill("SIGKILL");
        const killed = await first.done;
        expect(killed.signal).toBe("SIGKILL");
        expect(killed.stdout).not.toMatch(/"applied"/);

        // The server notices the dead client during the sleep (client_connection_check_interval) and rolls back.
        const killedAt = Date.now();
        await waitFor(
          "the orphaned migration to be rolled back",
          async () => (await sleepingBackend(db)).length === 0,
          20_000,
        );
        expect(Date.now() - killedAt).toBeLessThan(20_000);
        const locks = await query<{ n: string }>(
          serverUrl,
          "SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1",
          [db],
        );
        expect(Number(locks[0]!.n)).toBe(0);
        expect(await state(url)).toMatchObject({
          migrations: ["20990101000000_first"],
          tables: ["crash_a"], // no crash_b: its CREATE and 1000 inserts were rolled back
          crashAColumns: ["id"], // nor the added column
        });

        // The next run (no sleep now) applies the rest.
        await query(serverUrl, `ALTER DATABASE ${db} RESET braidmgr.test_sleep`);
        const second = await startMigrator(url, kind).done;
        expect(second.code, second.stderr).toBe(0);
        expect(JSON.parse(second.stdout.trim().split("\n").pop()!)).toEqual({
          applied: ["20990101000001_slow", "20990101000002_last"],
        });
        const after = await state(url);
        expect(after).toMatchObject({
          migrations: ["20990101000000_first", "20990101000001_slow", "20990101000002_last"],
          tables: ["crash_a", "crash_b", "crash_c", "crash_d"],
          crashAColumns: ["id", "note"],
        });
        for (const [name, checksum] of Object.entries(after.checksums))
          expect(checksum).toBe(await sha256(kind, name));
        expect(await query(url, "SELECT count(*)::int AS n FROM crash_b")).toEqual([{ n: 1000 }]);
        expect(await query(url, "SELECT id, note FROM crash_a")).toEqual([{ id: 1, note: "migrated" }]);

        // And a third run has nothing to do.
        const third = await startMigrator(url, kind).done;
        expect(JSON.parse(third.stdout.trim().split("\n").pop()!)).toEqual({ applied: [] });
      } finally {
        await query(serverUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      }
    },
  );
});
