import { getCentralDb, disconnectCentralDb } from "../../src/server/db/central";
import { migrateDatabase } from "../../src/server/db/migrator";
import { provisionOrgDatabase } from "../../src/server/db/provision";

/**
 * Central first, then every active org (creating a missing org database).
 *
 * Orgs still "provisioning" are skipped: org.create is creating and migrating
 * their database right now (in the app or another CLI call), and a second
 * CREATE DATABASE racing it would make that org.create fail. They are listed
 * under `provisioning`, so an org left there by a crash is visible.
 */
export async function migrateAll() {
  const central = await migrateDatabase(process.env.DATABASE_URL!, "central");
  const orgs = await getCentralDb().organization.findMany({
    where: { deletedAt: null, status: { in: ["active", "provisioning"] } },
    select: { slug: true, databaseName: true, clusterKey: true, status: true },
    orderBy: { slug: "asc" },
  });
  const tenants: Record<string, string[]> = {};
  const provisioning: string[] = [];
  for (const org of orgs) {
    if (org.status !== "active") {
      provisioning.push(org.slug);
      continue;
    }
    tenants[org.slug] = await provisionOrgDatabase(org); // creates the database if it is missing
  }
  await disconnectCentralDb();
  return { central, orgs: tenants, provisioning };
}
