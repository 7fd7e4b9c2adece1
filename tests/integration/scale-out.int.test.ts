/**
 * Two app instances on one database: two separate Node processes
 * (tests/support/app-instance.ts), each serving the real tRPC router and
 * next-auth over HTTP and each running the scheduled jobs, sharing this
 * file's central database and the org databases.
 *
 * - A session cookie issued by one instance works on the other (stateless
 *   instances, one NEXTAUTH_SECRET).
 * - Items created concurrently through both instances in one project get
 *   consecutive numbers, with no errors.
 * - The login throttle counts failures made on either instance together.
 * - A scheduled job runs once per schedule tick, not once per instance.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import pg from "pg";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { makeUser, PASSWORD, systemCaller } from "./helpers";
import { CookieJar } from "./auth-http-server";

const root = path.resolve(import.meta.dirname, "../..");

type Instance = {
  name: string;
  url: string;
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  exited: Promise<number | null>;
};

async function startInstance(name: string): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/app-instance.ts"], {
    cwd: root,
    env: {
      ...process.env,
      INSTANCE_JOBS: "1",
      LOG_LEVEL: "info",
      // Every minute, so a test can see several schedule ticks; the other job stays on its nightly slot.
      JOBS_RETENTION_CRON: "* * * * *",
    },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start:\n${stderr}`));
    }, 90_000);
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
      const line = stdout.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { ready: string }).ready);
      }
    });
    child.on("exit", (code) => reject(new Error(`${name} exited (${code}):\n${stderr}`)));
  });
  return { name, url, child, stderr: () => stderr, exited };
}

async function stopInstance(i: Instance | undefined): Promise<void> {
  if (!i || i.child.exitCode !== null) return;
  i.child.kill("SIGTERM");
  const timer = setTimeout(() => i.child.kill("SIGKILL"), 15_000);
  await i.exited;
  clearTimeout(timer);
}

let a: Instance;
let b: Instance;
let projectId = "";
const ORG = "scale";

beforeAll(async () => {
  await makeUser("sam@scale.test", "Sam Scale");
  await makeUser("tess@scale.test", "Tess Throttle");
  await makeUser("tom@scale.test", "Tom Throttle");
  const sys = systemCaller();
  await sys.org.create({ name: "Scale", slug: ORG, ownerEmail: "sam@scale.test" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Both instances" })).id;
  const started = await Promise.allSettled([startInstance("instance A"), startInstance("instance B")]);
  const failed = started.find((r) => r.status === "rejected");
  if (failed) {
    // Never leave the other one running.
    await Promise.all(started.map((r) => (r.status === "fulfilled" ? stopInstance(r.value) : undefined)));
    throw (failed as PromiseRejectedResult).reason;
  }
  [a, b] = started.map((r) => (r as PromiseFulfilledResult<Instance>).value) as [Instance, Instance];
}, 180_000);

afterAll(async () => {
  await Promise.all([stopInstance(a), stopInstance(b)]);
});

/* ------------------------------------------------------------- HTTP helpers */

async function csrf(base: string, jar: CookieJar): Promise<string> {
  const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Signs in with credentials; the error next-auth reports (null on success). */
async function signIn(base: string, jar: CookieJar, email: string, password: string) {
  const csrfToken = await csrf(base, jar); // before the request's cookie header is built
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: base }),
  });
  jar.store(res);
  const url = new URL(((await res.json()) as { url: string }).url);
  if (url.searchParams.get("csrf")) throw new Error("the CSRF check failed");
  return url.searchParams.get("error");
}

type TrpcResult = { status: number; data?: unknown; code?: string; message?: string };

async function trpc(
  base: string,
  jar: CookieJar,
  pathName: string,
  input?: unknown,
  mutation = false,
): Promise<TrpcResult> {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const res = await fetch(
    mutation ? `${base}/api/trpc/${pathName}` : `${base}/api/trpc/${pathName}?input=${encoded}`,
    {
      method: mutation ? "POST" : "GET",
      headers: { "content-type": "application/json", cookie: jar.header() },
      body: mutation ? JSON.stringify(superjson.serialize(input)) : undefined,
    },
  );
  const body = (await res.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { code: string } } };
  };
  return {
    status: res.status,
    data: body.result?.data.json,
    code: body.error?.json.data.code,
    message: body.error?.json.message,
  };
}

/* -------------------------------------------------------------------- tests */

