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
import type { Tool, ToolResultBlockParam } from "@anthropic-ai/sdk/resources/messages";
import { DomainError } from "@/domain/errors";
import {
  detectScope,
  extractItemRefs,
  historyForModel,
  isUnfinished,
  systemPrompt,
  titleFromMessage,
  withMarker,
  type ChatMode,
  type ChatScope,
  type ContextRefs,
  type MessageStatus,
} from "@/domain/assistant";
import {
  formatOfflineAnswer,
  detectOfflineIntent,
  offlinePlan,
  OFFLINE_LABEL,
} from "@/domain/assistant-offline";
import { asksForStatusReport } from "@/domain/assistant-report";
import { offlineStatusReport } from "./report-tool";
import type { IsoDate } from "@/domain/types";
import type { TenantPrisma } from "@/server/db/tenant";
import { accessibleProjects, requireVisibleProject, type ChatCtx, type VisibleProject } from "./context";
import { addTokens, reserveMessage, type ChatLimits } from "./limits";
import {
  anthropicFor,
  describeModelError,
  isAbort,
  modelRound,
  StreamBrokenError,
  type MessageParam,
  type ModelSettings,
} from "./model";
import {
  createSession,
  getOwnedSession,
  MESSAGE_SELECT,
  toMessageDto,
  type ChatMessageDto,
} from "./sessions";
import { runTool, toolsFor } from "./tools";
import { newRuntime, type ToolRuntime } from "./tool-runtime";

export type ChatEvent =
  | {
      type: "start";
      sessionId: string;
      userMessageId: string;
      assistantMessageId: string;
      scope: ChatScope;
      mode: ChatMode;
      /** Projects in scope for this question. */
      projects: { id: string; name: string }[];
    }
  | { type: "tool"; name: string }
  | { type: "delta"; text: string }
  | { type: "done"; message: ChatMessageDto };

export type TurnInput = {
  /** Continue this session; without it a new session is created. */
  sessionId?: string;
  /** For a new session: its project (null = org-wide). */
  projectId?: string | null;
  message: string;
};

export type TurnDeps = {
  today: IsoDate;
  limits: ChatLimits;
  /** Null → offline mode. */
  model: ModelSettings | null;
  /** Stream the model's answer (chat.stream) or fetch it whole (chat.send). */
  stream: boolean;
  /** Aborts the turn (client disconnected); the answer is stored as stopped. */
  signal?: AbortSignal;
  /** How often to look for a stop requested from another app instance (ms). */
  stopPollMs?: number;
};

/** A question stored and accepted; its answer is still to be written. */
export type PreparedTurn = {
  sessionId: string;
  userMessageId: string;
  assistantMessageId: string;
  scope: ChatScope;
  mode: ChatMode;
  /** Projects in scope for this question. */
  projects: { id: string; name: string }[];
};

export type Turn = PreparedTurn & { events: AsyncGenerator<ChatEvent, void, undefined> };

/* -------------------------------------------------------------- running turns */

const g = globalThis as unknown as { __braidChatRuns?: Map<string, AbortController> };
const runs = () => (g.__braidChatRuns ??= new Map());

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

/* ----------------------------------------------------------------- the turn */

const MAX_MESSAGE_CHARS = 8_000;

/** Asks and answers in one go (chat.send, chat.regenerate, the CLI). */
export async function startTurn(
  c: ChatCtx,
  input: TurnInput & { regenerate?: boolean },
  deps: TurnDeps,
): Promise<Turn> {
  const prepared = await prepareTurn(c, input, deps);
  return { ...prepared, events: await answerTurn(c, prepared.assistantMessageId, deps) };
}

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

type RunArgs = {
  c: ChatCtx;
  deps: TurnDeps;
  rt: ToolRuntime;
  question: string;
  /** The `start` event: ids, scope, mode, projects. */
  start: ChatEvent & { type: "start" };
  sessionProject: VisibleProject | null;
  inScope: VisibleProject[];
  mode: ChatMode;
};

