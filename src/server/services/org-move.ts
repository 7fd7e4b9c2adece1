/**
 * Moving an organization's database to another cluster
 * (`npm run admin -- move-org --org S --to KEY [--drop-source]`):
 *
 *  1. bring the source database's migrations up to date;
 *  2. make the org read-only: a `maintenance` flag in organizations.settings
 *     (orgProcedure refuses mutations with a clear message, batch jobs skip
 *     the org) and, in PostgreSQL, `default_transaction_read_only` on the source
 *     database with its open connections ended — so a request that passed the
 *     check a moment earlier cannot commit a write that the copy would miss;
 *  3. create the database on the target cluster (marked with a comment as a
 *     move target of this org), apply the migrations, copy every table in one
 *     snapshot and one transaction, compare row counts per table;
 *  4. switch the org's cluster key and clear the flag in one central
 *     transaction (audited); tenant clients are keyed by cluster, so every
 *     instance opens a pool to the new server on its next request;
 *  5. keep the old database, read-only and marked as moved away — or drop it
 *     with `dropSource`.
 *
 * A failure before step 4 undoes steps 2–3 (the org is writable again on its
 * old cluster). A move killed half-way leaves the org read-only: running the
 * same command again finishes it (a marked partial target is replaced), and
 * `abortOrgMove` gives the org back its writable source instead.
 */
import pg from "pg";
import { z } from "zod";
import { env } from "@/env";
import type { CentralDb } from "@/server/db/central";
import { clusterKeys, isClusterKey, orgDatabaseUrl } from "@/server/db/clusters";
import { copyDatabaseData, type CopyResult } from "@/server/db/copy-database";
import { migrateDatabase } from "@/server/db/migrator";
import { ensureOrgDatabase, withServer } from "@/server/db/provision";
import { evictTenantDb } from "@/server/db/tenant";
import { quoteIdent } from "@/server/db/urls";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { readMaintenance, type OrgMaintenance } from "@/domain/org-maintenance";
import { ZClusterKey, ZSlug } from "@/contracts/org";
import { logger as rootLogger, type Logger } from "@/server/logger";
import { writeCentralAudit } from "./audit";

export const ZMoveOrg = z.object({
  orgSlug: ZSlug,
  clusterKey: ZClusterKey,
  dropSource: z.boolean().default(false),
  /** Replace a read-only copy of this same org left on the target by an earlier move. */
  replaceStale: z.boolean().default(false),
});
export type TMoveOrg = z.input<typeof ZMoveOrg>;

export type MoveStep =
  "migrated-source" | "read-only" | "target-ready" | "copied" | "switched" | "source-dropped";

export type MoveOrgResult = {
  org: string;
  from: string;
  to: string;
  databaseName: string;
  tables: CopyResult["tables"];
  rows: number;
  sourceDropped: boolean;
  /** What was cleaned up from an interrupted earlier move. */
  resumed: boolean;
  ms: number;
};

type OrgRow = { id: string; slug: string; databaseName: string; clusterKey: string; settings: unknown };

const MOVE_LOCK = 72_163_010;
const targetMarker = (orgId: string) => `braidmgr:move-target org=${orgId}`;
const movedAwayMarker = (orgId: string, to: string, at: Date) =>
  `braidmgr:moved-away org=${orgId} to=${to} at=${at.toISOString()}`;

function invalid(field: string, message: string): DomainError {
  return new DomainError("INVALID", message, { fieldErrors: { [field]: [message] } });
}

function parseInput(input: TMoveOrg) {
  const parsed = ZMoveOrg.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    throw new DomainError("INVALID", "Invalid move request", { fieldErrors });
  }
  return parsed.data;
}

async function loadOrg(central: CentralDb, slug: string): Promise<OrgRow> {
  const org = await central.organization.findFirst({
    where: { slug, deletedAt: null, status: "active" },
    select: { id: true, slug: true, databaseName: true, clusterKey: true, settings: true },
  });
  if (!org)
    throw new DomainError("NOT_FOUND", "Organization not found", {
      fieldErrors: { orgSlug: ["No such organization"] },
    });
  return org;
}

/** One move per org at a time, across processes: a session advisory lock in the central database. */
async function withMoveLock<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "braidmgr-move" });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok",
      [MOVE_LOCK, orgId],
    );
    if (!rows[0]?.ok) throw new DomainError("CONFLICT", "This organization is already being moved");
    return await fn();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The comment on a database of `clusterKey`, or undefined when no database of that name exists. */
async function databaseComment(clusterKey: string, name: string): Promise<string | null | undefined> {
  return withServer(clusterKey, async (c) => {
    const { rows } = await c.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [name],
    );
    return rows.length ? rows[0]!.comment : undefined;
  });
}