describe("two app instances on one database", () => {
  it("share sessions: a cookie from instance A works on instance B", async () => {
    const jar = new CookieJar();
    expect(await signIn(a.url, jar, "sam@scale.test", PASSWORD)).toBeNull();
    expect(await trpc(a.url, jar, "user.me")).toMatchObject({
      status: 200,
      data: { email: "sam@scale.test" },
    });
    expect(await trpc(b.url, jar, "user.me")).toMatchObject({
      status: 200,
      data: { email: "sam@scale.test" },
    });
  });

  it("number items consecutively when both write to one project at once", { timeout: 120_000 }, async () => {
    const jar = new CookieJar();
    expect(await signIn(b.url, jar, "sam@scale.test", PASSWORD)).toBeNull();
    const N = 20;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        trpc(
          i % 2 ? b.url : a.url,
          jar,
          "item.create",
          { orgSlug: ORG, projectId, type: "Action Item", title: `Concurrent ${i}` },
          true,
        ),
      ),
    );
    const failedLog = () =>
      [a, b]
        .flatMap((i) =>
          i
            .stderr()
            .split("\n")
            .filter((l) => l.includes('"procedure failed"')),
        )
        .join("\n");
    expect(
      results.filter((r) => r.status !== 200),
      failedLog(),
    ).toEqual([]);
    const nums = results.map((r) => (r.data as { itemNum: number }).itemNum).sort((x, y) => x - y);
    expect(nums).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    // Both instances see all of them.
    for (const base of [a.url, b.url]) {
      const list = await trpc(base, jar, "item.list", { orgSlug: ORG, projectId });
      expect((list.data as { total: number }).total).toBe(N);
    }
  });

  it(
    "count failed logins on either instance together (the throttle lives in PostgreSQL)",
    { timeout: 120_000 },
    async () => {
      // How many wrong passwords one instance accepts before it locks the account …
      const jar = new CookieJar();
      let single = 0;
      while ((await signIn(a.url, jar, "tess@scale.test", "Wrong-Pass-9")) !== "TooManyAttempts") {
        single++;
        expect(single).toBeLessThan(20);
      }
      expect(single).toBeGreaterThan(1);
      // … and the same limit holds when the attempts alternate between the two instances
      // (from a clean slate: the throttle may count by address too, and both come from loopback).
      await getCentralDb().loginAttempt.deleteMany({});
      let spread = 0;
      while (
        (await signIn(spread % 2 ? b.url : a.url, jar, "tom@scale.test", "Wrong-Pass-9")) !==
        "TooManyAttempts"
      ) {
        spread++;
        expect(spread).toBeLessThan(20);
      }
      expect(spread).toBe(single);
      expect(await signIn(b.url, jar, "tom@scale.test", PASSWORD)).toBe("TooManyAttempts");
    },
  );

  it("run each scheduled job once per tick, not once per instance", { timeout: 240_000 }, async () => {
    const central = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await central.connect();
    try {
      const jobsSql = `
        SELECT id::text, name, state, singleton_on, data->>'name' AS target FROM pgboss.job
         WHERE name = 'retention-daily' OR (name = '__pgboss__send-it' AND data->>'name' = 'retention-daily')
        UNION ALL
        SELECT id::text, name, state, singleton_on, data->>'name' FROM pgboss.archive
         WHERE name = 'retention-daily' OR (name = '__pgboss__send-it' AND data->>'name' = 'retention-daily')`;
      type JobRow = { id: string; name: string; state: string; singleton_on: Date | null };
      const jobs = async () => (await central.query<JobRow>(jobsSql)).rows;

      // Both instances check the schedule every second. Count in a quiet moment while both run:
      // every tick seen so far has been handled and every job it sent has completed, in one
      // statement's snapshot. (Counting after the instances stopped could catch a tick created
      // during their shutdown whose job was never sent — not a double run, just bad timing.)
      const isTick = (r: JobRow) => r.name === "__pgboss__send-it";
      const isRun = (r: JobRow) => r.name === "retention-daily";
      let rows: JobRow[] = [];
      const until = Date.now() + 180_000;
      for (;;) {
        rows = await jobs();
        const quiet = rows.every((r) => r.state === "completed");
        if (quiet && rows.filter(isRun).length >= 2) break;
        if (Date.now() > until) throw new Error(`no two completed ticks: ${JSON.stringify(rows)}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }

      const ticks = rows.filter(isTick);
      const runs = rows.filter(isRun);
      // One tick per schedule slot (minute), however many instances looked at the schedule …
      const perTick = new Map<string, number>();
      for (const t of ticks)
        perTick.set(String(t.singleton_on), (perTick.get(String(t.singleton_on)) ?? 0) + 1);
      expect([...perTick.values()].every((n) => n === 1)).toBe(true);
      // … and at most one job per tick. (Not exactly one: the queue's "stately" policy refuses a
      // tick's job while an earlier one still waits to be picked up, which a loaded machine can
      // make happen — a skipped slot, never a second run. Double runs are ruled out below by
      // the instances' own logs.)
      expect(runs.length, JSON.stringify(rows)).toBeLessThanOrEqual(ticks.length);
      expect(runs.length).toBeGreaterThanOrEqual(2);

      // Stop both, so their logs are complete.
      await Promise.all([stopInstance(a), stopInstance(b)]);
      const later = await jobs();
      expect(later.filter((r) => isRun(r) && r.state === "failed")).toEqual([]);

      // Each counted job's handler ran exactly once, on one of the instances: its id appears in
      // exactly one "job finished" log line and one "retention-daily: done" line; and no job at
      // all (counted or not) finished twice.
      const logLines = [a, b].flatMap((i) =>
        i
          .stderr()
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as { msg?: string; job?: string; jobId?: string }),
      );
      const idsOf = (msg: string) =>
        logLines.filter((l) => l.msg === msg && l.job === "retention-daily").map((l) => l.jobId ?? "");
      const finished = idsOf("job finished");
      const done = idsOf("retention-daily: done");
      expect(new Set(finished).size).toBe(finished.length);
      for (const run of runs) {
        expect(finished.filter((id) => id === run.id)).toHaveLength(1);
        expect(done.filter((id) => id === run.id)).toHaveLength(1);
      }
    } finally {
      await central.end();
    }
  });
});
