/**
 * Answers being written by this process, and stopping one (chat.stop), here or
 * on another app instance.
 */
import { DomainError } from "@/domain/errors";
import { withMarker } from "@/domain/assistant";
import type { ChatCtx } from "./context";

const g = globalThis as unknown as { __braidChatRuns?: Map<string, AbortController> };
export const runs = () => (g.__braidChatRuns ??= new Map());

/** Stops an answer being written by this process. */
export function abortLocalRun(assistantMessageId: string): boolean {
  const c = runs().get(assistantMessageId);
  if (!c) return false;
  c.abort();
  return true;
}

/**
 * Stop by message id (chat.stop): marks the answer "stopping" so whichever instance
 * writes it stops at its next check, and aborts it at once when it runs here.
 */
export async function stopMessage(
  c: ChatCtx,
  messageId: string,
): Promise<{ messageId: string; stopped: boolean }> {
  const msg = await c.db.chatMessage.findFirst({
    where: { id: messageId, role: "assistant", session: { userId: c.user.id, deletedAt: null } },
    select: { id: true, status: true },
  });
  if (!msg) throw new DomainError("NOT_FOUND", "Message not found");
  // Not started yet: it never will be; stored as stopped at once.
  const { count: notStarted } = await c.db.chatMessage.updateMany({
    where: { id: messageId, status: "pending" },
    data: { status: "interrupted", content: withMarker("", "stopped") },
  });
  if (notStarted) return { messageId, stopped: true };
  const { count } = await c.db.chatMessage.updateMany({
    where: { id: messageId, status: "streaming" },
    data: { status: "stopping" },
  });
  const local = abortLocalRun(messageId);
  return { messageId, stopped: count === 1 || local };
}
