/**
 * A database outage seen through HTTP. This file runs its own embedded
 * PostgreSQL (so it can stop and start it without disturbing other files) and
 * an app instance in a process of its own (tests/support/app-instance.ts: the
 * real next-auth and tRPC handlers) on it.
 *
 * - While PostgreSQL is down, requests fail fast (well under the client's
 *   patience) with 503 SERVICE_UNAVAILABLE and one stable message — no driver
 *   text, no stack — and the app process keeps running.
 * - Once PostgreSQL is back, the same app process serves requests again.
 * - An open `project.onChange` stream survives the outage: it gets a `resync`
 *   once the LISTEN connection is back, and later edits reach it.
 *
 * (Ending only the LISTEN connection, pg_terminate_backend, is covered in
 * live-http.int.test.ts and live.int.test.ts.)
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { disconnectCentralDb } from "@/server/db/central";
import {
  freePort,
  startEmbeddedPostgres,
  type EmbeddedHandle,
  type EmbeddedOptions,
} from "@/server/db/embedded";
import { DB_UNAVAILABLE_MESSAGE } from "@/server/db/errors";
import { migrateDatabase } from "@/server/db/migrator";
import { disconnectAllTenantDbs } from "@/server/db/tenant";
import { withDatabase } from "@/server/db/urls";
import { makeUser, systemCaller } from "./helpers";
import { httpClient, signIn, waitUntil, watchHttp, type Watch } from "./live-support";
import type { CookieJar } from "./auth-http-server";

const root = path.resolve(import.meta.dirname, "../..");
const ORG = "outage";
const CENTRAL = "outage_central";
const TEMPLATE = "outage_tenant_tpl";
/** Env this file changes (restored afterwards). */
const ENV_KEYS = [
  "DATABASE_URL",
  "ORG_DATABASE_PREFIX",
  "TENANT_TEMPLATE_DATABASE",
  "DATABASE_CLUSTERS",
  "NEXTAUTH_URL",
];
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let dataDir = "";
let pgOptions: EmbeddedOptions;
let postgres: EmbeddedHandle | null = null;
let app: {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  exited: Promise<number | null>;
};
let projectId = "";

async function startApp() {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/app-instance.ts"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "info", LIVE_RECHECK_MS: "300" },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start:\n${stderr}`)), 90_000);
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
      const line = stdout.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { ready: string }).ready);
      }
    });
    child.on("exit", (code) => reject(new Error(`the app exited (${code}):\n${stderr}`)));
  });
  return { url, child, stderr: () => stderr, exited };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-test-pg-outage-"));
  await chmod(dataDir, 0o777); // the postgres system user must reach it
  // persistent: the data must survive the stop in the middle of the test.
  pgOptions = {
    dataDir: path.join(dataDir, "data"),
    port: await freePort(),
    user: "braid_outage",
    password: "braid_outage_pw",
    persistent: true,
    fast: true,
  };
  postgres = await startEmbeddedPostgres(pgOptions);
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${CENTRAL}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  await migrateDatabase(withDatabase(postgres.url, CENTRAL), "central");
  await migrateDatabase(withDatabase(postgres.url, TEMPLATE), "tenant");

  // This process and the app both use the new server from here on.
  await disconnectAllTenantDbs();
  await disconnectCentralDb();
  process.env.DATABASE_URL = withDatabase(postgres.url, CENTRAL);
  process.env.ORG_DATABASE_PREFIX = "outage_org_";
  process.env.TENANT_TEMPLATE_DATABASE = TEMPLATE;
  delete process.env.DATABASE_CLUSTERS;
  delete process.env.NEXTAUTH_URL; // the app sets its own
  resetEnvCache();

  await makeUser("olga@outage.test", "Olga Outage");
  await systemCaller().org.create({ name: "Outage", slug: ORG, ownerEmail: "olga@outage.test" });
  projectId = (await systemCaller().project.create({ orgSlug: ORG, name: "Weathering" })).id;
  // Nothing of this process stays connected: only the app talks to PostgreSQL below.
  await disconnectAllTenantDbs();
  await disconnectCentralDb();

  app = await startApp();
}, 180_000);

