import { getCentralDb, disconnectCentralDb } from "../../src/server/db/central";
import { migrateDatabase } from "../../src/server/db/migrator";
import { provisionOrgDatabase } from "../../src/server/db/provision";

/** Central first, then every live org (creating a missing org database). */
export async function migrateAll() {
  const central = await migrateDatabase(process.env.DATABASE_URL!, "central");
  const orgs = await getCentralDb().organization.findMany({
    where: { deletedAt: null, status: { in: ["active", "provisioning"] } },
    select: { slug: true, databaseName: true, clusterKey: true },
    orderBy: { slug: "asc" },
  });
  const tenants: Record<string, string[]> = {};
  for (const org of orgs) {
    tenants[org.slug] = await provisionOrgDatabase(org); // creates the database if it is missing
  }
  await disconnectCentralDb();
  return { central, orgs: tenants };
}