async function dropDatabase(clusterKey: string, name: string): Promise<void> {
  await withServer(clusterKey, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

async function setComment(clusterKey: string, name: string, comment: string | null): Promise<void> {
  await withServer(clusterKey, (c) =>
    c.query(
      `COMMENT ON DATABASE ${quoteIdent(name)} IS ${comment === null ? "NULL" : `'${comment.replace(/'/g, "''")}'`}`,
    ),
  );
}

/** Drops partial move targets of this org (marked) on every cluster but its current one. */
async function dropPartialTargets(org: OrgRow, log: Logger): Promise<boolean> {
  let dropped = false;
  for (const key of clusterKeys()) {
    if (key === org.clusterKey) continue;
    const comment = await databaseComment(key, org.databaseName).catch((err: unknown) => {
      log.warn({ err, cluster: key }, "move-org: cluster not reachable while looking for leftovers");
      return undefined;
    });
    if (comment === targetMarker(org.id)) {
      await dropDatabase(key, org.databaseName);
      log.info(
        { cluster: key, database: org.databaseName },
        "move-org: dropped a partial copy from an interrupted move",
      );
      dropped = true;
    }
  }
  return dropped;
}

/** Source database read-only (new sessions) and its open sessions ended; or writable again. */
async function setSourceReadOnly(org: OrgRow, readOnly: boolean): Promise<void> {
  await withServer(org.clusterKey, async (c) => {
    const db = quoteIdent(org.databaseName);
    await c.query(
      readOnly
        ? `ALTER DATABASE ${db} SET default_transaction_read_only = on`
        : `ALTER DATABASE ${db} RESET default_transaction_read_only`,
    );
    if (readOnly) {
      // Sessions opened before the ALTER could still write: end them (their open transactions roll back).
      await c.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [org.databaseName],
      );
    }
  });
}

async function setMaintenance(central: CentralDb, actor: AuditActor, org: OrgRow, to: string): Promise<void> {
  const flag: OrgMaintenance = { readOnly: true, reason: "moving", since: new Date().toISOString() };
  await central.$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE organizations SET settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{maintenance}', ${JSON.stringify(flag)}::jsonb), updated_at = now() WHERE id = ${org.id}::uuid`;
    await writeCentralAudit(tx, actor, {
      action: "UPDATE",
      entityType: "organization",
      entityId: org.id,
      orgId: org.id,
      before: { readOnly: false },
      after: { readOnly: true, reason: "moving", from: org.clusterKey, to },
    });
  });
}

async function clearMaintenance(central: CentralDb, orgId: string): Promise<void> {
  await central.$executeRaw`UPDATE organizations SET settings = settings - 'maintenance', updated_at = now() WHERE id = ${orgId}::uuid`;
}

