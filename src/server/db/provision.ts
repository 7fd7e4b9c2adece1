/** Creating, migrating and dropping organization databases. */
import pg from "pg";
import { migrateDatabase } from "./migrator";
import { clusterServerUrl, orgDatabaseUrl } from "./clusters";
import { quoteIdent } from "./urls";
import { env } from "@/env";

export async function withServer<T>(clusterKey: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clusterServerUrl(clusterKey) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing, then applies the tenant migrations (returns those applied). */
export async function provisionOrgDatabase(org: {
  databaseName: string;
  clusterKey: string;
}): Promise<string[]> {
  await ensureOrgDatabase(org);
  return migrateDatabase(orgDatabaseUrl(org), "tenant");
}

export async function ensureOrgDatabase(org: { databaseName: string; clusterKey: string }): Promise<void> {
  await withServer(org.clusterKey, async (c) => {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [org.databaseName]);
    if (rowCount) return;
    // The template is a local shortcut: used only on a server that has it (clusters may not).
    let template = env().TENANT_TEMPLATE_DATABASE;
    if (template) {
      const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (!found.rowCount) template = undefined;
    }
    await c.query(
      `CREATE DATABASE ${quoteIdent(org.databaseName)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`,
    );
  });
}

export async function dropOrgDatabase(org: { databaseName: string; clusterKey: string }): Promise<void> {
  await withServer(org.clusterKey, (c) =>
    c.query(`DROP DATABASE IF EXISTS ${quoteIdent(org.databaseName)} WITH (FORCE)`),
  );
}
