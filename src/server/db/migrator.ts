/**
 * Applies the Prisma migrations of one schema kind (central | tenant) to a
 * database with plain `pg`, recording them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does (same table, same sha256 checksums), so either
 * tool can take over a database. Runs under an advisory lock so that several
 * app instances never migrate the same database at once.
 *
 * Each migration runs in its own transaction together with its
 * `_prisma_migrations` row: a run killed half-way leaves the migration either
 * wholly applied and recorded or not at all, and the next run carries on
 * (tests/integration/migration-crash.int.test.ts kills one).
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type SchemaKind = "central" | "tenant";

export type Migration = { name: string; sql: string; checksum: string };

export function migrationsDir(kind: SchemaKind, root = process.cwd()): string {
  return path.join(root, "prisma", kind, "migrations");
}

export async function loadMigrations(kind: SchemaKind, root?: string): Promise<Migration[]> {
  const dir = migrationsDir(kind, root);
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    }),
  );
}

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Arbitrary but fixed: one lock key per schema kind.
const LOCK_KEYS: Record<SchemaKind, number> = { central: 72_163_001, tenant: 72_163_002 };

export class MigrationError extends Error {}

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function migrateDatabase(
  connectionString: string,
  kind: SchemaKind,
  root?: string,
): Promise<string[]> {
  const migrations = await loadMigrations(kind, root);
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    // Should this process die mid-migration (kill -9), PostgreSQL notices the closed connection within
    // a second even during a long statement, rolls the migration back and frees the lock (PG 14+).
    await client.query(
      "SELECT set_config('client_connection_check_interval', '1s', false) WHERE current_setting('server_version_num')::int >= 140000",
    );
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEYS[kind]]);
    // Only created when missing, so an up-to-date database that is read-only (being moved) is left untouched.
    const { rows: table } = await client.query<{ t: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"') AS t`,
    );
    if (!table[0]?.t) await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior) {
        if (!prior.finished_at)
          throw new MigrationError(`Migration ${m.name} failed earlier; resolve it by hand`);
        if (prior.checksum !== m.checksum) {
          throw new MigrationError(`Migration ${m.name} was edited after it was applied (checksum differs)`);
        }
        continue;
      }
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
        applied.push(m.name);
      } catch (err) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEYS[kind]]).catch(() => undefined);
    await client.end();
  }
  return applied;
}
