import { TRPCError } from "@trpc/server";
import { createTRPCRouter, orgAction, orgProcedure, projectAction } from "@/server/api/trpc";
import { today } from "@/server/clock";
import { canEditItem } from "@/domain/permissions";
import { proposeFromNotes } from "@/server/services/chat/propose";
import { applyProposals } from "@/server/services/apply-proposals";
import { assignableMembers } from "@/server/services/assignees";
import { ZApplyProposals, ZProposeFromNotes } from "@/contracts/assistant-actions";
import type { ChatCtx } from "@/server/services/chat/context";
import { chatDeps } from "@/server/services/chat/deps";
import { answerTurn, drainTurn, startTurn } from "@/server/services/chat/engine";
import { prepareTurn } from "@/server/services/chat/prepare-turn";
import { stopMessage } from "@/server/services/chat/turn-stop";
import type { Turn, TurnDeps } from "@/server/services/chat/turn-types";
import type { OrgAiRef } from "@/server/services/chat/org-model";
import { myUsage, usageReport } from "@/server/services/chat/limits";
import {
  createSession,
  deleteSession,
  listSessions,
  renameSession,
  sessionHistory,
} from "@/server/services/chat/sessions";
import {
  ZChatAsk,
  ZChatCreate,
  ZChatMessageRef,
  ZChatRename,
  ZChatSend,
  ZChatSessionRef,
  ZChatSessions,
  ZChatStream,
} from "@/contracts/chat";

/**
 * Conversations belong to a signed-in user (the CLI's system actor must act
 * `--as` someone). Org membership is checked by orgProcedure; project
 * visibility by the chat services, on every call.
 */
const chatProcedure = orgProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== "user") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "The assistant answers signed-in users only (use --as with the CLI)",
    });
  }
  const chat: ChatCtx = {
    db: ctx.db,
    org: { id: ctx.org.id, slug: ctx.org.slug, name: ctx.org.name },
    orgRole: ctx.orgRole,
    user: { id: ctx.actor.userId, name: ctx.actor.name, email: ctx.actor.email },
    audit: ctx.audit,
    log: ctx.log,
  };
  return next({ ctx: { chat } });
});

/** The day, the budgets and the model for the caller's org (its own AI settings, else the server's). */
function turnDeps(org: OrgAiRef, stream: boolean, signal?: AbortSignal): TurnDeps {
  const d = chatDeps();
  return { today: d.today(), limits: d.limits(org), model: d.model(org), stream, signal };
}

/** Waits for a turn's whole answer: what `send` and `regenerate` return. */
async function answerOf(turn: Turn) {
  const message = await drainTurn(turn);
  return {
    sessionId: turn.sessionId,
    userMessageId: turn.userMessageId,
    scope: turn.scope,
    mode: turn.mode,
    message,
  };
}

export const chatRouter = createTRPCRouter({
  /** Online (model configured) or offline mode, and what is left of today's budget. */
  info: chatProcedure.query(async ({ ctx }) => {
    const d = chatDeps();
    const model = d.model(ctx.org);
    return {
      mode: model ? ("online" as const) : ("offline" as const),
      model: model?.model ?? null,
      usage: await myUsage(ctx.chat.db, ctx.chat.user.id, d.today(), d.limits(ctx.org)),
    };
  }),

  create: chatProcedure
    .input(ZChatCreate)
    .mutation(({ ctx, input }) =>
      createSession(ctx.chat, { projectId: input.projectId ?? null, title: input.title }),
    ),

  sessions: chatProcedure.input(ZChatSessions).query(({ ctx, input }) => listSessions(ctx.chat, input)),

  history: chatProcedure
    .input(ZChatSessionRef)
    .query(({ ctx, input }) => sessionHistory(ctx.chat, input.sessionId)),

  rename: chatProcedure
    .input(ZChatRename)
    .mutation(({ ctx, input }) => renameSession(ctx.chat, input.sessionId, input.title)),

  delete: chatProcedure
    .input(ZChatSessionRef)
    .mutation(({ ctx, input }) => deleteSession(ctx.chat, input.sessionId)),

  /** Asks and waits for the whole answer (CLI, tests, clients without streaming). */
  send: chatProcedure.input(ZChatSend).mutation(async ({ ctx, input, signal }) => {
    const turn = await startTurn(ctx.chat, input, turnDeps(ctx.org, false, signal));
    return answerOf(turn);
  }),

  /** Answers the last question of a conversation again (the previous answer is replaced). */
  regenerate: chatProcedure.input(ZChatSessionRef).mutation(async ({ ctx, input, signal }) => {
    const turn = await startTurn(
      ctx.chat,
      { sessionId: input.sessionId, message: "", regenerate: true },
      turnDeps(ctx.org, false, signal),
    );
    return answerOf(turn);
  }),

  /**
   * Streaming, step 1: stores the question (or, with `regenerate`, readies the last one to be
   * answered again) after every check and budget; the answer follows through chat.stream.
   */
  ask: chatProcedure
    .input(ZChatAsk)
    .mutation(({ ctx, input }) => prepareTurn(ctx.chat, input, turnDeps(ctx.org, true))),

  /**
   * Streaming, step 2 (Server-Sent Events through httpSubscriptionLink): the answer to an asked
   * question as `start`, `tool`, `delta` events and `done` with the stored answer. The client
   * going away stops the answer (kept, marked stopped); a second stream for the same answer
   * follows it instead of asking the model again.
   */
  stream: chatProcedure
    .input(ZChatStream)
    .subscription(({ ctx, input, signal }) =>
      answerTurn(ctx.chat, input.messageId, turnDeps(ctx.org, true, signal)),
    ),

  /** Stops an answer being written (from any instance); the partial answer is kept, marked stopped. */
  stop: chatProcedure
    .input(ZChatMessageRef)
    .mutation(({ ctx, input }) => stopMessage(ctx.chat, input.messageId)),

  /** Drafting from notes (SPEC §14): proposals for this project only; nothing is written. */
  proposeFromNotes: projectAction("item.create")
    .input(ZProposeFromNotes)
    .mutation(({ ctx, input }) => {
      const d = chatDeps();
      return proposeFromNotes(ctx.db, ctx.project.id, input.text, {
        model: d.model(ctx.org),
        today: d.today(),
        userId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
        limits: d.limits(ctx.org),
        log: ctx.log,
      });
    }),

  /** Writes the accepted proposals through the item and note services (validated first: all or nothing). */
  applyProposals: projectAction("item.create")
    .input(ZApplyProposals)
    .mutation(async ({ ctx, input }) =>
      applyProposals(ctx.db, ctx.audit, ctx.project.id, input.proposals, {
        today: today(),
        members: await assignableMembers(ctx.centralDb, ctx.org.id),
        mayEdit: (item) =>
          ctx.actor.kind === "system" ||
          canEditItem(ctx.projectRole, { userId: ctx.actor.kind === "user" ? ctx.actor.userId : null }, item),
      }),
    ),

  /** Org owners/admins: assistant usage per user, today and over the last 30 days. */
  usage: orgAction("org.manageMembers").query(({ ctx }) => {
    const d = chatDeps();
    return usageReport(ctx.db, ctx.centralDb, d.today(), d.limits(ctx.org));
  }),
});
