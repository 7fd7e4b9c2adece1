/**
 * Chat sessions and their messages. A session belongs to one user and to one
 * project (or to the org when `projectId` is null). Only the owner sees it,
 * and only while they can still see its project: a session of a project they
 * lost access to is NOT_FOUND, like the project itself.
 */
import { DomainError } from "@/domain/errors";
import {
  isUnfinished,
  MESSAGE_STATUSES,
  parseContextRefs,
  type ContextRefs,
  type MessageStatus,
} from "@/domain/assistant";
import { auditOf } from "../audit";
import type { ChatCtx } from "./context";
import { accessibleProjects, requireVisibleProject } from "./context";

const SESSION_SELECT = {
  id: true,
  userId: true,
  projectId: true,
  title: true,
  createdAt: true,
  updatedAt: true,
  project: { select: { name: true } },
} as const;

export type ChatSessionDto = {
  id: string;
  projectId: string | null;
  projectName: string | null;
  title: string;
  createdAt: Date;
  updatedAt: Date;
};

type SessionRow = {
  id: string;
  userId: string;
  projectId: string | null;
  title: string;
  createdAt: Date;
  updatedAt: Date;
  project: { name: string } | null;
};

const toSessionDto = (s: SessionRow): ChatSessionDto => ({
  id: s.id,
  projectId: s.projectId,
  projectName: s.project?.name ?? null,
  title: s.title,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

export type ChatMessageDto = {
  id: string;
  sessionId: string;
  role: "user" | "assistant" | "system";
  content: string;
  contextRefs: ContextRefs;
  inputTokens: number;
  outputTokens: number;
  status: MessageStatus;
  createdAt: Date;
};

/** An answer still unfinished this long after it was asked belongs to a process (or a client) that went away. */
const STALE_STREAM_MS = 15 * 60_000;

export function toMessageDto(
  m: {
    id: string;
    sessionId: string;
    role: string;
    content: string;
    contextRefs: unknown;
    inputTokens: number;
    outputTokens: number;
    status: string;
    createdAt: Date;
  },
  now: number = Date.now(),
): ChatMessageDto {
  let status = (
    (MESSAGE_STATUSES as readonly string[]).includes(m.status) ? m.status : "complete"
  ) as MessageStatus;
  if (isUnfinished(status) && now - m.createdAt.getTime() > STALE_STREAM_MS) status = "interrupted";
  return {
    id: m.id,
    sessionId: m.sessionId,
    role: m.role === "assistant" || m.role === "system" ? m.role : "user",
    content: m.content,
    contextRefs: parseContextRefs(m.contextRefs),
    inputTokens: m.inputTokens,
    outputTokens: m.outputTokens,
    status,
    createdAt: m.createdAt,
  };
}

export const MESSAGE_SELECT = {
  id: true,
  sessionId: true,
  role: true,
  content: true,
  contextRefs: true,
  inputTokens: true,
  outputTokens: true,
  status: true,
  createdAt: true,
} as const;

/** Audit rows of the caller's sessions (never announced: see `isAnnounced`). */
const auditSession = auditOf("chat_session");

export async function createSession(
  c: ChatCtx,
  input: { projectId: string | null; title?: string },
): Promise<ChatSessionDto> {
  if (input.projectId) await requireVisibleProject(c, input.projectId);
  return c.db.$transaction(async (tx) => {
    const row = await tx.chatSession.create({
      data: {
        userId: c.user.id,
        projectId: input.projectId,
        title: input.title?.trim() || "New conversation",
      },
      select: SESSION_SELECT,
    });
    const dto = toSessionDto(row);
    await auditSession(tx, c.audit, "CREATE", dto, { after: { title: dto.title } });
    return dto;
  });
}

/** The caller's own live session, if they can still see its project. */
export async function getOwnedSession(c: ChatCtx, sessionId: string): Promise<ChatSessionDto> {
  const row = await c.db.chatSession.findFirst({
    where: { id: sessionId, userId: c.user.id, deletedAt: null },
    select: SESSION_SELECT,
  });
  if (!row) throw new DomainError("NOT_FOUND", "Conversation not found");
  if (row.projectId) {
    try {
      await requireVisibleProject(c, row.projectId);
    } catch {
      throw new DomainError("NOT_FOUND", "Conversation not found");
    }
  }
  return toSessionDto(row);
}

/**
 * The caller's sessions, newest first. `projectId` given: that project's
 * sessions (null: the org-wide ones); left out: all of them.
 */
export async function listSessions(c: ChatCtx, input: { projectId?: string | null; limit?: number }) {
  if (input.projectId) await requireVisibleProject(c, input.projectId);
  const rows = await c.db.chatSession.findMany({
    where: {
      userId: c.user.id,
      deletedAt: null,
      ...(input.projectId !== undefined ? { projectId: input.projectId } : {}),
    },
    select: { ...SESSION_SELECT, _count: { select: { messages: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: input.limit ?? 50,
  });
  let visible = rows;
  if (input.projectId === undefined && rows.some((r) => r.projectId)) {
    const ids = new Set((await accessibleProjects(c)).map((p) => p.id));
    visible = rows.filter((r) => !r.projectId || ids.has(r.projectId));
  }
  return visible.map((r) => ({ ...toSessionDto(r), messageCount: r._count.messages }));
}

export async function sessionHistory(c: ChatCtx, sessionId: string) {
  const session = await getOwnedSession(c, sessionId);
  const rows = await c.db.chatMessage.findMany({
    where: { sessionId },
    select: MESSAGE_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const now = Date.now();
  return { session, messages: rows.map((m) => toMessageDto(m, now)) };
}

export async function renameSession(c: ChatCtx, sessionId: string, title: string): Promise<ChatSessionDto> {
  const before = await getOwnedSession(c, sessionId);
  return c.db.$transaction(async (tx) => {
    const row = await tx.chatSession.update({
      where: { id: sessionId },
      data: { title: title.trim() },
      select: SESSION_SELECT,
    });
    const dto = toSessionDto(row);
    await auditSession(tx, c.audit, "UPDATE", dto, {
      before: { title: before.title },
      after: { title: dto.title },
    });
    return dto;
  });
}

/** Soft delete, like every other record; the conversation disappears from lists and history at once. */
export async function deleteSession(c: ChatCtx, sessionId: string): Promise<{ id: string; deleted: true }> {
  return c.db.$transaction(async (tx) => {
    const row = await tx.chatSession.findFirst({
      where: { id: sessionId, userId: c.user.id, deletedAt: null },
      select: { id: true, title: true, projectId: true },
    });
    if (!row) throw new DomainError("NOT_FOUND", "Conversation not found");
    await tx.chatSession.update({ where: { id: sessionId }, data: { deletedAt: new Date() } });
    await auditSession(tx, c.audit, "DELETE", row, { before: { title: row.title } });
    return { id: sessionId, deleted: true as const };
  });
}
