/**
 * Two PostgreSQL servers for the cluster tests (cluster-placement.int, org-move.int):
 * a second embedded PostgreSQL configured as DATABASE_CLUSTERS {"second": …}, plus
 * helpers to query either server, run the admin CLI and set env for one call.
 * Call `setUpSecondCluster()` once per file; the exported lets are live bindings.
 */
import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { clusterServerUrl } from "@/server/db/clusters";
import { freePort, startEmbeddedPostgres, type EmbeddedHandle } from "@/server/db/embedded";
import { disconnectAllTenantDbs } from "@/server/db/tenant";
import { makeUser, systemCaller } from "./helpers";

export const run = promisify(execFile);
export const root = path.resolve(import.meta.dirname, "../..");
export const sys = systemCaller();
export const central = getCentralDb();
export const actor = { userId: null, name: "system", correlationId: "test-move-org" };

export let second: EmbeddedHandle;
export let dataDir = "";

export async function query<T extends pg.QueryResultRow>(
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

export const firstServer = () => clusterServerUrl("default");
export const secondServer = () => clusterServerUrl("second");

export async function hasDatabase(serverUrl: string, name: string): Promise<boolean> {
  return (await query(serverUrl, "SELECT 1 FROM pg_database WHERE datname = $1", [name])).length === 1;
}

export const orgRow = (slug: string) => central.organization.findUniqueOrThrow({ where: { slug } });

export async function admin(...args: string[]): Promise<{ code: number; json: unknown }> {
  const cli = [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args];
  try {
    const { stdout } = await run(process.execPath, cli, {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "silent" },
      timeout: 120_000,
    });
    return { code: 0, json: JSON.parse(stdout) as unknown };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, json: JSON.parse(e.stdout) as unknown };
  }
}

export function fieldErrorsOf(err: unknown): Record<string, string[]> | undefined {
  const cause =
    err instanceof TRPCError ? (err.cause as { fieldErrors?: Record<string, string[]> }) : undefined;
  return cause?.fieldErrors;
}

export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  resetEnvCache();
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  }
}

/** Starts the second server (torn down after the file) and makes the first account. */
export function setUpSecondCluster(): void {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-test-pg2-"));
    await chmod(dataDir, 0o777); // the postgres system user must reach it
    second = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "data"),
      port: await freePort(),
      user: "braid_second",
      password: "braid_second_pw",
      persistent: false,
      fast: true,
    });
    process.env.DATABASE_CLUSTERS = JSON.stringify({ second: second.url });
    resetEnvCache();
    await makeUser("owner@cl.test", "Owner");
  });

  afterAll(async () => {
    await disconnectAllTenantDbs();
    await second?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
}
