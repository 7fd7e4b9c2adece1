/** Child servers for the HTTP benchmark: the built app under `next start`, and the floor. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { NEXT_BIN } from "../build";
import { ROOT } from "../local-env";

export type Child = { child: ChildProcess; origin: string; stop: () => Promise<void>; output: () => string };

function keepTail(child: ChildProcess): () => string {
  let tail = "";
  const add = (b: Buffer) => {
    tail = (tail + b.toString("utf8")).slice(-8_000);
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return () => tail;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
}

/** Polls `url` until it answers 200; returns the milliseconds since `since`. */
export async function waitFor200(
  url: string,
  since: number,
  child: ChildProcess,
  timeoutMs = 120_000,
): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/**
 * `node next start -p PORT` on the build in `distDir`, production mode; the
 * cold start is measured from spawn to the first 200 from /api/health.
 */
export async function startApp(opts: {
  port: number;
  distDir: string;
  env: NodeJS.ProcessEnv;
  /** Preload the CPU-profile hook: SIGUSR2 starts/stops a profile written into this directory. */
  profileDir?: string;
}): Promise<Child & { coldStartMs: number }> {
  const since = performance.now();
  const hook = path.join(ROOT, "scripts", "lib", "bench", "cpu-profile-hook.mjs");
  const nodeArgs = opts.profileDir ? ["--import", pathToFileURL(hook).href] : [];
  const child = spawn(process.execPath, [...nodeArgs, NEXT_BIN, "start", "-p", String(opts.port)], {
    cwd: ROOT,
    env: {
      ...opts.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: opts.distDir,
      PORT: String(opts.port),
      ...(opts.profileDir ? { BENCH_CPU_PROFILE_DIR: opts.profileDir } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = keepTail(child);
  const origin = `http://127.0.0.1:${opts.port}`;
  try {
    const coldStartMs = await waitFor200(`${origin}/api/health`, since, child);
    return { child, origin, stop: stopper(child), output, coldStartMs };
  } catch (err) {
    await stopper(child)();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output()}`);
  }
}

/** The floor server (scripts/lib/bench/floor-server.ts) in its own process. */
export async function startFloor(opts: { port: number; databaseUrl: string }): Promise<Child> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts", "lib", "bench", "floor-server.ts")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        FLOOR_DATABASE_URL: opts.databaseUrl,
        FLOOR_PORT: String(opts.port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output = keepTail(child);
  const origin = `http://127.0.0.1:${opts.port}`;
  try {
    await waitFor200(`${origin}/health`, performance.now(), child, 60_000);
  } catch (err) {
    await stopper(child)();
    throw new Error(`${(err as Error).message}\n--- floor output ---\n${output()}`);
  }
  return { child, origin, stop: stopper(child), output };
}

/**
 * Signs in with next-auth credentials the way a browser does: GET the CSRF
 * token (keeping its cookie), POST the form with `json=true`. Returns the
 * Cookie header that carries the session.
 */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0]!;
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  keep(res);
  await res.arrayBuffer();
  if (![...jar.keys()].some((k) => /session-token/.test(k))) {
    throw new Error(
      `sign-in failed: HTTP ${res.status}, no session cookie (${res.headers.get("location") ?? ""})`,
    );
  }
  // Only the session cookie is needed from here on.
  return [...jar]
    .filter(([k]) => /session-token/.test(k))
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

/** A tRPC GET URL path for a query (superjson-encoded input, no batching). */
export const trpcQuery = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
