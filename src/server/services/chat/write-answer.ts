/**
 * Writing one answer: the model with tools (streamed or whole) or offline
 * mode, stop checks, and storing the answer with its token counts exactly
 * once, whatever happens (complete, interrupted + marker, or error).
 */
import {
  extractItemRefs,
  historyForModel,
  systemPrompt,
  withMarker,
  type ChatMode,
  type ContextRefs,
  type MessageStatus,
} from "@/domain/assistant";
import { formatOfflineAnswer, OFFLINE_LABEL } from "@/domain/assistant-offline-answer";
import { detectOfflineIntent, offlinePlan } from "@/domain/assistant-offline-intent";
import { asksForStatusReport, asksWhatChanged } from "@/domain/assistant-report";
import { offlineChanges, offlineStatusReport } from "./report-tool";
import type { TenantPrisma } from "@/server/db/tenant";
import type { ChatCtx, VisibleProject } from "./context";
import { addTokens } from "./limits";
import {
  describeModelError,
  isAbort,
  modelRound,
  StreamBrokenError,
  type ChatTool,
  type ChatTurnMessage,
} from "./model";
import type { ToolResultBlock } from "./provider";
import { MESSAGE_SELECT, toMessageDto, type ChatMessageDto } from "./sessions";
import { runTool, toolsFor } from "./tools";
import type { ToolRuntime } from "./tool-runtime";
import { runs } from "./turn-stop";
import type { ChatEvent, TurnDeps } from "./turn-types";

export type RunArgs = {
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

export async function* runTurn(a: RunArgs): AsyncGenerator<ChatEvent, void, undefined> {
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
      const system = systemPrompt({
        orgName: c.org.name,
        userName: c.user.name,
        today: deps.today,
        scope: rt.scope,
        project: a.sessionProject,
        projects: a.inScope,
      });
      const messages: ChatTurnMessage[] = await conversation(a);
      const tools: ChatTool[] = await toolsFor(rt);
      for (let round = 0; round < settings.maxToolRounds; round++) {
        if (controller.signal.aborted) throw new DOMException("Stopped", "AbortError");
        const last = round === settings.maxToolRounds - 1;
        let separated = text === "";
        roundStart = text.length;
        const gen = modelRound(
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
        const results: ToolResultBlock[] = [];
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
async function conversation(a: RunArgs): Promise<ChatTurnMessage[]> {
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
  const changes = asksWhatChanged(question, rt.today);
  if (changes) return offlineChanges(rt, changes.since);
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
