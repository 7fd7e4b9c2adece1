/**
 * One embedded PostgreSQL per test run, with migrated template databases for
 * the central and tenant schemas. Each test file clones a fresh central
 * database from the template (see setup-file.ts); org databases are cloned
 * from the tenant template.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { freePort, startEmbeddedPostgres } from "../../src/server/db/embedded";
import { migrateDatabase } from "../../src/server/db/migrator";
import { withDatabase } from "../../src/server/db/urls";

export const CENTRAL_TEMPLATE = "braidmgr_tpl_central";
export const TENANT_TEMPLATE = "braidmgr_tpl_tenant";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-test-pg-"));
  // The postgres system user must be able to reach the data directory.
  const { chmod } = await import("node:fs/promises");
  await chmod(dataDir, 0o777);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "data"),
    port: await freePort(),
    user: "braid_test",
    password: "braid_test_pw",
    persistent: false,
    fast: true,
  });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  for (const [name, kind] of [
    [CENTRAL_TEMPLATE, "central"],
    [TENANT_TEMPLATE, "tenant"],
  ] as const) {
    await admin.query(`CREATE DATABASE ${name}`);
    await migrateDatabase(withDatabase(server.url, name), kind);
  }
  await admin.end();
  project.provide("pgServerUrl", server.url);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
