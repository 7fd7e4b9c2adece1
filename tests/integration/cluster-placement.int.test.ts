/**
 * Org databases on two PostgreSQL servers (a second embedded PostgreSQL as
 * DATABASE_CLUSTERS {"second": …}). Placement: an operator names the cluster
 * (caller and `create-org --cluster`, a separate CLI process); the database
 * exists on the second server and not on the first, data written through the
 * app lands there, the central row and the audit record the cluster. Unknown
 * keys are refused with a field error; users cannot choose; DEFAULT_CLUSTER
 * and ORG_PLACEMENT=least-loaded place the rest.
 */
import type { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { withDatabase } from "@/server/db/urls";
import { orgDatabasesPerCluster } from "@/server/services/placement";
import { callerFor, codeOf, confirmEmail, makeUser } from "./helpers";
import {
  sys,
  central,
  second,
  query,
  firstServer,
  secondServer,
  hasDatabase,
  orgRow,
  admin,
  fieldErrorsOf,
  withEnv,
  setUpSecondCluster,
} from "./cluster-support";

setUpSecondCluster();

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
    await confirmEmail("una@cl.test"); // a second org needs a confirmed address
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
      where: { entityId: row.id, entityType: "organization", action: "CREATE" },
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
