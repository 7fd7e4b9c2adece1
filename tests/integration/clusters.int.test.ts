/**
 * Org databases on two PostgreSQL servers: a second embedded PostgreSQL,
 * configured as DATABASE_CLUSTERS {"second": …}.
 *
 * - Placement: an operator names the cluster (caller and `create-org
 *   --cluster`, a separate CLI process); the database exists on the second
 *   server and not on the first, data written through the app lands there, the
 *   central row and the audit record the cluster. Unknown keys are refused
 *   with a field error; users cannot choose; DEFAULT_CLUSTER and
 *   ORG_PLACEMENT=least-loaded place the rest.
 * - Moving (`move-org`): read-only while copying (API refuses writes with a
 *   clear message, PostgreSQL refuses them too), every row copied, numbering
 *   and sequences continue on the new server, the old database kept read-only
 *   or dropped; failures and interrupted moves leave a writable org.
 */
import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { clusterServerUrl, orgDatabaseUrl } from "@/server/db/clusters";
import { freePort, startEmbeddedPostgres, type EmbeddedHandle } from "@/server/db/embedded";
import { disconnectAllTenantDbs, getTenantDb } from "@/server/db/tenant";
import { withDatabase } from "@/server/db/urls";
import { READ_ONLY_MESSAGE } from "@/domain/org-maintenance";
import { orgDatabasesPerCluster } from "@/server/services/placement";
import { abortOrgMove, moveOrg, type MoveStep } from "@/server/services/org-move";
import { fixture } from "../support/fixtures";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const sys = systemCaller();
const central = getCentralDb();
const actor = { userId: null, name: "system", correlationId: "test-move-org" };

let second: EmbeddedHandle;
let dataDir = "";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-test-pg2-"));
  await chmod(dataDir, 0o777); // the postgres system user must reach it
  second = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "data"),
    port: await freePort(),
    user: "braid_second",
    password: "braid_second_pw",
    persistent: false,
    fast: true,
  });
  process.env.DATABASE_CLUSTERS = JSON.stringify({ second: second.url });
  resetEnvCache();
  await makeUser("owner@cl.test", "Owner");
});

afterAll(async () => {
  await disconnectAllTenantDbs();
  await second?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const firstServer = () => clusterServerUrl("default");
const secondServer = () => clusterServerUrl("second");

async function hasDatabase(serverUrl: string, name: string): Promise<boolean> {
  return (await query(serverUrl, "SELECT 1 FROM pg_database WHERE datname = $1", [name])).length === 1;
}

const orgRow = (slug: string) => central.organization.findUniqueOrThrow({ where: { slug } });

async function admin(...args: string[]): Promise<{ code: number; json: unknown }> {
  const cli = [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args];
  try {
    const { stdout } = await run(process.execPath, cli, {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "silent" },
      timeout: 120_000,
    });
    return { code: 0, json: JSON.parse(stdout) as unknown };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, json: JSON.parse(e.stdout) as unknown };
  }
}

function fieldErrorsOf(err: unknown): Record<string, string[]> | undefined {
  const cause =
    err instanceof TRPCError ? (err.cause as { fieldErrors?: Record<string, string[]> }) : undefined;
  return cause?.fieldErrors;
}

async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  resetEnvCache();
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  }
}

