/**
 * `npm start`: everything a fresh clone needs, then the production server.
 *  1. .env, generated local secrets, embedded PostgreSQL (unless DATABASE_URL)
 *  2. migrations for the central and every org database
 *  3. on first run, the demo organization and project (dates shifted to today)
 *  4. a production build when there is no current one (`--dev` runs next dev)
 *  5. next start on PORT (default 3000)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { ensureBuild, NEXT_BIN } from "./lib/build";
import { prepareLocalEnv, ROOT, startLocalS3 } from "./lib/local-env";

async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT || 3000);
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
  const pg = await prepareLocalEnv();
  const stopS3 = await startLocalS3();
  const { seedDemoIfEmpty } = await import("./lib/seed");
  const demo = await seedDemoIfEmpty();
  if (!dev) ensureBuild();

  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, dev ? "dev" : "start", "-p", String(port)], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: dev ? "development" : "production" },
  });
  const banner = [
    "",
    `  braidMgr is starting at ${process.env.NEXTAUTH_URL}`,
    demo
      ? `  demo login: ${demo.email} / ${demo.password}`
      : "  (existing data kept; the demo login was printed on the first start)",
    "",
  ].join("\n");
  setTimeout(() => console.log(banner), 1500);

  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      // Let the server wind down (open requests, the job runner) while its database is still up.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
    }
    await stopS3?.().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 0));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