async function migrationNames(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    return rows.map((r) => r.name);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function moveOrg(
  central: CentralDb,
  actor: AuditActor,
  input: TMoveOrg,
  opts: { log?: Logger; progress?: (step: MoveStep) => void | Promise<void> } = {},
): Promise<MoveOrgResult> {
  const started = Date.now();
  const log = opts.log ?? rootLogger.child({ op: "move-org" });
  const progress = opts.progress ?? (() => undefined);
  const { orgSlug, clusterKey: to, dropSource, replaceStale } = parseInput(input);
  if (!isClusterKey(to))
    throw invalid("clusterKey", `Unknown database cluster "${to}"; configured: ${clusterKeys().join(", ")}`);
  const first = await loadOrg(central, orgSlug);

  return withMoveLock(first.id, async () => {
    const org = await loadOrg(central, orgSlug); // again, under the lock
    const from = org.clusterKey;
    if (from === to) throw invalid("clusterKey", `The organization's database is already on cluster "${to}"`);
    const resumed = readMaintenance(org.settings) !== null;

    // Leftovers of an interrupted move, then the target's name must be free (or a stale copy we may replace).
    const cleaned = await dropPartialTargets(org, log);
    const existing = await databaseComment(to, org.databaseName);
    if (existing !== undefined) {
      if (replaceStale && existing?.startsWith(`braidmgr:moved-away org=${org.id} `)) {
        await dropDatabase(to, org.databaseName);
      } else {
        throw new DomainError(
          "CONFLICT",
          existing?.startsWith(`braidmgr:moved-away org=${org.id} `)
            ? `Cluster "${to}" still holds this organization's old read-only database ${org.databaseName} from an earlier move; ` +
                "run again with --replace-stale to replace it"
            : `Cluster "${to}" already has a database named ${org.databaseName}; it was left alone`,
        );
      }
    }

    const sourceUrl = orgDatabaseUrl(org);
    const targetRef = { databaseName: org.databaseName, clusterKey: to };
    const targetUrl = orgDatabaseUrl(targetRef);
    let targetCreated = false;
    let copy: CopyResult;
    try {
      // A source left read-only by an interrupted move must be writable to migrate it.
      if (resumed) await setSourceReadOnly(org, false);
      await migrateDatabase(sourceUrl, "tenant");
      await progress("migrated-source");

      await setMaintenance(central, actor, org, to);
      await evictTenantDb(org.id);
      await setSourceReadOnly(org, true);
      await progress("read-only");

      await ensureOrgDatabase(targetRef);
      targetCreated = true;
      await setComment(to, org.databaseName, targetMarker(org.id));
      await migrateDatabase(targetUrl, "tenant");
      const [src, dst] = await Promise.all([migrationNames(sourceUrl), migrationNames(targetUrl)]);
      if (src.join() !== dst.join()) {
        throw new Error(`Migrations differ between source (${src.length}) and target (${dst.length})`);
      }
      await progress("target-ready");

      copy = await copyDatabaseData(sourceUrl, targetUrl);
      await progress("copied");

      // The switch: new cluster, writable again — one central transaction, audited.
      const rows = copy.rows;
      const tables = Object.keys(copy.tables).length;
      await central.$transaction(async (tx) => {
        const n = await tx.$executeRaw`UPDATE organizations
           SET cluster_key = ${to}, settings = settings - 'maintenance', updated_at = now()
         WHERE id = ${org.id}::uuid AND cluster_key = ${from}`;
        if (n !== 1) throw new Error("The organization changed during the move");
        await writeCentralAudit(tx, actor, {
          action: "UPDATE",
          entityType: "organization",
          entityId: org.id,
          orgId: org.id,
          before: { clusterKey: from, readOnly: true },
          after: { clusterKey: to, readOnly: false, rows, tables, dropSource },
        });
      });
    } catch (err) {
      log.error({ err, org: org.slug, from, to }, "move-org failed; undoing");
      if (targetCreated) await dropDatabase(to, org.databaseName).catch(() => undefined);
      await setSourceReadOnly(org, false).catch(() => undefined);
      await clearMaintenance(central, org.id).catch(() => undefined);
      throw err;
    }
    // The new home is no longer a partial copy (nothing may drop it as one).
    await setComment(to, org.databaseName, null).catch((err: unknown) =>
      log.warn({ err, cluster: to }, "move-org: could not clear the move marker on the new database"),
    );
    await evictTenantDb(org.id);
    await progress("switched");

    // The old database stays read-only (a stale instance cannot write there) unless it is dropped.
    let sourceDropped = false;
    try {
      if (dropSource) {
        await dropDatabase(from, org.databaseName);
        sourceDropped = true;
        await progress("source-dropped");
      } else {
        await setComment(from, org.databaseName, movedAwayMarker(org.id, to, new Date()));
      }
    } catch (err) {
      log.warn(
        { err, org: org.slug, cluster: from },
        "move-org: the move is done, but the old database was not dropped",
      );
    }

    log.info({ org: org.slug, from, to, rows: copy.rows, sourceDropped }, "move-org: done");
    return {
      org: org.slug,
      from,
      to,
      databaseName: org.databaseName,
      tables: copy.tables,
      rows: copy.rows,
      sourceDropped,
      resumed: resumed || cleaned,
      ms: Date.now() - started,
    };
  });
}

/** Gives an org left read-only by an interrupted move its writable source back. */
export async function abortOrgMove(
  central: CentralDb,
  actor: AuditActor,
  input: { orgSlug: string },
  opts: { log?: Logger } = {},
) {
  const log = opts.log ?? rootLogger.child({ op: "move-org" });
  const slug = ZSlug.safeParse(input.orgSlug);
  if (!slug.success) throw invalid("orgSlug", "No such organization");
  const first = await loadOrg(central, slug.data);
  return withMoveLock(first.id, async () => {
    const org = await loadOrg(central, first.slug);
    if (!readMaintenance(org.settings))
      throw new DomainError("INVALID", "This organization is not being moved");
    const dropped = await dropPartialTargets(org, log);
    await setSourceReadOnly(org, false);
    await central.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE organizations SET settings = settings - 'maintenance', updated_at = now() WHERE id = ${org.id}::uuid`;
      await writeCentralAudit(tx, actor, {
        action: "UPDATE",
        entityType: "organization",
        entityId: org.id,
        orgId: org.id,
        before: { readOnly: true, reason: "moving" },
        after: { readOnly: false, moveAborted: true },
      });
    });
    return { org: org.slug, clusterKey: org.clusterKey, aborted: true, droppedPartialCopy: dropped };
  });
}