describe("placing an org's database on a cluster", () => {
  it("an operator's org.create {clusterKey} puts the database on the second server, and the data goes there", async () => {
    const org = await sys.org.create({
      name: "On Two",
      slug: "on-two",
      ownerEmail: "owner@cl.test",
      clusterKey: "second",
    });
    const row = await orgRow("on-two");
    expect(row.clusterKey).toBe("second");
    expect(await hasDatabase(secondServer(), row.databaseName)).toBe(true);
    expect(await hasDatabase(firstServer(), row.databaseName)).toBe(false);

    // Written through the app (the owner's own session), read straight from the second server.
    const ann = await callerFor("owner@cl.test");
    const p = await ann.project.create({ orgSlug: "on-two", name: "Bridge" });
    const item = await ann.item.create({
      orgSlug: "on-two",
      projectId: p.id,
      type: "Risk",
      title: "Lives on server two",
    });
    const rows = await query<{ title: string; item_num: number }>(
      withDatabase(second.url, row.databaseName),
      "SELECT title, item_num FROM items WHERE project_id = $1",
      [p.id],
    );
    expect(rows).toEqual([{ title: "Lives on server two", item_num: item.itemNum }]);

    // The placement is audited.
    const audit = await central.centralAuditLog.findFirstOrThrow({
      where: { entityType: "organization", entityId: org.id, action: "CREATE" },
    });
    expect(audit.after).toMatchObject({ slug: "on-two", clusterKey: "second", placement: "requested" });
  });

  it("refuses an unknown cluster key with a field error, creating nothing", async () => {
    let err: unknown;
    try {
      await sys.org.create({
        name: "Nowhere",
        slug: "nowhere",
        ownerEmail: "owner@cl.test",
        clusterKey: "mars",
      });
    } catch (e) {
      err = e;
    }
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(err)?.clusterKey?.[0]).toMatch(
      /Unknown database cluster "mars"; configured: default, second/,
    );
    expect(await central.organization.findUnique({ where: { slug: "nowhere" } })).toBeNull();
  });

  it("lets only operators choose; a user's org gets the default placement (DEFAULT_CLUSTER)", async () => {
    await makeUser("una@cl.test", "Una");
    const una = await callerFor("una@cl.test");
    expect(await codeOf(una.org.create({ name: "Mine", slug: "una-1", clusterKey: "second" }))).toBe(
      "FORBIDDEN",
    );
    expect(await central.organization.findUnique({ where: { slug: "una-1" } })).toBeNull();

    await una.org.create({ name: "Mine", slug: "una-1" });
    expect((await orgRow("una-1")).clusterKey).toBe("default");

    await withEnv({ DEFAULT_CLUSTER: "second" }, () => una.org.create({ name: "Mine too", slug: "una-2" }));
    const row = await orgRow("una-2");
    expect(row.clusterKey).toBe("second");
    expect(await hasDatabase(secondServer(), row.databaseName)).toBe(true);
    const audit = await central.centralAuditLog.findFirstOrThrow({
      where: { entityId: row.id, action: "CREATE" },
    });
    expect(audit.after).toMatchObject({ clusterKey: "second", placement: "fixed" });
  });

  it("ORG_PLACEMENT=least-loaded picks the cluster with the fewest org databases", async () => {
    await withEnv({ ORG_PLACEMENT: "least-loaded" }, async () => {
      for (let i = 1; i <= 3; i++) {
        const load = await orgDatabasesPerCluster(central);
        const expected = (load.default ?? 0) <= (load.second ?? 0) ? "default" : "second";
        await sys.org.create({ name: `Spread ${i}`, slug: `spread-${i}`, ownerEmail: "owner@cl.test" });
        const row = await orgRow(`spread-${i}`);
        expect(row.clusterKey, `spread-${i} with load ${JSON.stringify(load)}`).toBe(expected);
        const after = await orgDatabasesPerCluster(central);
        expect(after[expected]).toBe((load[expected] ?? 0) + 1);
      }
      // An operator's choice still wins.
      const load = await orgDatabasesPerCluster(central);
      const busier = (load.default ?? 0) > (load.second ?? 0) ? "default" : "second";
      await sys.org.create({
        name: "Chosen",
        slug: "chosen",
        ownerEmail: "owner@cl.test",
        clusterKey: busier,
      });
      expect((await orgRow("chosen")).clusterKey).toBe(busier);
    });
  });

  it(
    "npm run admin -- create-org --cluster KEY (a separate process) does the same",
    { timeout: 240_000 },
    async () => {
      const made = await admin(
        "create-org",
        "--name",
        "Cli Two",
        "--slug",
        "cli-two",
        "--owner-email",
        "cli@cl.test",
        "--cluster",
        "second",
      );
      expect(made).toMatchObject({
        code: 0,
        json: { org: { slug: "cli-two", clusterKey: "second" }, owner: { created: true } },
      });
      const row = await orgRow("cli-two");
      expect(row.clusterKey).toBe("second");
      expect(await hasDatabase(secondServer(), row.databaseName)).toBe(true);
      expect(await hasDatabase(firstServer(), row.databaseName)).toBe(false);

      const bad = await admin(
        "create-org",
        "--name",
        "Cli Bad",
        "--slug",
        "cli-bad",
        "--owner-email",
        "cli@cl.test",
        "--cluster",
        "mars",
      );
      expect(bad.code).toBe(1);
      expect(bad.json).toMatchObject({
        error: { code: "BAD_REQUEST", fieldErrors: { clusterKey: [expect.stringMatching(/mars/)] } },
      });
      expect(await central.organization.findUnique({ where: { slug: "cli-bad" } })).toBeNull();
    },
  );
});

