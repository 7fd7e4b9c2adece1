/**
 * Generates both Prisma clients (central and tenant). Prisma's native schema
 * engine cannot be downloaded here, and `prisma generate` does not need it, so
 * we point Prisma at a stand-in that refuses to run (see NOTES in README).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaCli = path.join(root, "node_modules", "prisma", "build", "index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, "scripts", "lib", "no-schema-engine.sh"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

for (const kind of ["central", "tenant"]) {
  execFileSync(process.execPath, [prismaCli, "generate", "--config", `prisma/${kind}.config.ts`], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
console.log("prisma clients generated (central, tenant)");
