/**
 * Applies pending migrations to the central database and then to every
 * organization database:  npm run db:migrate
 */
import { prepareLocalEnv } from "./lib/local-env";
import { migrateAll } from "./lib/migrate-all";

async function main() {
  const pg = await prepareLocalEnv({ migrate: false });
  try {
    const report = await migrateAll();
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await pg?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
