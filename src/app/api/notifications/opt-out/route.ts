/**
 * The digest e-mail's one-click opt-out: `?u=<user id>&s=<signature>` (an
 * HMAC of the user id with the app's secret, src/server/jobs/digest-daily.ts).
 * Turns the daily digest off; in-app notifications stay as they are.
 */
import { getCentralDb } from "@/server/db/central";
import { verifyOptOut } from "@/server/jobs/digest-daily";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function page(status: number, title: string, body: string) {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">${title}</h1><p>${body}</p><p><a href="/profile#notifications">Notification settings</a></p></body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  const userId = url.searchParams.get("u") ?? "";
  const signature = url.searchParams.get("s") ?? "";
  if (!UUID.test(userId) || !verifyOptOut(userId, signature))
    return page(400, "This link is not valid", "Change your e-mail settings on your profile page instead.");
  try {
    const central = getCentralDb();
    const user = await central.user.findFirst({
      where: { id: userId, deletedAt: null },
      select: { id: true },
    });
    if (user) {
      await central.notificationPrefs.upsert({
        where: { userId },
        create: { userId, digest: false },
        update: { digest: false },
      });
    }
  } catch (err) {
    logger.error({ err }, "digest opt-out failed");
    return page(503, "Please try again later", "Your settings could not be saved just now.");
  }
  return page(200, "You will no longer get the daily digest", "In-app notifications are unchanged.");
}
