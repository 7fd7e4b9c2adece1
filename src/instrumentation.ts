/**
 * Runs once when the server starts: record each request's peer address, refuse
 * to start with invalid settings (fail fast), then start the scheduled jobs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: every request from now on carries its TCP peer address (client IPs for throttles).
  const { installPeerStamp } = await import("./server/http/peer");
  installPeerStamp();
  const { env, EnvError } = await import("./env");
  try {
    env();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // Daily indicator refresh and retention (pg-boss). Problems are logged; they never stop the server.
  try {
    const { startServerJobs } = await import("./server/jobs/runner");
    startServerJobs();
  } catch (err) {
    console.error("jobs: could not be loaded", err);
  }
}
