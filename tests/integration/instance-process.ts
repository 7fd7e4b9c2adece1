/**
 * A second app instance for tests, in a process of its own: the same HTTP
 * server as auth-http-server.ts (real next-auth, real tRPC router), with the
 * configuration it inherits from the test (same central database). Prints
 * {"url": …} on stdout once it listens; stops on SIGTERM.
 */
import { closeAllLive } from "@/server/live";
import { disconnectCentralDb } from "@/server/db/central";
import { disconnectAllTenantDbs } from "@/server/db/tenant";
import { startAuthHttpServer } from "./auth-http-server";

const server = await startAuthHttpServer();
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

process.on("SIGTERM", () => {
  closeAllLive();
  void server
    .close()
    .then(() => Promise.all([disconnectAllTenantDbs(), disconnectCentralDb()]))
    .finally(() => process.exit(0));
});
