import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { orgDatabaseUrl } from "@/server/db/clusters";
import { anonymousCaller, callerFor, codeOf, makeUser, systemCaller } from "./helpers";

async function databaseExists(name: string) {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return ((await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount ?? 0) > 0;
  } finally {
    await c.end();
  }
}

describe("database-per-org tenancy", () => {
  let projectA: string;
  let projectB: string;

  beforeAll(async () => {
    await makeUser("alice@a.test", "Alice");
    await makeUser("bob@b.test", "Bob");
    const sys = systemCaller();
    await sys.org.create({ name: "Acme", slug: "acme", ownerEmail: "alice@a.test" });
    await sys.org.create({ name: "Beta Corp", slug: "beta", ownerEmail: "bob@b.test" });
    projectA = (
      await (
        await callerFor("alice@a.test")
      ).project.create({ orgSlug: "acme", name: "Apollo", workstreams: ["Build", "Test"] })
    ).id;
    projectB = (await (await callerFor("bob@b.test")).project.create({ orgSlug: "beta", name: "Borealis" }))
      .id;
  });

  it("creates and migrates a database per org", async () => {
    const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: "acme" } });
    expect(org.status).toBe("active");
    expect(org.databaseName).toBe(`${process.env.ORG_DATABASE_PREFIX}acme`);
    expect(await databaseExists(org.databaseName)).toBe(true);
    const c = new pg.Client({ connectionString: orgDatabaseUrl(org) });
    await c.connect();
    const { rows } = await c.query("SELECT name FROM projects");
    await c.end();
    expect(rows.map((r) => r.name)).toEqual(["Apollo"]);
  });

  it("keeps each org's data in its own database", async () => {
    const alice = await callerFor("alice@a.test");
    expect((await alice.project.list({ orgSlug: "acme" })).map((p) => p.name)).toEqual(["Apollo"]);
    const bob = await callerFor("bob@b.test");
    expect((await bob.project.list({ orgSlug: "beta" })).map((p) => p.name)).toEqual(["Borealis"]);
  });

  it("answers NOT_FOUND for another org, its projects and its items", async () => {
    const alice = await callerFor("alice@a.test");
    expect(await codeOf(alice.org.get({ orgSlug: "beta" }))).toBe("NOT_FOUND");
    expect(await codeOf(alice.project.get({ orgSlug: "beta", projectId: projectB }))).toBe("NOT_FOUND");
    // Org A's slug with org B's project id: the project is not in A's database.
    expect(await codeOf(alice.project.get({ orgSlug: "acme", projectId: projectB }))).toBe("NOT_FOUND");
    expect(await codeOf(alice.item.get({ orgSlug: "acme", projectId: projectB, itemNum: 1 }))).toBe(
      "NOT_FOUND",
    );
    // A slug that does not exist looks exactly the same.
    expect(await codeOf(alice.org.get({ orgSlug: "no-such-org" }))).toBe("NOT_FOUND");
  });

  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    const anon = anonymousCaller();
    expect(await codeOf(anon.org.list())).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.project.get({ orgSlug: "acme", projectId: projectA }))).toBe("UNAUTHORIZED");
    expect(
      await codeOf(anon.item.create({ orgSlug: "acme", projectId: projectA, type: "Risk", title: "x" })),
    ).toBe("UNAUTHORIZED");
  });

  it("lists only the orgs a user belongs to", async () => {
    const alice = await callerFor("alice@a.test");
    expect((await alice.org.list()).map((o) => [o.slug, o.role])).toEqual([["acme", "owner"]]);
  });

  it("deleting an org drops its database", async () => {
    await makeUser("carol@c.test", "Carol");
    const sys = systemCaller();
    await sys.org.create({ name: "Doomed", slug: "doomed", ownerEmail: "carol@c.test" });
    const name = `${process.env.ORG_DATABASE_PREFIX}doomed`;
    expect(await databaseExists(name)).toBe(true);
    const carol = await callerFor("carol@c.test");
    expect(await codeOf(carol.org.delete({ orgSlug: "doomed", confirmSlug: "wrong" }))).toBe("BAD_REQUEST");
    await carol.org.delete({ orgSlug: "doomed", confirmSlug: "doomed" });
    expect(await databaseExists(name)).toBe(false);
    expect(await codeOf(carol.org.get({ orgSlug: "doomed" }))).toBe("NOT_FOUND");
  });
});

describe("tenant client cache", () => {
  it("stays bounded and closes idle clients", async () => {
    const { getTenantDb, tenantCacheSize, sweepIdleTenantDbs } = await import("@/server/db/tenant");
    const { resetEnvCache } = await import("@/env");
    process.env.TENANT_CLIENT_CACHE_MAX = "2";
    resetEnvCache();
    try {
      const sys = systemCaller();
      for (const slug of ["cache-1", "cache-2", "cache-3"])
        await sys.org.create({ name: slug, slug, ownerEmail: "alice@a.test" });
      const orgs = await getCentralDb().organization.findMany({ where: { slug: { startsWith: "cache-" } } });
      for (const org of orgs) await getTenantDb(org).project.count();
      expect(tenantCacheSize()).toBe(2);
      expect(await sweepIdleTenantDbs(Date.now() + 3_600_000)).toBe(2);
      expect(tenantCacheSize()).toBe(0);
      // A closed client is simply re-created on next use.
      expect(await getTenantDb(orgs[0]!).project.count()).toBe(0);
    } finally {
      delete process.env.TENANT_CLIENT_CACHE_MAX;
      resetEnvCache();
    }
  });
});
