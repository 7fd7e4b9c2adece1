/**
 * Local set-up shared by `npm start`, the admin CLI and the migration scripts:
 * loads .env, generates local secrets under .data/ when not configured, and
 * starts (or reuses) the embedded PostgreSQL when DATABASE_URL is unset.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedHandle } from "../../src/server/db/embedded";
import { databaseNameOf, quoteIdent, withDatabase } from "../../src/server/db/urls";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
loadDotEnv();

/** Local state (embedded PostgreSQL, generated secrets, demo login). BRAIDMGR_DATA_DIR moves it (e2e tests do). */
export const DATA_DIR = path.resolve(ROOT, process.env.BRAIDMGR_DATA_DIR || ".data");

type LocalSecrets = { pgUser: string; pgPassword: string; authSecret: string; encryptionKey: string };

function loadDotEnv(): void {
  for (const file of [".env", ".env.local"]) {
    const p = path.join(ROOT, file);
    if (existsSync(p)) process.loadEnvFile(p);
  }
}

function localSecrets(): LocalSecrets {
  const file = path.join(DATA_DIR, "local-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets: LocalSecrets = {
    pgUser: "braidmgr",
    pgPassword: randomBytes(18).toString("base64url"),
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
}

/**
 * Attachments need an S3-compatible store. Locally, when S3_ENDPOINT is unset,
 * a small one (s3rver, a dev dependency) runs on loopback with its files
 * under the data directory, so attachments work out of the box.
 */
export async function startLocalS3(): Promise<(() => Promise<void>) | null> {
  if (process.env.S3_ENDPOINT || process.env.S3_ACCESS_KEY_ID) return null;
  let S3rver: typeof import("s3rver").default;
  try {
    S3rver = (await import("s3rver")).default;
  } catch {
    return null; // production install without dev dependencies: attachments stay off
  }
  const bucket = process.env.S3_BUCKET || "braidmgr-attachments";
  const cors =
    "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>" +
    "<AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>";
  const dir = path.join(DATA_DIR, "s3");
  mkdirSync(dir, { recursive: true });
  const server = new S3rver({
    port: Number(process.env.LOCAL_S3_PORT || 0),
    address: "127.0.0.1",
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [cors] }],
  });
  const { port } = await server.run();
  Object.assign(process.env, {
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_FORCE_PATH_STYLE: "true",
  });
  return () => server.close();
}

/**
 * Makes process.env complete for local use. Returns the embedded server handle
 * (null when DATABASE_URL points at a server of your own).
 */
export async function prepareLocalEnv(
  opts: { quiet?: boolean; migrate?: boolean } = {},
): Promise<EmbeddedHandle | null> {
  const secrets = localSecrets();
  process.env.NEXTAUTH_SECRET ||= secrets.authSecret;
  process.env.ENCRYPTION_KEY ||= secrets.encryptionKey;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let handle: EmbeddedHandle | null = null;
  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
    handle = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "pg"),
      port,
      user: secrets.pgUser,
      password: secrets.pgPassword,
      persistent: true,
    });
    if (handle.owned && !opts.quiet)
      console.error(`embedded PostgreSQL started on 127.0.0.1:${port} (data in .data/pg)`);
    process.env.DATABASE_URL = withDatabase(handle.url, "braidmgr_central");
  }
  await ensureDatabaseExists(process.env.DATABASE_URL);
  if (opts.migrate !== false) {
    const { migrateAll } = await import("./migrate-all");
    const report = await migrateAll();
    const applied = report.central.length + Object.values(report.orgs).reduce((n, m) => n + m.length, 0);
    if (applied && !opts.quiet) console.error(`applied ${applied} pending migration(s)`);
  }
  return handle;
}