type Outcome = { status: MessageStatus; marker?: "stopped" | "interrupted"; errorText?: string };

async function* runTurn(a: RunArgs): AsyncGenerator<ChatEvent, void, undefined> {
  const { c, deps, rt } = a;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  if (deps.signal) {
    if (deps.signal.aborted) controller.abort();
    else deps.signal.addEventListener("abort", onAbort, { once: true });
  }
  const { assistantMessageId } = a.start;
  runs().set(assistantMessageId, controller);
  // A stop requested through another instance shows up as status "stopping".
  const poll = setInterval(() => {
    c.db.chatMessage
      .findUnique({ where: { id: assistantMessageId }, select: { status: true } })
      .then((m) => {
        if (m?.status === "stopping") controller.abort();
      })
      .catch(() => {});
  }, deps.stopPollMs ?? 1000);
  poll.unref?.();

  let text = "";
  /** Where the current model round's text starts (for estimating a broken round's output). */
  let roundStart = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  // If the consumer walks away mid-answer, the answer counts as stopped.
  let outcome: Outcome = { status: "interrupted", marker: "stopped" };
  let final: ChatMessageDto | null = null;

  try {
    yield a.start;

    if (!deps.model) {
      const answer = await offlineAnswer(rt, a.question);
      text = answer;
      yield { type: "delta", text: answer };
      outcome = { status: "complete" };
    } else {
      const settings = deps.model;
      const client = anthropicFor(settings);
      const system = systemPrompt({
        orgName: c.org.name,
        userName: c.user.name,
        today: deps.today,
        scope: rt.scope,
        project: a.sessionProject,
        projects: a.inScope,
      });
      const messages: MessageParam[] = await conversation(a);
      const tools: Tool[] = await toolsFor(rt);
      for (let round = 0; round < settings.maxToolRounds; round++) {
        if (controller.signal.aborted) throw new DOMException("Stopped", "AbortError");
        const last = round === settings.maxToolRounds - 1;
        let separated = text === "";
        roundStart = text.length;
        const gen = modelRound(
          client,
          settings,
          { system, messages, tools, ...(last ? { toolChoice: { type: "none" as const } } : {}) },
          { stream: deps.stream, signal: controller.signal },
        );
        let step = await gen.next();
        while (!step.done) {
          let chunk = step.value;
          if (!separated && chunk) {
            chunk = `\n\n${chunk.replace(/^\s+/, "")}`;
            separated = true;
          }
          text += chunk;
          yield { type: "delta", text: chunk };
          step = await gen.next();
        }
        const result = step.value;
        inputTokens += result.inputTokens;
        outputTokens += result.outputTokens;
        const calls = result.content.filter((b) => b.type === "tool_use");
        if (result.stopReason !== "tool_use" || calls.length === 0) break;
        messages.push({ role: "assistant", content: result.content });
        const results: ToolResultBlockParam[] = [];
        for (const call of calls) {
          if (call.type !== "tool_use") continue;
          yield { type: "tool", name: call.name };
          const out = await runTool(rt, call.name, call.input);
          results.push({
            type: "tool_result",
            tool_use_id: call.id,
            content: JSON.stringify(out.ok ? out.data : { error: out.error }),
            ...(out.ok ? {} : { is_error: true }),
          });
        }
        messages.push({ role: "user", content: results });
      }
      outcome = { status: "complete" };
    }
  } catch (err) {
    if (controller.signal.aborted || isAbort(err)) {
      outcome = { status: "interrupted", marker: "stopped" };
    } else if (err instanceof StreamBrokenError) {
      inputTokens += err.inputTokens;
      // Without the final usage event, estimate what was produced (≈ 4 characters a token).
      outputTokens += Math.max(err.outputTokens, Math.ceil((text.length - roundStart) / 4));
      outcome = { status: "interrupted", marker: "interrupted" };
      c.log?.warn({ err: err.cause ?? err }, "assistant stream broke");
    } else if (text) {
      outcome = { status: "interrupted", marker: "interrupted" };
      c.log?.error({ err }, "assistant turn failed mid-answer");
    } else {
      outcome = { status: "error", errorText: describeModelError(err) };
      c.log?.error({ err }, "assistant turn failed");
    }
  } finally {
    clearInterval(poll);
    deps.signal?.removeEventListener("abort", onAbort);
    runs().delete(assistantMessageId);
    final = await finish(a, { text, inputTokens, outputTokens, outcome });
  }
  yield { type: "done", message: final };
}

