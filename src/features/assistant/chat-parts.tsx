"use client";

import { Bot, FolderKanban, Globe, RotateCcw, WifiOff } from "lucide-react";
import { isUnfinished } from "@/domain/assistant";
import { cn } from "@/lib/cn";
import { api } from "@/trpc/react";
import { ChatMarkdown } from "./chat-markdown";
import { type ChatMessage } from "./use-chat-stream";

const SUGGESTIONS = [
  "What are the open risks?",
  "What is overdue?",
  "What is due this week?",
  "What is the budget status?",
  "Write this week's status report",
];

/** What the assistant's parts are handed down: the project, and what opens an item the user picks. */
export type AssistantScope = {
  orgSlug: string;
  projectId: string;
  /** Called when the user picks an item: a `#N` link in an answer or an item in the palette. */
  onOpenItem: (itemNum: number) => void;
};

export const TOOL_LABELS: Record<string, string> = {
  list_projects: "Checking your projects…",
  list_items: "Looking through items…",
  get_item: "Reading an item…",
  status_report: "Writing the status report…",
  project_dashboard: "Reading the dashboard…",
  budget_metrics: "Checking the budget…",
  portfolio_rollup: "Rolling up the portfolio…",
};

export function IconButton({
  label,
  children,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { label: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className="inline-flex size-11 shrink-0 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-40 sm:size-9"
      {...rest}
    >
      {children}
    </button>
  );
}

export function Typing({ label }: { label: string | null }) {
  return (
    <div className="mt-1 flex items-center gap-2 text-xs text-slate-500">
      <span className="inline-flex gap-1" aria-hidden="true">
        <span className="size-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:-0.3s]" />
        <span className="size-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:-0.15s]" />
        <span className="size-1.5 animate-bounce rounded-full bg-slate-400" />
      </span>
      {label && <span>{label}</span>}
      <span className="sr-only">The assistant is writing</span>
    </div>
  );
}

export function ScopeChip({
  scope,
  count,
  offline,
}: {
  scope: "project" | "all";
  count?: number;
  offline?: boolean;
}) {
  return (
    <div className="mb-1 flex flex-wrap gap-1.5">
      <span
        className={cn(
          "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-[11px] font-medium ring-1",
          scope === "all"
            ? "bg-violet-50 text-violet-800 ring-violet-200"
            : "bg-slate-50 text-slate-700 ring-slate-200",
        )}
        title={
          scope === "all"
            ? "This answer looked at every project you can access"
            : "This answer looked at this project only"
        }
      >
        {scope === "all" ? (
          <Globe className="size-3" aria-hidden="true" />
        ) : (
          <FolderKanban className="size-3" aria-hidden="true" />
        )}
        {scope === "all" ? `All my projects${count ? ` (${count})` : ""}` : "This project"}
      </span>
      {offline && (
        <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-[11px] font-medium text-amber-800 ring-1 ring-amber-200">
          <WifiOff className="size-3" aria-hidden="true" /> Offline mode
        </span>
      )}
    </div>
  );
}

export function UserBubble({ text }: { text: string }) {
  return (
    <div className="ml-auto w-fit max-w-[85%] rounded-2xl rounded-br-md bg-blue-700 px-3 py-2 text-sm whitespace-pre-wrap break-words text-white">
      {text}
    </div>
  );
}

export function MessageView({
  message,
  onOpenItem,
  onRegenerate,
}: {
  message: ChatMessage;
  onOpenItem: (n: number) => void;
  onRegenerate?: () => void;
}) {
  if (message.role === "user") return <UserBubble text={message.content} />;
  if (message.role !== "assistant") return null;
  const refs = message.contextRefs;
  return (
    <div className="group text-sm leading-relaxed text-slate-800">
      <ScopeChip
        scope={refs.scope}
        count={refs.scope === "all" ? refs.projectIds.length : undefined}
        offline={refs.mode === "offline"}
      />
      {message.status === "error" ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">{message.content}</p>
      ) : isUnfinished(message.status) ? (
        <>
          {message.content && <ChatMarkdown text={message.content} onOpenItem={onOpenItem} />}
          <Typing label="Still writing…" />
        </>
      ) : (
        <ChatMarkdown text={message.content} onOpenItem={onOpenItem} />
      )}
      <div className="mt-1 flex items-center gap-2 text-[11px] text-slate-400">
        {message.status === "interrupted" && (
          <span className="text-amber-700">{refs.marker === "stopped" ? "Stopped" : "Interrupted"}</span>
        )}
        {message.inputTokens + message.outputTokens > 0 && (
          <span title={`${message.inputTokens} in, ${message.outputTokens} out`}>
            {(message.inputTokens + message.outputTokens).toLocaleString()} tokens
          </span>
        )}
        {onRegenerate && (
          <button
            type="button"
            onClick={onRegenerate}
            className="inline-flex min-h-8 items-center gap-1 rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            <RotateCcw className="size-3" aria-hidden="true" /> Regenerate
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The project's name, observed only where it is shown (inside the open drawer). The drawer itself stays
 * mounted on every project page, and a query it created while closed would already sit, empty, in the
 * cache when the page's HydrationBoundary arrives: the boundary then holds the page's copy back until
 * after hydration and the page's header hydrates as a skeleton against server HTML with the name
 * (React error #418).
 */
export function ProjectName({
  orgSlug,
  projectId,
  fallback,
}: {
  orgSlug: string;
  projectId: string;
  fallback: string;
}) {
  const project = api.project.get.useQuery({ orgSlug, projectId });
  return <>{project.data?.name ?? fallback}</>;
}

export function EmptyState({
  offline,
  projectName,
  onPick,
}: {
  offline: boolean;
  projectName: React.ReactNode;
  onPick: (q: string) => void;
}) {
  return (
    <div className="py-4 text-center">
      <Bot className="mx-auto size-10 text-blue-700/70" aria-hidden="true" />
      <p className="mt-2 font-medium text-slate-900">Ask about {projectName}</p>
      <p className="mx-auto mt-1 max-w-xs text-sm text-slate-600">
        {offline
          ? "Offline mode: common questions are answered straight from your data. Items are cited as #N — click one to open it."
          : "Answers come from the items, notes and budget you can see. Items are cited as #N — click one to open it."}
      </p>
      <ul className="mt-4 flex flex-wrap justify-center gap-2">
        {SUGGESTIONS.map((s) => (
          <li key={s}>
            <button
              type="button"
              onClick={() => onPick(s)}
              className="min-h-10 rounded-full bg-slate-100 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 sm:min-h-8"
            >
              {s}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
