"use client";

import {
  ArrowUp,
  Bot,
  ClipboardList,
  FolderKanban,
  Globe,
  History,
  Plus,
  Square,
  WifiOff,
  X,
} from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { detectScope, isUnfinished } from "@/domain/assistant";
import { cn } from "@/lib/cn";
import { errorInfo } from "@/lib/trpc-error";
import { refreshAfter } from "@/trpc/query-client";
import { api } from "@/trpc/react";
import { Button } from "@/components/ui/button";
import { ChatMarkdown } from "./chat-markdown";
import { useChatStream } from "./use-chat-stream";
import {
  type AssistantScope,
  EmptyState,
  IconButton,
  MessageView,
  ProjectName,
  ScopeChip,
  TOOL_LABELS,
  Typing,
  UserBubble,
} from "./chat-parts";
import { SessionList } from "./chat-session-list";
import { NotesDrafter } from "./notes-drafter";

export type ChatDrawerProps = AssistantScope & {
  open: boolean;
  onClose: () => void;
  /** A question to ask as soon as the drawer is open (from the command palette). */
  pendingQuestion?: string | null;
  onPendingQuestionTaken?: () => void;
  /** Open in "Draft from notes" (the palette's "Paste meeting notes…"); each change of the number opens it again. */
  notesRequest?: number;
};

/**
 * The assistant drawer: a side panel on larger screens and a full-screen
 * sheet on phones. Streams answers through the chat.stream subscription, renders them as a
 * safe Markdown subset with `#N` links, and keeps the conversations of this
 * project (list, resume, rename, delete).
 */