/* ---------------------------------------------------------------- moving */

type Snapshot = Record<string, number>;

async function tableCounts(dbUrl: string): Promise<Snapshot> {
  const tables = await query<{ t: string }>(
    dbUrl,
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1",
  );
  const out: Snapshot = {};
  for (const { t } of tables)
    out[t] = Number((await query<{ n: string }>(dbUrl, `SELECT count(*) AS n FROM "${t}"`))[0]!.n);
  return out;
}

describe("moving an org between clusters (move-org)", () => {
  let projectId = "";
  let before: Snapshot = {};

  beforeAll(async () => {
    await makeUser("mo@cl.test", "Mo");
    await sys.org.create({ name: "Mover", slug: "mover", ownerEmail: "mo@cl.test" });
    const mo = await callerFor("mo@cl.test");
    const imported = await mo.project.importYaml({
      orgSlug: "mover",
      raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml"),
      budget: fixture("Budget-Harbor-Bridge-Upgrade.yaml"),
    });
    projectId = imported.projectId;
    await mo.item.addNote({ orgSlug: "mover", projectId, itemNum: 1, content: "Moved with its notes" });
    await mo.chat.create({ orgSlug: "mover", projectId, title: "Before the move" }).catch(() => undefined);
  });

  it(
    "copies every row to the second server while the org is read-only, then switches",
    { timeout: 120_000 },
    async () => {
      const org = await orgRow("mover");
      expect(org.clusterKey).toBe("default");
      before = await tableCounts(orgDatabaseUrl(org));
      expect(before.items).toBe(40);
      expect(before.audit_log).toBeGreaterThan(0);
      const mo = await callerFor("mo@cl.test");
      const maxBefore = Math.max(
        ...(await mo.item.list({ orgSlug: "mover", projectId })).items.map((i) => i.itemNum),
      );

      const seen: MoveStep[] = [];
      const during: Record<string, unknown> = {};
      const result = await moveOrg(
        central,
        actor,
        { orgSlug: "mover", clusterKey: "second" },
        {
          progress: async (step) => {
            seen.push(step);
            if (step !== "read-only") return;
            // The API refuses changes, with a message saying why …
            let err: unknown;
            try {
              await mo.item.create({ orgSlug: "mover", projectId, type: "Risk", title: "During the move" });
            } catch (e) {
              err = e;
            }
            during.create = { code: (err as TRPCError).code, message: (err as TRPCError).message };
            // … reads still work (the daily indicator refresh is skipped) …
            during.list = (await mo.item.list({ orgSlug: "mover", projectId })).items.length;
            during.dashboard =
              typeof (await mo.project.dashboard({ orgSlug: "mover", projectId })) === "object";
            // … and PostgreSQL itself refuses writes on the source (a request that passed the check a moment earlier).
            during.direct = await query(
              orgDatabaseUrl(org),
              "UPDATE items SET title = 'sneaky' WHERE item_num = 1",
            ).then(
              () => "written",
              (e: { code?: string }) => e.code,
            );
            // Such a write through the API is reported the same way, not as an internal error.
            await central.$executeRaw`UPDATE organizations SET settings = settings - 'maintenance' WHERE id = ${org.id}::uuid`;
            during.raced = await codeOf(
              mo.item.create({ orgSlug: "mover", projectId, type: "Risk", title: "Raced the move" }),
            );
            await central.$executeRaw`UPDATE organizations SET settings = jsonb_set(settings, '{maintenance}', '{"readOnly":true,"reason":"moving"}') WHERE id = ${org.id}::uuid`;
          },
        },
      );

      expect(seen).toEqual(["migrated-source", "read-only", "target-ready", "copied", "switched"]);
      expect(during).toEqual({
        create: { code: "SERVICE_UNAVAILABLE", message: READ_ONLY_MESSAGE },
        list: 40,
        dashboard: true,
        direct: "25006",
        raced: "SERVICE_UNAVAILABLE",
      });
      expect(result).toMatchObject({
        org: "mover",
        from: "default",
        to: "second",
        sourceDropped: false,
        resumed: false,
      });
      expect(result.tables).toEqual(before);

      // Central now points at the second server; the org is writable again.
      const moved = await orgRow("mover");
      expect(moved.clusterKey).toBe("second");
      expect(moved.settings).not.toHaveProperty("maintenance");
      expect(await tableCounts(withDatabase(second.url, org.databaseName))).toEqual(before);

      // Writes go to the new server; numbering and the audit log's sequence carry on.
      const next = await mo.item.create({
        orgSlug: "mover",
        projectId,
        type: "Risk",
        title: "After the move",
      });
      expect(next.itemNum).toBe(maxBefore + 1);
      const onSecond = await query<{ title: string }>(
        withDatabase(second.url, org.databaseName),
        "SELECT title FROM items WHERE item_num = $1",
        [next.itemNum],
      );
      expect(onSecond).toEqual([{ title: "After the move" }]);
      const onFirst = await query(orgDatabaseUrl(org), "SELECT 1 FROM items WHERE item_num = $1", [
        next.itemNum,
      ]);
      expect(onFirst).toEqual([]);
      expect((await mo.item.get({ orgSlug: "mover", projectId, itemNum: 1 })).title).not.toBe("sneaky");

      // The old database stays, read-only, marked as moved away.
      const old = await query<{ ro: string }>(
        orgDatabaseUrl(org),
        "SELECT current_setting('default_transaction_read_only') AS ro",
      );
      expect(old[0]!.ro).toBe("on");
      const comment = await query<{ c: string }>(
        firstServer(),
        "SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1",
        [org.databaseName],
      );
      expect(comment[0]!.c).toMatch(new RegExp(`^braidmgr:moved-away org=${org.id} to=second `));

      // Audited: read-only on, then the switch.
      const audits = await central.centralAuditLog.findMany({
        where: { entityType: "organization", entityId: org.id, action: "UPDATE" },
        orderBy: { id: "asc" },
      });
      expect(audits.map((a) => a.after)).toEqual([
        expect.objectContaining({ readOnly: true, from: "default", to: "second" }),
        expect.objectContaining({ clusterKey: "second", readOnly: false, rows: result.rows }),
      ]);
    },
  );

  it("a tenant client cached for the old cluster is replaced", async () => {
    const org = await orgRow("mover");
    const oldClient = getTenantDb({ ...org, clusterKey: "default" });
    const newClient = getTenantDb(org);
    expect(newClient).not.toBe(oldClient);
    expect(getTenantDb(org)).toBe(newClient);
  });

  it(
    "refuses to overwrite the stale copy unless asked, then moves back with the CLI and drops the source",
    { timeout: 240_000 },
    async () => {
      const org = await orgRow("mover");
      let err: unknown;
      try {
        await moveOrg(central, actor, { orgSlug: "mover", clusterKey: "default" });
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/--replace-stale/) });
      expect((await orgRow("mover")).clusterKey).toBe("second");
      const countsNow = await tableCounts(withDatabase(second.url, org.databaseName));

      const back = await admin(
        "move-org",
        "--org",
        "mover",
        "--to",
        "default",
        "--replace-stale",
        "--drop-source",
      );
      expect(back).toMatchObject({
        code: 0,
        json: { org: "mover", from: "second", to: "default", sourceDropped: true },
      });
      expect((back.json as { tables: Snapshot }).tables).toEqual(countsNow);
      const home = await orgRow("mover");
      expect(home.clusterKey).toBe("default");
      expect(await hasDatabase(secondServer(), org.databaseName)).toBe(false);
      expect(await tableCounts(orgDatabaseUrl(home))).toEqual(countsNow);
      // The replaced copy was the read-only one; the new database is writable.
      expect(
        (
          await query<{ ro: string }>(
            orgDatabaseUrl(home),
            "SELECT current_setting('default_transaction_read_only') AS ro",
          )
        )[0]!.ro,
      ).toBe("off");
      const mo = await callerFor("mo@cl.test");
      await mo.item.create({ orgSlug: "mover", projectId, type: "Issue", title: "Home again" });

      const cli = await admin("move-org", "--org", "mover", "--to", "mars");
      expect(cli).toMatchObject({
        code: 1,
        json: {
          error: { code: "BAD_REQUEST", fieldErrors: { clusterKey: [expect.stringMatching(/mars/)] } },
        },
      });
    },
  );

  it("leaves the org writable where it was when the move fails or the name is taken", async () => {
    const org = await orgRow("mover");
    // A failure after the copy started: everything is undone.
    await expect(
      moveOrg(
        central,
        actor,
        { orgSlug: "mover", clusterKey: "second" },
        {
          progress: (step) => {
            if (step === "target-ready") throw new Error("disk full");
          },
        },
      ),
    ).rejects.toThrow("disk full");
    const after = await orgRow("mover");
    expect(after.clusterKey).toBe("default");
    expect(after.settings).not.toHaveProperty("maintenance");
    expect(await hasDatabase(secondServer(), org.databaseName)).toBe(false);
    expect(
      (
        await query<{ ro: string }>(
          orgDatabaseUrl(org),
          "SELECT current_setting('default_transaction_read_only') AS ro",
        )
      )[0]!.ro,
    ).toBe("off");
    const mo = await callerFor("mo@cl.test");
    await mo.item.create({ orgSlug: "mover", projectId, type: "Issue", title: "Still here" });

    // Someone else's database of the same name on the target: refused, left alone.
    await query(second.url, `CREATE DATABASE "${org.databaseName}"`);
    await query(
      withDatabase(second.url, org.databaseName),
      "CREATE TABLE precious (x int); INSERT INTO precious VALUES (1)",
    );
    await expect(moveOrg(central, actor, { orgSlug: "mover", clusterKey: "second" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already has a database named/),
    });
    expect(await query(withDatabase(second.url, org.databaseName), "SELECT x FROM precious")).toEqual([
      { x: 1 },
    ]);
    await query(second.url, `DROP DATABASE "${org.databaseName}" WITH (FORCE)`);
    await mo.item.create({ orgSlug: "mover", projectId, type: "Issue", title: "Still writable" });

    // One move at a time.
    const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await lock.connect();
    await lock.query("SELECT pg_advisory_lock(72163010, hashtext($1))", [org.id]);
    await expect(moveOrg(central, actor, { orgSlug: "mover", clusterKey: "second" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await lock.end();
  });

  it("finishes or aborts a move that was killed half-way", { timeout: 120_000 }, async () => {
    const org = await orgRow("mover");
    const counts = await tableCounts(orgDatabaseUrl(org));
    // What a move killed during the copy leaves: the flag, a read-only source, a marked partial target.
    const killedMidway = async () => {
      await central.$executeRaw`UPDATE organizations SET settings = jsonb_set(settings, '{maintenance}', '{"readOnly":true,"reason":"moving"}') WHERE id = ${org.id}::uuid`;
      await query(
        firstServer(),
        `ALTER DATABASE "${org.databaseName}" SET default_transaction_read_only = on`,
      );
      await query(second.url, `CREATE DATABASE "${org.databaseName}"`);
      await query(
        second.url,
        `COMMENT ON DATABASE "${org.databaseName}" IS 'braidmgr:move-target org=${org.id}'`,
      );
      await query(withDatabase(second.url, org.databaseName), "CREATE TABLE half (x int)");
    };
    const mo = await callerFor("mo@cl.test");

    await killedMidway();
    expect(await codeOf(mo.item.create({ orgSlug: "mover", projectId, type: "Risk", title: "x" }))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect(await abortOrgMove(central, actor, { orgSlug: "mover" })).toMatchObject({
      aborted: true,
      droppedPartialCopy: true,
    });
    expect(await hasDatabase(secondServer(), org.databaseName)).toBe(false);
    await mo.item.create({ orgSlug: "mover", projectId, type: "Risk", title: "Writable after the abort" });
    counts.items! += 1;
    counts.audit_log! += 1;

    await killedMidway();
    const done = await moveOrg(central, actor, { orgSlug: "mover", clusterKey: "second", dropSource: true });
    expect(done).toMatchObject({ from: "default", to: "second", resumed: true, sourceDropped: true });
    expect(done.tables).toEqual(counts);
    expect(await hasDatabase(firstServer(), org.databaseName)).toBe(false);
    expect(await tableCounts(withDatabase(second.url, org.databaseName))).toEqual(counts);
    await mo.item.create({ orgSlug: "mover", projectId, type: "Risk", title: "Writable on server two" });
  });
});