afterAll(async () => {
  if (app && app.child.exitCode === null) {
    app.child.kill("SIGTERM");
    const timer = setTimeout(() => app.child.kill("SIGKILL"), 10_000);
    await app.exited;
    clearTimeout(timer);
  }
  await postgres?.stop();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  await disconnectCentralDb();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type Answer = { status: number; code?: string; message?: string; text: string; ms: number };

async function call(jar: CookieJar, procPath: string, input: unknown, mutation = false): Promise<Answer> {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const started = performance.now();
  const res = await fetch(
    mutation ? `${app.url}/api/trpc/${procPath}` : `${app.url}/api/trpc/${procPath}?input=${encoded}`,
    {
      method: mutation ? "POST" : "GET",
      headers: { "content-type": "application/json", cookie: jar.header() },
      body: mutation ? JSON.stringify(superjson.serialize(input)) : undefined,
      signal: AbortSignal.timeout(30_000),
    },
  );
  const text = await res.text();
  const ms = performance.now() - started;
  const body = JSON.parse(text) as { error?: { json: { message: string; data: { code: string } } } };
  return {
    status: res.status,
    code: body.error?.json.data.code,
    message: body.error?.json.message,
    text,
    ms,
  };
}

describe("a PostgreSQL restart under a running app", () => {
  it(
    "answers 503 fast while the database is down, serves again once it is back, and open streams resync",
    { timeout: 180_000 },
    async () => {
      const jar = await signIn(app.url, "olga@outage.test");
      const scope = { orgSlug: ORG, projectId };
      const before = await call(
        jar,
        "item.create",
        { ...scope, type: "Risk", title: "Before the outage" },
        true,
      );
      expect(before.status).toBe(200);

      const stream: Watch = watchHttp(httpClient(app.url, jar), scope);
      await stream.until((e) => e.some((x) => x.data.type === "ready"), 20_000);

      await postgres!.stop();
      postgres = null;

      // Reads, writes and the session check all fail fast, with one stable message and nothing internal.
      for (const [procPath, input, mutation] of [
        ["item.list", scope, false],
        ["item.create", { ...scope, type: "Issue", title: "During the outage" }, true],
        ["user.me", undefined, false],
      ] as const) {
        const r = await call(jar, procPath, input, mutation);
        expect(r, `${procPath}: ${r.text}`).toMatchObject({
          status: 503,
          code: "SERVICE_UNAVAILABLE",
          message: DB_UNAVAILABLE_MESSAGE,
        });
        expect(r.ms, procPath).toBeLessThan(5_000);
        expect(r.text).not.toMatch(/ECONNREFUSED|57P0|postgres|prisma|\bat \S+ \(/i);
      }
      // The stream stays open through the outage (a client would otherwise have to start over).
      await new Promise((r) => setTimeout(r, 1_500));
      expect(stream.isEnded()).toBe(false);
      expect(app.child.exitCode).toBeNull();

      postgres = await startEmbeddedPostgres(pgOptions);

      // The same app process serves again, without a restart.
      let after: Answer | undefined;
      await waitUntil(
        async () => {
          after = await call(jar, "item.list", scope);
          return after.status === 200;
        },
        30_000,
        "item.list to succeed after the restart",
      );
      expect(
        (JSON.parse(after!.text) as { result: { data: { json: { total: number } } } }).result.data.json.total,
      ).toBe(1);

      // The stream hears that it may have missed changes, then hears new ones.
      await stream.until((e) => e.some((x) => x.data.type === "resync"), 40_000);
      const made = await call(
        jar,
        "item.create",
        { ...scope, type: "Action Item", title: "After the restart" },
        true,
      );
      expect(made.status).toBe(200);
      await stream.until((e) => e.some((x) => x.data.type === "change"), 20_000);
      expect(stream.changes()).toEqual([expect.objectContaining({ entityType: "item", action: "CREATE" })]);
      expect(stream.isEnded()).toBe(false);
      stream.stop();

      // No crash, no unhandled rejection in the app process.
      expect(app.child.exitCode).toBeNull();
      expect(app.stderr()).not.toMatch(/unhandled|uncaught/i);
    },
  );
});