export function ChatDrawer({
  open,
  onClose,
  orgSlug,
  projectId,
  onOpenItem,
  pendingQuestion,
  onPendingQuestionTaken,
  notesRequest,
}: ChatDrawerProps) {
  const titleId = useId();
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [view, setView] = useState<"chat" | "sessions" | "notes">("chat");
  const [draft, setDraft] = useState("");
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const utils = api.useUtils();
  const queryClient = useQueryClient();

  const info = api.chat.info.useQuery({ orgSlug }, { enabled: open, staleTime: 30_000 });
  const history = api.chat.history.useQuery(
    { orgSlug, sessionId: sessionId ?? "" },
    { enabled: open && !!sessionId },
  );

  const { state, send, stop, reset } = useChatStream({
    orgSlug,
    onDone: async (sid) => {
      // The answer is stored: what chat.ask changed (this conversation, the session list, today's
      // usage) is stale. Load the stored conversation first, so the streamed text hands over to it
      // without a flash.
      await refreshAfter(queryClient, "chat.ask", { orgSlug });
      await utils.chat.history.prefetch({ orgSlug, sessionId: sid }).catch(() => {});
      setSessionId(sid);
      reset(true);
    },
  });

  // A new project means a new conversation.
  useEffect(() => {
    setSessionId(null);
    setView("chat");
    reset();
  }, [projectId, reset]);

  useEffect(() => {
    if (open && view === "chat") inputRef.current?.focus();
  }, [open, view]);

  useEffect(() => {
    if (notesRequest) setView("notes");
  }, [notesRequest]);

  const ask = useCallback(
    (question: string) => {
      const q = question.trim();
      if (!q || state.streaming) return;
      setDraft("");
      setView("chat");
      void send(sessionId ? { sessionId, message: q } : { projectId, message: q });
    },
    [projectId, send, sessionId, state.streaming],
  );

  useEffect(() => {
    if (open && pendingQuestion && !state.streaming) {
      onPendingQuestionTaken?.();
      ask(pendingQuestion);
    }
  }, [open, pendingQuestion, state.streaming, ask, onPendingQuestionTaken]);

  const messages = history.data?.messages ?? [];
  const lastAssistant = [...messages].reverse().find((m) => m.role === "assistant");
  // The streamed answer is shown from the stream until the stored history has it.
  const inHistory = !!state.assistantMessageId && messages.some((m) => m.id === state.assistantMessageId);
  const showQuestion = !!state.question && !inHistory;
  const showStream = (state.streaming || !!state.text) && !inHistory;

  // Keep the newest text in view while it streams.
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, state.text, state.question, state.tool]);

  if (!open) return null;

  const previewScope = detectScope(draft, { sessionHasProject: true });
  const offline = info.data?.mode === "offline";
  const usage = info.data?.usage;

  return (
    <section
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
      className={cn(
        "fixed inset-0 z-40 flex flex-col bg-white text-slate-900 shadow-2xl",
        "sm:inset-y-0 sm:right-0 sm:left-auto sm:w-[28rem] sm:border-l sm:border-slate-200",
        "pt-[env(safe-area-inset-top)]",
      )}
    >
      <header className="flex items-center gap-1 border-b border-slate-200 px-2 py-2 sm:px-3">
        <Bot className="ml-1 size-5 shrink-0 text-blue-700" aria-hidden="true" />
        <div className="min-w-0 flex-1 px-1">
          <h2 id={titleId} className="truncate text-base font-semibold">
            {view === "sessions"
              ? "Conversations"
              : view === "notes"
                ? "Draft from notes"
                : (history.data?.session.title ?? "Assistant")}
          </h2>
          <p className="truncate text-xs text-slate-500">
            <ProjectName orgSlug={orgSlug} projectId={projectId} fallback={"\u00a0"} />
          </p>
        </div>
        {offline && view !== "notes" && (
          <span
            className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200"
            title="No AI model is configured: common questions are answered straight from the data."
          >
            <WifiOff className="size-3" aria-hidden="true" /> Offline mode
          </span>
        )}
        <IconButton
          label={view === "notes" ? "Back to the conversation" : "Draft from notes"}
          onClick={() => setView(view === "notes" ? "chat" : "notes")}
        >
          <ClipboardList className="size-5" aria-hidden="true" />
        </IconButton>
        <IconButton
          label={view === "sessions" ? "Back to the conversation" : "Conversations"}
          onClick={() => setView(view === "sessions" ? "chat" : "sessions")}
        >
          <History className="size-5" aria-hidden="true" />
        </IconButton>
        <IconButton
          label="New conversation"
          disabled={state.streaming}
          onClick={() => {
            setSessionId(null);
            setView("chat");
            reset();
            inputRef.current?.focus();
          }}
        >
          <Plus className="size-5" aria-hidden="true" />
        </IconButton>
        <IconButton label="Close the assistant" onClick={onClose}>
          <X className="size-5" aria-hidden="true" />
        </IconButton>
      </header>

      {view === "notes" ? (
        <NotesDrafter orgSlug={orgSlug} projectId={projectId} onOpenItem={onOpenItem} />
      ) : view === "sessions" ? (
        <SessionList
          orgSlug={orgSlug}
          projectId={projectId}
          currentId={sessionId}
          onPick={(id) => {
            setSessionId(id);
            setView("chat");
            reset();
          }}
          onDeleted={(id) => {
            if (id === sessionId) setSessionId(null);
          }}
        />
      ) : (
        <>
          <div
            ref={logRef}
            className="min-h-0 flex-1 space-y-4 overflow-y-auto px-3 py-4 sm:px-4"
            aria-label="Conversation"
          >
            {!sessionId && !state.question && !state.streaming && (
              <EmptyState
                offline={offline}
                projectName={<ProjectName orgSlug={orgSlug} projectId={projectId} fallback="this project" />}
                onPick={ask}
              />
            )}
            {sessionId && history.isPending && !showQuestion && !showStream && (
              <div className="space-y-3" aria-hidden="true">
                <div className="ml-auto h-8 w-2/3 animate-pulse rounded-2xl bg-slate-100" />
                <div className="h-20 w-5/6 animate-pulse rounded-2xl bg-slate-100" />
              </div>
            )}
            {history.isError && <p className="text-sm text-red-700">{errorInfo(history.error).message}</p>}
            {messages.map((m) => (
              <MessageView
                key={m.id}
                message={m}
                onOpenItem={onOpenItem}
                onRegenerate={
                  m.id === lastAssistant?.id && !state.streaming && !isUnfinished(m.status) && sessionId
                    ? () => void send({ sessionId, regenerate: true })
                    : undefined
                }
              />
            ))}
            {showQuestion && <UserBubble text={state.question!} />}
            {showStream && (
              <div
                className="max-w-full text-sm leading-relaxed text-slate-800"
                aria-live="polite"
                aria-busy={state.streaming}
              >
                {state.info && (
                  <ScopeChip
                    scope={state.info.scope}
                    count={state.info.projects.length}
                    offline={state.info.mode === "offline"}
                  />
                )}
                {state.text ? <ChatMarkdown text={state.text} onOpenItem={onOpenItem} /> : null}
                {state.streaming && (
                  <Typing
                    label={
                      state.tool ? (TOOL_LABELS[state.tool] ?? "Working…") : state.text ? null : "Thinking…"
                    }
                  />
                )}
              </div>
            )}
            {state.error && (
              <p
                role="alert"
                className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
              >
                {state.error}
              </p>
            )}
          </div>

          <form
            className="border-t border-slate-200 px-3 pt-2 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-4"
            onSubmit={(e) => {
              e.preventDefault();
              ask(draft);
            }}
          >
            <div className="mb-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
              <span className="inline-flex items-center gap-1">
                {previewScope === "all" ? (
                  <Globe className="size-3" aria-hidden="true" />
                ) : (
                  <FolderKanban className="size-3" aria-hidden="true" />
                )}
                Scope:{" "}
                {previewScope === "all" ? (
                  "all my projects"
                ) : (
                  <ProjectName orgSlug={orgSlug} projectId={projectId} fallback="this project" />
                )}
              </span>
              {previewScope === "project" && (
                <span className="max-sm:hidden">· say “across all my projects” to widen</span>
              )}
              {usage && usage.messagesLeft <= 10 && (
                <span className="ml-auto">
                  {usage.messagesLeft} message{usage.messagesLeft === 1 ? "" : "s"} left today
                </span>
              )}
            </div>
            <div className="flex items-end gap-2">
              <label className="sr-only" htmlFor={`${titleId}-input`}>
                Ask about this project
              </label>
              <textarea
                id={`${titleId}-input`}
                ref={inputRef}
                rows={1}
                value={draft}
                maxLength={8000}
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                    e.preventDefault();
                    ask(draft);
                  }
                }}
                placeholder={offline ? "Ask about risks, overdue items, budget…" : "Ask about this project…"}
                className="max-h-40 min-h-11 flex-1 resize-none rounded-xl border border-slate-300 px-3 py-2.5 text-base sm:min-h-10 sm:text-sm focus:border-blue-600 focus:outline-2 focus:outline-blue-600/30"
              />
              {state.streaming ? (
                <Button
                  type="button"
                  variant="secondary"
                  size="icon"
                  onClick={stop}
                  aria-label="Stop the answer"
                >
                  <Square className="size-4 fill-current" aria-hidden="true" />
                </Button>
              ) : (
                <Button type="submit" size="icon" disabled={!draft.trim()} aria-label="Send">
                  <ArrowUp className="size-5" aria-hidden="true" />
                </Button>
              )}
            </div>
          </form>
        </>
      )}
    </section>
  );
}
