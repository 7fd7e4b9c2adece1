/**
 * Moving an org between PostgreSQL servers (`move-org`): read-only while
 * copying (the API refuses writes with a clear message, PostgreSQL refuses them
 * too), every row copied, numbering and sequences continue on the new server,
 * the old database kept read-only or dropped; failures and interrupted moves
 * leave a writable org.
 */
import pg from "pg";
import { type TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { orgDatabaseUrl } from "@/server/db/clusters";
import { getTenantDb } from "@/server/db/tenant";
import { withDatabase } from "@/server/db/urls";
import { READ_ONLY_MESSAGE } from "@/domain/org-maintenance";
import { abortOrgMove, moveOrg, type MoveStep } from "@/server/services/org-move";
import { fixture } from "../support/fixtures";
import { callerFor, codeOf, makeUser } from "./helpers";
import {
  sys,
  central,
  actor,
  second,
  query,
  firstServer,
  secondServer,
  hasDatabase,
  orgRow,
  admin,
  setUpSecondCluster,
} from "./cluster-support";

setUpSecondCluster();

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
