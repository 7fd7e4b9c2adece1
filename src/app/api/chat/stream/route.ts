/**
 * POST /api/chat/stream — the assistant's answer as Server-Sent Events.
 * Authenticates exactly like /api/trpc (same session, same context, and the
 * `chat.stream` procedure, through a caller); see src/server/api/chat-stream.ts.
 */
import { chatStreamResponse } from "@/server/api/chat-stream";
import { createInnerContext } from "@/server/api/trpc";
import { getAppSession } from "@/server/auth/server-session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const ctx = createInnerContext({ session: await getAppSession(), headers: req.headers });
  return chatStreamResponse(req, ctx);
}
