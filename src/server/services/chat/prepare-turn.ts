/** Step 1 of a turn (chat.ask): checks, budgets and scope; stores the question and an empty answer. */
import { DomainError } from "@/domain/errors";
import { detectScope, titleFromMessage, type ChatMode, type ContextRefs } from "@/domain/assistant";
import type { TenantPrisma } from "@/server/db/tenant";
import { accessibleProjects, requireVisibleProject, type ChatCtx, type VisibleProject } from "./context";
import { reserveMessage } from "./limits";
import { createSession, getOwnedSession } from "./sessions";
import type { PreparedTurn, TurnDeps, TurnInput } from "./turn-types";

const MAX_MESSAGE_CHARS = 8_000;
/** Checks, reserves and records the question, and an empty answer "pending" (its stream comes next). */
export async function prepareTurn(
  c: ChatCtx,
  input: TurnInput & { regenerate?: boolean },
  deps: Pick<TurnDeps, "today" | "limits" | "model">,
): Promise<PreparedTurn> {
  const message = input.message.trim();
  if (!input.regenerate && !message)
    throw new DomainError("INVALID", "Type a question", { fieldErrors: { message: ["Type a question"] } });
  if (message.length > MAX_MESSAGE_CHARS) {
    throw new DomainError("INVALID", `Keep questions under ${MAX_MESSAGE_CHARS} characters`, {
      fieldErrors: { message: [`Keep questions under ${MAX_MESSAGE_CHARS} characters`] },
    });
  }

  // A new conversation is only created once the question is accepted (budgets included).
  const existing = input.sessionId ? await getOwnedSession(c, input.sessionId) : null;
  const sessionProjectId = existing ? existing.projectId : (input.projectId ?? null);
  const sessionProject: VisibleProject | null = sessionProjectId
    ? await requireVisibleProject(c, sessionProjectId)
    : null;
  if (input.regenerate && !existing)
    throw new DomainError("INVALID", "Name the conversation to answer again");

  let question = message;
  let userMessageId: string | null = null;
  let askedAt: Date | null = null;
  if (input.regenerate && existing) {
    const lastUser = await c.db.chatMessage.findFirst({
      where: { sessionId: existing.id, role: "user" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, content: true, createdAt: true },
    });
    if (!lastUser) throw new DomainError("INVALID", "There is no question to answer again");
    const running = await c.db.chatMessage.count({
      where: {
        sessionId: existing.id,
        role: "assistant",
        status: { in: ["pending", "streaming", "stopping"] },
        createdAt: { gte: new Date(Date.now() - 15 * 60_000) },
      },
    });
    if (running) throw new DomainError("CONFLICT", "An answer is still being written; stop it first");
    question = lastUser.content;
    userMessageId = lastUser.id;
    askedAt = lastUser.createdAt;
  }

  await reserveMessage(c.db, c.user.id, deps.today, deps.limits);
  const session =
    existing ?? (await createSession(c, { projectId: sessionProjectId, title: titleFromMessage(message) }));

  const scope = detectScope(question, { sessionHasProject: !!sessionProject });
  const inScope = scope === "project" && sessionProject ? [sessionProject] : await accessibleProjects(c);
  const mode: ChatMode = deps.model ? "online" : "offline";

  const ids = await c.db.$transaction(async (tx) => {
    let uid = userMessageId;
    const now = Date.now();
    if (askedAt) {
      // The answer(s) being replaced. Their tokens stay counted: they were used.
      await tx.chatMessage.deleteMany({
        where: { sessionId: session.id, role: "assistant", createdAt: { gte: askedAt } },
      });
    } else {
      const refs: ContextRefs = {
        scope,
        mode,
        itemNums: [],
        projectIds: inScope.map((p) => p.id),
        tools: [],
      };
      uid = (
        await tx.chatMessage.create({
          data: {
            sessionId: session.id,
            role: "user",
            content: message,
            contextRefs: refs as unknown as TenantPrisma.InputJsonValue,
            createdAt: new Date(now),
          },
          select: { id: true },
        })
      ).id;
    }
    const placeholder: ContextRefs = { scope, mode, itemNums: [], projectIds: [], tools: [] };
    const aid = (
      await tx.chatMessage.create({
        data: {
          sessionId: session.id,
          role: "assistant",
          content: "",
          status: "pending",
          contextRefs: placeholder as unknown as TenantPrisma.InputJsonValue,
          createdAt: new Date(now + 1),
        },
        select: { id: true },
      })
    ).id;
    // A conversation started with chat.create takes its title from the first question.
    const retitle =
      !askedAt &&
      session.title === "New conversation" &&
      !(await tx.chatMessage.count({ where: { sessionId: session.id, role: "user", id: { not: uid! } } }));
    await tx.chatSession.update({
      where: { id: session.id },
      data: { updatedAt: new Date(now + 1), ...(retitle ? { title: titleFromMessage(message) } : {}) },
    });
    return { uid: uid!, aid };
  });

  return {
    sessionId: session.id,
    userMessageId: ids.uid,
    assistantMessageId: ids.aid,
    scope,
    mode,
    projects: inScope.map((p) => ({ id: p.id, name: p.name })),
  };
}
