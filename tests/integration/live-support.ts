/**
 * Helpers for live-update tests: follow `project.onChange` through a caller
 * (same middleware chain as HTTP) or through real HTTP with tRPC's
 * httpSubscriptionLink, start a second app instance in its own process, and
 * end database connections the way a restart or a network fault would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import pg from "pg";
import superjson from "superjson";
import { createCaller, type AppRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getCentralDb } from "@/server/db/central";
import { withDatabase } from "@/server/db/urls";
import { LIVE_APPLICATION_NAME } from "@/server/live";
import type { ProjectChange } from "@/server/services/live-updates";
import { PASSWORD, sessionFor } from "./helpers";
import { CookieJar } from "./auth-http-server";

export type Seen = { id: string; data: ProjectChange };

/** A running subscription's events so far, how it ended, and a way to stop it. */
export type Watch = {
  events: Seen[];
  changes: () => Extract<ProjectChange, { type: "change" }>[];
  /** Resolves when the stream ends: `error` is its error (null when it simply completed). */
  ended: Promise<{ error: unknown }>;
  isEnded: () => boolean;
  /** `ended`, or a rejection when the stream is still open after `ms`. */
  endedWithin: (ms: number) => Promise<{ error: unknown }>;
  stop: () => void;
  /** Waits until `pred` holds for the events (or fails after `ms`). */
  until: (pred: (events: Seen[]) => boolean, ms?: number) => Promise<void>;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(
  pred: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

function makeWatch(events: Seen[], ended: Promise<{ error: unknown }>, stop: () => void): Watch {
  let done = false;
  void ended.then(() => (done = true));
  return {
    events,
    changes: () => events.flatMap((e) => (e.data.type === "change" ? [e.data] : [])),
    ended,
    isEnded: () => done,
    endedWithin: (ms) =>
      Promise.race([
        ended,
        sleep(ms).then(() => Promise.reject(new Error(`the stream was still open after ${ms} ms`))),
      ]),
    stop,
    until: (pred, ms = 10_000) =>
      waitUntil(() => pred(events), ms, `events (saw ${JSON.stringify(events.map((e) => e.data))})`),
  };
}

/** project.onChange through a caller, as `email`. */
export async function watchAs(
  email: string,
  input: { orgSlug: string; projectId: string; lastEventId?: string },
): Promise<Watch> {
  const ac = new AbortController();
  const caller = createCaller(createInnerContext({ session: await sessionFor(email) }), {
    signal: ac.signal,
  });
  const iterable = await caller.project.onChange(input);
  const events: Seen[] = [];
  const ended = (async () => {
    try {
      // A caller hands out the procedure's raw values: tracked() envelopes [id, data, marker].
      for await (const raw of iterable as AsyncIterable<unknown>) {
        const [id, data] = raw as [string, ProjectChange];
        events.push({ id, data });
      }
      return { error: null };
    } catch (error) {
      return { error };
    }
  })();
  return makeWatch(events, ended, () => ac.abort());
}

/** A tRPC client over real HTTP, with the cookies of `jar`: subscriptions through httpSubscriptionLink (SSE). */
export function httpClient(base: string, jar: CookieJar) {
  const withCookies: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), cookie: jar.header() },
    });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${base}/api/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: { fetch: withCookies },
        }),
        false: httpBatchLink({ url: `${base}/api/trpc`, transformer: superjson, fetch: withCookies }),
      }),
    ],
  });
}

/** project.onChange over HTTP. */
export function watchHttp(
  client: ReturnType<typeof httpClient>,
  input: { orgSlug: string; projectId: string },
): Watch {
  const events: Seen[] = [];
  let finish!: (r: { error: unknown }) => void;
  const ended = new Promise<{ error: unknown }>((resolve) => (finish = resolve));
  const sub = client.project.onChange.subscribe(input, {
    onData: (e) => events.push({ id: e.id, data: e.data }),
    onError: (error) => finish({ error }),
    onComplete: () => finish({ error: null }),
  });
  return makeWatch(events, ended, () => {
    sub.unsubscribe();
    finish({ error: null });
  });
}

/** Signs in with credentials on `base` (next-auth); the jar then holds the session cookie. */
export async function signIn(base: string, email: string, password = PASSWORD): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  jar.store(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: base }),
  });
  jar.store(res);
  if (!jar.get("next-auth.session-token")) throw new Error(`sign-in of ${email} failed`);
  return jar;
}

/** A second app instance in its own process (tests/integration/instance-process.ts). */
export async function startInstanceProcess(
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const root = path.resolve(import.meta.dirname, "../..");
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "tests/integration/instance-process.ts"],
    {
      cwd: root,
      env: { ...process.env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`instance did not start: ${stderr}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.on("exit", (code) => reject(new Error(`instance exited (${code}): ${stderr}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}

/** Runs SQL as the server's admin role on the server's maintenance database. */
export async function adminSql<T = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: withDatabase(process.env.DATABASE_URL!, "postgres") });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export async function orgRow(slug: string) {
  return getCentralDb().organization.findUniqueOrThrow({
    where: { slug },
    select: { id: true, databaseName: true, clusterKey: true },
  });
}

/** Ends this process's (and any instance's) LISTEN connections to the org database: what a network fault does. */
export async function terminateListeners(slug: string): Promise<number> {
  const org = await orgRow(slug);
  const rows = await adminSql<{ ok: boolean }>(
    "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND application_name = $2",
    [org.databaseName, LIVE_APPLICATION_NAME],
  );
  return rows.filter((r) => r.ok).length;
}

/**
 * Ends every connection to the org database (the app's pools included): what
 * a database restart does to its clients. The embedded server itself is
 * shared by every test file, so it is not restarted.
 */
export async function terminateAllBackends(slug: string): Promise<number> {
  const org = await orgRow(slug);
  const rows = await adminSql<{ ok: boolean }>(
    "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [org.databaseName],
  );
  return rows.filter((r) => r.ok).length;
}
