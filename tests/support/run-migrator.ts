/**
 * Runs the migrator in its own process (tests kill it mid-migration):
 *   node --import tsx tests/support/run-migrator.ts <database-url> <central|tenant> <root>
 * `root` holds prisma/<kind>/migrations (a test-only set; production migrations are untouched).
 * Prints {"applied":[…]} when done.
 */
import { migrateDatabase, type SchemaKind } from "../../src/server/db/migrator";

const [url, kind, root] = process.argv.slice(2);
if (!url || (kind !== "central" && kind !== "tenant") || !root) {
  console.error("usage: run-migrator.ts <database-url> <central|tenant> <root>");
  process.exit(2);
}
process.stdout.write(`${JSON.stringify({ started: process.pid })}\n`);
const applied = await migrateDatabase(url, kind as SchemaKind, root);
process.stdout.write(`${JSON.stringify({ applied })}\n`);
