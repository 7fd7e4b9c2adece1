/**
 * Runs in every integration test file before its tests: a fresh central
 * database cloned from the migrated template, and a unique prefix so the org
 * databases this file creates never meet another file's.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { resetEnvCache } from "@/env";
import { withDatabase } from "@/server/db/urls";
import { disconnectCentralDb } from "@/server/db/central";
import { disconnectAllTenantDbs } from "@/server/db/tenant";
import { resetAccessCaches } from "@/server/cache/access";

const CENTRAL_TEMPLATE = "braidmgr_tpl_central";
const TENANT_TEMPLATE = "braidmgr_tpl_tenant";

const serverUrl = inject("pgServerUrl");
const id = randomBytes(4).toString("hex");
const centralName = `t${id}_central`;
const prefix = `t${id}_org_`;

async function adminQuery(sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

await adminQuery(`CREATE DATABASE ${centralName} TEMPLATE ${CENTRAL_TEMPLATE}`);

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: withDatabase(serverUrl, centralName),
  ORG_DATABASE_PREFIX: prefix,
  TENANT_TEMPLATE_DATABASE: TENANT_TEMPLATE,
  NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
  LOG_LEVEL: "silent",
  APP_TIME_ZONE: "UTC",
});
resetEnvCache();

afterAll(async () => {
  await resetAccessCaches();
  await disconnectAllTenantDbs();
  await disconnectCentralDb();
  const { rows } = await adminQuery("SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2", [
    `${prefix}%`,
    centralName,
  ]);
  for (const r of rows as { datname: string }[])
    await adminQuery(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
});
