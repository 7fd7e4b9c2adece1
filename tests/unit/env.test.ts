import { afterEach, describe, expect, it } from "vitest";
import { env, EnvError, resetEnvCache } from "@/env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...vars } as NodeJS.ProcessEnv;
  resetEnvCache();
}

const good = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/braidmgr_central",
  NEXTAUTH_SECRET: "s".repeat(40),
};

describe("configuration", () => {
  it("accepts a minimal valid configuration and fills defaults", () => {
    withEnv(good);
    expect(env()).toMatchObject({
      APP_TIME_ZONE: "UTC",
      TENANT_CLIENT_CACHE_MAX: 50,
      ORG_DATABASE_PREFIX: "braidmgr_org_",
    });
  });

  it.each([
    [{ ...good, DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ ...good, NEXTAUTH_SECRET: "short" }, "NEXTAUTH_SECRET"],
    [{ ...good, TENANT_CLIENT_CACHE_MAX: "zero" }, "TENANT_CLIENT_CACHE_MAX"],
    [{ ...good, DATABASE_CLUSTERS: "{not json" }, "DATABASE_CLUSTERS"],
    [{ ...good, ORG_DATABASE_PREFIX: "Bad-Prefix" }, "ORG_DATABASE_PREFIX"],
    [{ ...good, TRUSTED_PROXIES: "10.0.0.1, example.com" }, "TRUSTED_PROXIES"],
    [{ ...good, TRUSTED_PROXIES: "10.0.0.0/33" }, "TRUSTED_PROXIES"],
    [{ ...good, ORGS_PER_USER_MAX: "-1" }, "ORGS_PER_USER_MAX"],
    [{ ...good, DATABASE_CLUSTERS: '{"eu-1":"mysql://h/x"}' }, "DATABASE_CLUSTERS"],
    [{ ...good, DATABASE_CLUSTERS: '{"Bad Key":"postgresql://h/x"}' }, "DATABASE_CLUSTERS"],
    [{ ...good, DATABASE_CLUSTERS: '{"default":"postgresql://h/x"}' }, "DATABASE_CLUSTERS"],
    [{ ...good, DEFAULT_CLUSTER: "eu-9" }, "DEFAULT_CLUSTER"],
    [{ ...good, ORG_PLACEMENT: "random" }, "ORG_PLACEMENT"],
  ])("refuses %o naming %s", (vars, name) => {
    withEnv(vars);
    expect(() => env()).toThrow(EnvError);
    expect(() => env()).toThrow(new RegExp(`${name}:`));
  });

  it("trusts no proxy and caps org creation by default", () => {
    withEnv(good);
    expect(env()).toMatchObject({ TRUSTED_PROXIES: "", ORGS_PER_USER_PER_DAY: 3, ORGS_PER_USER_MAX: 10 });
    withEnv({ ...good, TRUSTED_PROXIES: "loopback, 10.0.0.0/8, 2001:db8::/32, 203.0.113.10" });
    expect(env().TRUSTED_PROXIES).toContain("10.0.0.0/8");
  });

  it("reads the database clusters and the placement of new org databases", () => {
    withEnv({
      ...good,
      DATABASE_CLUSTERS: '{"eu-1":"postgresql://u:p@eu-1.db:5432/postgres"}',
      DEFAULT_CLUSTER: "eu-1",
    });
    expect(env()).toMatchObject({
      DATABASE_CLUSTERS: { "eu-1": "postgresql://u:p@eu-1.db:5432/postgres" },
      DEFAULT_CLUSTER: "eu-1",
      ORG_PLACEMENT: "fixed",
    });
    withEnv({ ...good, ORG_PLACEMENT: "least-loaded" });
    expect(env()).toMatchObject({
      DATABASE_CLUSTERS: {},
      DEFAULT_CLUSTER: "default",
      ORG_PLACEMENT: "least-loaded",
    });
  });

  it("treats empty values as unset", () => {
    withEnv({ ...good, LOG_LEVEL: "", APP_TIME_ZONE: "" });
    expect(env().LOG_LEVEL).toBe("info");
  });
});
