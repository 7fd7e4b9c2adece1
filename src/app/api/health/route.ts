/** Liveness and readiness: 200 when the central database answers, 503 otherwise. */
import { getCentralDb } from "@/server/db/central";

export const dynamic = "force-dynamic";

export async function GET() {
  const checks: Record<string, string> = {};
  try {
    await Promise.race([
      getCentralDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    checks.database = "ok";
  } catch {
    checks.database = "unavailable";
  }
  const ok = Object.values(checks).every((v) => v === "ok");
  return Response.json(
    { status: ok ? "ok" : "error", checks },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
