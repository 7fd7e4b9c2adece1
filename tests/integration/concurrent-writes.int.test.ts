/**
 * Writes under contention (issue #13.2): many creators at once on one project,
 * as separate admin CLI processes and as signed-in HTTP clients, all succeed
 * and get consecutive item numbers; a refused create takes no number; a
 * deadlocked transaction is retried; and an internal error in the CLI shows
 * only the stable message and the correlation id (details go to the log).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { INTERNAL_ERROR_MESSAGE } from "@/server/api/trpc";
import { getCentralDb } from "@/server/db/central";
import { getTenantDb } from "@/server/db/tenant";
import { isRetryableTransactionError, withTransactionRetry } from "@/server/db/transactions";
import { orgDatabaseUrl } from "@/server/db/clusters";
import { callerFor, makeUser, PASSWORD, systemCaller } from "./helpers";
import { CookieJar, startAuthHttpServer } from "./auth-http-server";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const CLI_PROCESSES = 30;
const HTTP_CLIENTS = 50;

type CliResult = { code: number; json: unknown; stdout: string; stderr: string };

async function admin(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args],
      { cwd: root, env: { ...process.env, LOG_LEVEL: "silent", ...env }, timeout: 580_000 },
    );
    return { code: 0, json: safeJson(stdout), stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, json: safeJson(e.stdout), stdout: e.stdout, stderr: e.stderr };
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

let projectId: string;
let server: Awaited<ReturnType<typeof startAuthHttpServer>>;

beforeAll(async () => {
  server = await startAuthHttpServer();
  process.env.NEXTAUTH_URL = server.url;
  resetEnvCache();
  await makeUser("wren@w.test", "Wren Writer");
  await systemCaller().org.create({ name: "Writes", slug: "writes", ownerEmail: "wren@w.test" });
  projectId = (await (await callerFor("wren@w.test")).project.create({ orgSlug: "writes", name: "Busy" })).id;
});
afterAll(async () => {
  await server.close();
});

async function itemNumbers(): Promise<number[]> {
  const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: "writes" } });
  const rows = await getTenantDb(org).item.findMany({
    where: { projectId },
    select: { itemNum: true },
    orderBy: { itemNum: "asc" },
  });
  return rows.map((r) => r.itemNum);
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe("concurrent item creation", () => {
  it(
    `${CLI_PROCESSES} admin CLI processes at once: all succeed, numbers 1..${CLI_PROCESSES}`,
    { timeout: 600_000 },
    async () => {
      const results = await Promise.all(
        range(1, CLI_PROCESSES).map((k) =>
          admin([
            "call",
            "item.create",
            "--org",
            "writes",
            "--as",
            "wren@w.test",
            "--input",
            JSON.stringify({ projectId, type: "Action Item", title: `CLI ${k}` }),
          ]),
        ),
      );
      const failures = results.filter((r) => r.code !== 0).map((r) => r.stdout || r.stderr);
      expect(failures).toEqual([]);
      const nums = results.map((r) => (r.json as { itemNum: number }).itemNum).sort((a, b) => a - b);
      expect(nums).toEqual(range(1, CLI_PROCESSES));
      expect(await itemNumbers()).toEqual(range(1, CLI_PROCESSES));
    },
  );

  it(
    `${HTTP_CLIENTS} signed-in HTTP clients at once: all succeed with the next consecutive numbers`,
    { timeout: 120_000 },
    async () => {
      const before = await itemNumbers();
      const first = (before.at(-1) ?? 0) + 1;
      const jar = new CookieJar();
      const csrfRes = await fetch(`${server.url}/api/auth/csrf`);
      jar.store(csrfRes);
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      const signIn = await fetch(`${server.url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
        body: new URLSearchParams({
          csrfToken,
          email: "wren@w.test",
          password: PASSWORD,
          json: "true",
          callbackUrl: server.url,
        }),
      });
      jar.store(signIn);
      expect(jar.get("next-auth.session-token")).toBeTruthy();

      const responses = await Promise.all(
        range(1, HTTP_CLIENTS).map(async (k) => {
          const res = await fetch(`${server.url}/api/trpc/item.create`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: jar.header() },
            body: JSON.stringify(
              superjson.serialize({ orgSlug: "writes", projectId, type: "Risk", title: `HTTP ${k}` }),
            ),
          });
          return {
            status: res.status,
            body: (await res.json()) as { result?: { data: { json: { itemNum: number } } } },
          };
        }),
      );
      expect(responses.filter((r) => r.status !== 200)).toEqual([]);
      const nums = responses.map((r) => r.body.result!.data.json.itemNum).sort((a, b) => a - b);
      expect(nums).toEqual(range(first, HTTP_CLIENTS));
      expect(await itemNumbers()).toEqual([...before, ...range(first, HTTP_CLIENTS)]);
    },
  );

  it("a refused create takes no number", async () => {
    const api = await callerFor("wren@w.test");
    const last = (await itemNumbers()).at(-1) ?? 0;
    await expect(
      api.item.create({ orgSlug: "writes", projectId, type: "Risk", title: "x", workstream: "No such" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const next = await api.item.create({
      orgSlug: "writes",
      projectId,
      type: "Risk",
      title: "after the refusal",
    });
    expect(next.itemNum).toBe(last + 1);
  });
});

describe("transaction retry", () => {
  it("runs a deadlocked transaction again, so both writers succeed", async () => {
    const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: "writes" } });
    const db = getTenantDb(org);
    const sys = systemCaller();
    const a = await sys.item.create({ orgSlug: "writes", projectId, type: "Issue", title: "row A" });
    const b = await sys.item.create({ orgSlug: "writes", projectId, type: "Issue", title: "row B" });
    let attempts = 0;
    let sawDeadlock = false;
    // Each locks one row, waits until the other holds its row, then asks for the other's: PostgreSQL kills one.
    let arrived = 0;
    const barrier = async () => {
      arrived++;
      const until = Date.now() + 5_000;
      while (arrived < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    };
    const writer = (first: string, second: string) =>
      withTransactionRetry(async () => {
        attempts++;
        try {
          return await db.$transaction(async (tx) => {
            await tx.$executeRaw`UPDATE items SET priority = 'High' WHERE id = ${first}::uuid`;
            await barrier();
            await tx.$executeRaw`UPDATE items SET priority = 'Low' WHERE id = ${second}::uuid`;
            return true;
          });
        } catch (err) {
          if (isRetryableTransactionError(err)) sawDeadlock = true;
          throw err;
        }
      });
    await expect(Promise.all([writer(a.id, b.id), writer(b.id, a.id)])).resolves.toEqual([true, true]);
    expect(sawDeadlock).toBe(true);
    expect(attempts).toBe(3);
  });

  it("does not retry a refusal", async () => {
    let attempts = 0;
    await expect(
      withTransactionRetry(async () => {
        attempts++;
        throw Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
      }),
    ).rejects.toThrow("Unique constraint failed");
    expect(attempts).toBe(1);
  });
});

describe("internal errors in the admin CLI", () => {
  it(
    "print only the stable message and the correlation id; the details go to the log",
    { timeout: 120_000 },
    async () => {
      // Break the org database under the app: the audit table is gone, so every write fails inside PostgreSQL.
      const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: "writes" } });
      const c = new pg.Client({ connectionString: orgDatabaseUrl(org) });
      await c.connect();
      await c.query("ALTER TABLE audit_log RENAME TO audit_log_gone");
      try {
        const r = await admin(
          [
            "call",
            "item.create",
            "--org",
            "writes",
            "--as",
            "wren@w.test",
            "--input",
            JSON.stringify({ projectId, type: "Risk", title: "doomed" }),
          ],
          { LOG_LEVEL: "error" },
        );
        expect(r.code).not.toBe(0);
        const error = (r.json as { error: { code: string; message: string; correlationId: string } }).error;
        expect(error).toEqual({
          code: "INTERNAL_SERVER_ERROR",
          message: INTERNAL_ERROR_MESSAGE,
          correlationId: expect.stringMatching(/^cli-/),
        });
        expect(r.stdout).not.toMatch(/audit_log|prisma|postgres|\.ts:\d+/i);
        // The log line on stderr carries the details under the same correlation id.
        const logged = r.stderr
          .split("\n")
          .filter(Boolean)
          .map((l) => safeJson(l) as { correlationId?: string; err?: { message?: string } } | undefined)
          .filter((l) => l?.correlationId === error.correlationId);
        expect(logged.length).toBeGreaterThan(0);
        expect(JSON.stringify(logged)).toMatch(/audit_log/);
      } finally {
        await c.query("ALTER TABLE audit_log_gone RENAME TO audit_log");
        await c.end();
      }
    },
  );
});
