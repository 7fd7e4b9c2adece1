/**
 * One assistant turn, in two steps:
 *
 * 1. `prepareTurn` (chat.ask): checks and bookkeeping (session ownership,
 *    project visibility, daily budgets, scope); stores the question and an
 *    empty answer "pending".
 * 2. `answerTurn` (the chat.stream subscription): claims the pending answer
 *    (once: a second stream for it, e.g. a client that reconnected, follows
 *    the stored answer instead of asking the model again) and runs the model
 *    with tools — or offline mode without an API key — as an event stream
 *    that always ends with the answer stored, whatever happens:
 *
 * - complete: the model finished;
 * - interrupted + marker: the user stopped it, the client went away, or the
 *   stream broke mid-answer (the partial text is kept);
 * - error: the model could not be reached at all (a friendly message is stored).
 *
 * The scope is decided from the user's message only, recorded on both messages, enforced by tools.
 */
import { DomainError } from "@/domain/errors";
import { detectScope, isUnfinished, type ChatMode } from "@/domain/assistant";
import { accessibleProjects, requireVisibleProject, type ChatCtx, type VisibleProject } from "./context";
import { getOwnedSession, MESSAGE_SELECT, toMessageDto, type ChatMessageDto } from "./sessions";
import { newRuntime } from "./tool-runtime";
import { prepareTurn } from "./prepare-turn";
import { runTurn } from "./write-answer";
import type { ChatEvent, Turn, TurnDeps, TurnInput } from "./turn-types";

/** Asks and answers in one go (chat.send, chat.regenerate, the CLI). */
export async function startTurn(
  c: ChatCtx,
  input: TurnInput & { regenerate?: boolean },
  deps: TurnDeps,
): Promise<Turn> {
  const prepared = await prepareTurn(c, input, deps);
  return { ...prepared, events: await answerTurn(c, prepared.assistantMessageId, deps) };
}
/**
 * The answer to a prepared question, as events. The first stream for it writes it; any later one
 * (a reconnect, a second tab) follows the stored answer until it is finished, then sends `done`.
 */
export async function answerTurn(
  c: ChatCtx,
  assistantMessageId: string,
  deps: TurnDeps,
): Promise<AsyncGenerator<ChatEvent, void, undefined>> {
  const answer = await c.db.chatMessage.findFirst({
    where: { id: assistantMessageId, role: "assistant", session: { userId: c.user.id, deletedAt: null } },
    select: { id: true, sessionId: true, createdAt: true },
  });
  if (!answer) throw new DomainError("NOT_FOUND", "Message not found");
  const session = await getOwnedSession(c, answer.sessionId);
  const sessionProject: VisibleProject | null = session.projectId
    ? await requireVisibleProject(c, session.projectId)
    : null;
  const asked = await c.db.chatMessage.findFirst({
    where: { sessionId: session.id, role: "user", createdAt: { lt: answer.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, content: true },
  });
  if (!asked) throw new DomainError("NOT_FOUND", "Message not found");

  const scope = detectScope(asked.content, { sessionHasProject: !!sessionProject });
  const inScope = scope === "project" && sessionProject ? [sessionProject] : await accessibleProjects(c);
  const mode: ChatMode = deps.model ? "online" : "offline";
  const start: ChatEvent = {
    type: "start",
    sessionId: session.id,
    userMessageId: asked.id,
    assistantMessageId,
    scope,
    mode,
    projects: inScope.map((p) => ({ id: p.id, name: p.name })),
  };

  const { count: claimed } = await c.db.chatMessage.updateMany({
    where: { id: assistantMessageId, status: "pending" },
    data: { status: "streaming" },
  });
  if (!claimed) return followAnswer(c, start, answer.createdAt, deps);

  const rt = newRuntime({ chat: c, scope, sessionProjectId: sessionProject?.id ?? null, today: deps.today });
  return runTurn({ c, deps, rt, question: asked.content, start, sessionProject, inScope, mode });
}

/** Waits for an answer another stream is writing (or has written) and sends it. */
async function* followAnswer(
  c: ChatCtx,
  start: ChatEvent & { type: "start" },
  askedAt: Date,
  deps: TurnDeps,
): AsyncGenerator<ChatEvent, void, undefined> {
  yield start;
  const giveUpAt = askedAt.getTime() + 15 * 60_000;
  for (;;) {
    const row = await c.db.chatMessage.findUniqueOrThrow({
      where: { id: start.assistantMessageId },
      select: MESSAGE_SELECT,
    });
    if (!isUnfinished(row.status) || Date.now() > giveUpAt || deps.signal?.aborted) {
      yield { type: "done", message: toMessageDto(row) };
      return;
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, deps.stopPollMs ?? 500);
      deps.signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });
  }
}
/** Runs a turn to the end without streaming to anyone (chat.send, the CLI). */
export async function drainTurn(turn: Turn): Promise<ChatMessageDto> {
  let last: ChatMessageDto | null = null;
  for await (const ev of turn.events) if (ev.type === "done") last = ev.message;
  if (!last) throw new Error("The turn ended without an answer");
  return last;
}
