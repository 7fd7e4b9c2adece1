/**
 * Copies the rows of one database into another with the same schema (an org
 * database moving to another cluster), without pg_dump: the embedded
 * PostgreSQL ships no client tools and a distribution's pg_dump refuses a
 * newer server.
 *
 * - The source is read in one REPEATABLE READ, READ ONLY transaction, so every
 *   table comes from the same snapshot.
 * - Each table streams through COPY … TO STDOUT → COPY … FROM STDIN in text
 *   format (no type OIDs, so enum and array columns survive), tables in
 *   foreign-key order, all inside ONE target transaction: the target has all
 *   the rows or none.
 * - Sequences get the source's values; row counts are compared per table in
 *   the snapshot and again on the committed target.
 */
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { quoteIdent } from "./urls";

export type CopyResult = {
  /** Rows per table, in the order they were loaded. */
  tables: Record<string, number>;
  rows: number;
  sequences: number;
};

export class CopyMismatchError extends Error {}

const SKIP_TABLES = new Set(["_prisma_migrations"]);

type Table = { name: string; columns: string[] };

/** Tables of schema public, referenced tables before the tables that reference them. */
export async function tablesInLoadOrder(client: pg.Client): Promise<Table[]> {
  const { rows: tables } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      GROUP BY c.relname
      ORDER BY c.relname`,
  );
  const { rows: fks } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid
       JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND ch.oid <> pa.oid`,
  );
  const wanted = tables.filter((t) => !SKIP_TABLES.has(t.name));
  const parents = new Map(wanted.map((t) => [t.name, new Set<string>()]));
  for (const fk of fks) parents.get(fk.child)?.add(fk.parent);
  const ordered: Table[] = [];
  const done = new Set<string>();
  while (ordered.length < wanted.length) {
    const ready = wanted.filter(
      (t) => !done.has(t.name) && [...parents.get(t.name)!].every((p) => done.has(p) || !parents.has(p)),
    );
    if (!ready.length) {
      const left = wanted.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`Foreign keys form a cycle between ${left.join(", ")}; cannot order the copy`);
    }
    for (const t of ready) {
      ordered.push(t);
      done.add(t.name);
    }
  }
  return ordered;
}

async function count(client: pg.Client, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  return Number(rows[0]!.n);
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "braidmgr-move" });
  await client.connect();
  return client;
}

/** Copies every row of `sourceUrl` into the (migrated, empty) database at `targetUrl`. */
export async function copyDatabaseData(sourceUrl: string, targetUrl: string): Promise<CopyResult> {
  const source = await connect(sourceUrl);
  const target = await connect(targetUrl);
  const tables: Record<string, number> = {};
  let sequences = 0;
  try {
    await source.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const order = await tablesInLoadOrder(source);
    const targetOrder = await tablesInLoadOrder(target);
    const describe = (ts: Table[]) => JSON.stringify([...ts].sort((a, b) => a.name.localeCompare(b.name)));
    if (describe(order) !== describe(targetOrder)) {
      throw new CopyMismatchError(
        "The target database's tables differ from the source's (migrations out of step)",
      );
    }

    await target.query("BEGIN");
    for (const t of order) {
      if ((await count(target, t.name)) !== 0) {
        throw new CopyMismatchError(`The target table ${t.name} is not empty`);
      }
      const expected = await count(source, t.name);
      const cols = t.columns.map(quoteIdent).join(", ");
      const into = target.query(copyFrom(`COPY ${quoteIdent(t.name)} (${cols}) FROM STDIN`));
      await pipeline(source.query(copyTo(`COPY ${quoteIdent(t.name)} (${cols}) TO STDOUT`)), into);
      if (into.rowCount !== expected) {
        throw new CopyMismatchError(`${t.name}: copied ${into.rowCount} rows, the source has ${expected}`);
      }
      tables[t.name] = expected;
    }

    const { rows: seqs } = await source.query<{ name: string }>(
      "SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename",
    );
    for (const s of seqs) {
      const { rows } = await source.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value, is_called FROM ${quoteIdent(s.name)}`,
      );
      await target.query("SELECT setval($1::regclass, $2, $3)", [
        quoteIdent(s.name),
        rows[0]!.last_value,
        rows[0]!.is_called,
      ]);
      sequences++;
    }
    await target.query("COMMIT");
    await source.query("COMMIT");
  } catch (err) {
    await target.query("ROLLBACK").catch(() => undefined);
    await source.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await source.end().catch(() => undefined);
    await target.end().catch(() => undefined);
  }

  // Verify what was committed, table by table.
  const check = await connect(targetUrl);
  try {
    for (const [table, rows] of Object.entries(tables)) {
      const now = await count(check, table);
      if (now !== rows)
        throw new CopyMismatchError(`${table}: the target has ${now} rows after the copy, expected ${rows}`);
    }
  } finally {
    await check.end().catch(() => undefined);
  }
  return { tables, rows: Object.values(tables).reduce((a, b) => a + b, 0), sequences };
}