/** Earlier messages of the session plus this question, as the model should see them. */
async function conversation(a: RunArgs): Promise<MessageParam[]> {
  const rows = await a.c.db.chatMessage.findMany({
    where: { sessionId: a.start.sessionId, id: { not: a.start.assistantMessageId } },
    select: { role: true, content: true, status: true, createdAt: true, id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const turns = rows
    .filter((r) => r.id !== a.start.userMessageId)
    .map((r) => ({ role: r.role as "user" | "assistant" | "system", content: r.content, status: r.status }));
  turns.push({ role: "user", content: a.question, status: "complete" });
  return historyForModel(turns);
}

async function offlineAnswer(rt: ToolRuntime, question: string): Promise<string> {
  if (asksForStatusReport(question)) return offlineStatusReport(rt);
  const intent = detectOfflineIntent(question);
  const plan = offlinePlan(intent);
  let result = null;
  if (plan) {
    const out = await runTool(rt, plan.tool, plan.input);
    if (!out.ok) return `${OFFLINE_LABEL} — ${out.error.message}`;
    result = out.data as Parameters<typeof formatOfflineAnswer>[0]["result"];
  }
  return formatOfflineAnswer({
    intent,
    today: rt.today,
    result,
    userName: rt.chat.user.name,
    multiProject: rt.scope === "all",
  });
}

/** Stores the answer (exactly once) and counts its tokens. */
async function finish(
  a: RunArgs,
  r: { text: string; inputTokens: number; outputTokens: number; outcome: Outcome },
): Promise<ChatMessageDto> {
  const { c, rt } = a;
  const { outcome } = r;
  const content =
    outcome.status === "error"
      ? r.text || outcome.errorText || ""
      : outcome.marker
        ? withMarker(r.text, outcome.marker)
        : r.text.trim()
          ? r.text
          : "I could not put an answer together from the data. Please rephrase the question.";
  const used = rt.used;
  const cited = extractItemRefs(r.text).filter((n) => used.itemNums.has(n));
  const refs: ContextRefs = {
    scope: rt.scope,
    mode: a.mode,
    itemNums: cited,
    projectIds: [...used.projectIds],
    tools: [...used.tools],
    ...(outcome.marker ? { marker: outcome.marker } : {}),
  };
  const now = new Date();
  await c.db.chatMessage.updateMany({
    where: { id: a.start.assistantMessageId, status: { in: ["streaming", "stopping"] } },
    data: {
      content,
      status: outcome.status,
      contextRefs: refs as unknown as TenantPrisma.InputJsonValue,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
    },
  });
  await Promise.all([
    c.db.chatSession.update({ where: { id: a.start.sessionId }, data: { updatedAt: now } }).catch(() => {}),
    addTokens(c.db, c.user.id, rt.today, r.inputTokens, r.outputTokens),
  ]);
  const row = await c.db.chatMessage.findUniqueOrThrow({
    where: { id: a.start.assistantMessageId },
    select: MESSAGE_SELECT,
  });
  return toMessageDto(row);
}

/** Runs a turn to the end without streaming to anyone (chat.send, the CLI). */
export async function drainTurn(turn: Turn): Promise<ChatMessageDto> {
  let last: ChatMessageDto | null = null;
  for await (const ev of turn.events) if (ev.type === "done") last = ev.message;
  if (!last) throw new Error("The turn ended without an answer");
  return last;
}
