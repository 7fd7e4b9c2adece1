/**
 * The committed migrations produce exactly the schemas in prisma/*.prisma:
 * nothing unmigrated (diff snapshot → schema is empty) and no drift (a
 * database built from the migrations has the same tables, columns, keys and
 * indexes as one built straight from the schema).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { diffSchemas } from "../../scripts/lib/schema-engine";
import { migrateDatabase, type SchemaKind } from "@/server/db/migrator";
import { withDatabase } from "@/server/db/urls";

const root = path.resolve(import.meta.dirname, "../..");
const serverUrl = inject("pgServerUrl");

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Objects Prisma cannot model, created by hand-written migrations (none left: see search_tsvector). */
const HAND_WRITTEN_INDEXES: string[] = [];

const CATALOG_SQL = `
  SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' ' ||
         is_nullable || ' ' || coalesce(column_default, '') || ' ' || coalesce(character_maximum_length::text, '') ||
         ' ' || coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, '') AS d
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
  UNION ALL
  -- Storage parameters (WITH (...)) are tuned by hand in migrations; Prisma cannot express them.
  SELECT 'index ' || regexp_replace(indexdef, ' WITH \\(.*\\)$', '') FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
    AND indexname NOT IN ('${HAND_WRITTEN_INDEXES.join("','")}')
  UNION ALL
  SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u')
      AND conrelid::regclass::text <> '_prisma_migrations'
  UNION ALL
  SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
  ORDER BY 1`;

async function createDb(name: string) {
  await query(serverUrl, `CREATE DATABASE ${name}`);
  return withDatabase(serverUrl, name);
}

describe.each(["central", "tenant"] as SchemaKind[])("%s migrations", (kind) => {
  const schemaPath = path.join(root, "prisma", kind, "schema.prisma");

  it("leave nothing unmigrated", async () => {
    const current = { path: schemaPath, content: await readFile(schemaPath, "utf8") };
    const snapshot = {
      path: schemaPath,
      content: await readFile(
        path.join(root, "prisma", kind, "migrations", "schema.snapshot.prisma"),
        "utf8",
      ),
    };
    expect(await diffSchemas(snapshot, current, serverUrl)).toBe("");
  });

  it("build the same database as the schema itself", async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const fromMigrations = await createDb(`drift_m_${kind}_${suffix}`);
    const fromSchema = await createDb(`drift_s_${kind}_${suffix}`);
    await migrateDatabase(fromMigrations, kind);
    const current = { path: schemaPath, content: await readFile(schemaPath, "utf8") };
    const sql = await diffSchemas(null, current, serverUrl);
    await query(fromSchema, sql);
    const a = (await query<{ d: string }>(fromMigrations, CATALOG_SQL)).map((r) => r.d);
    const b = (await query<{ d: string }>(fromSchema, CATALOG_SQL)).map((r) => r.d);
    expect(a.length).toBeGreaterThan(20);
    expect(a).toEqual(b);
  });

  it("are idempotent: a second run applies nothing", async () => {
    const url = await createDb(`again_${kind}_${Math.random().toString(36).slice(2, 8)}`);
    expect((await migrateDatabase(url, kind)).length).toBeGreaterThan(0);
    expect(await migrateDatabase(url, kind)).toEqual([]);
  });
});
