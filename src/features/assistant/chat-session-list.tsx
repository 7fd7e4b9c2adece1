"use client";

import { LoaderCircle, Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { cn } from "@/lib/cn";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import { Button } from "@/components/ui/button";
import { IconButton } from "./chat-parts";

export function SessionList({
  orgSlug,
  projectId,
  currentId,
  onPick,
  onDeleted,
}: {
  orgSlug: string;
  projectId: string;
  currentId: string | null;
  onPick: (id: string) => void;
  onDeleted: (id: string) => void;
}) {
  const sessions = api.chat.sessions.useQuery({ orgSlug, projectId });
  const rename = api.chat.rename.useMutation();
  const remove = api.chat.delete.useMutation({ onSuccess: (r) => onDeleted(r.id) });
  const [editing, setEditing] = useState<{ id: string; title: string } | null>(null);

  if (sessions.isPending) {
    return (
      <div className="space-y-2 p-4" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-12 animate-pulse rounded-lg bg-slate-100" />
        ))}
      </div>
    );
  }
  if (sessions.isError)
    return <p className="p-4 text-sm text-red-700">{errorInfo(sessions.error).message}</p>;
  if (!sessions.data.length) {
    return (
      <p className="p-6 text-center text-sm text-slate-600">
        No conversations yet. Ask a question to start one.
      </p>
    );
  }
  return (
    <ul className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto">
      {sessions.data.map((s) => (
        <li
          key={s.id}
          className={cn("flex items-center gap-1 px-2 py-1", s.id === currentId && "bg-blue-50")}
        >
          {editing?.id === s.id ? (
            <form
              className="flex flex-1 items-center gap-2 py-1"
              onSubmit={(e) => {
                e.preventDefault();
                if (editing.title.trim()) rename.mutate({ orgSlug, sessionId: s.id, title: editing.title });
                setEditing(null);
              }}
            >
              <input
                autoFocus
                aria-label="Conversation title"
                value={editing.title}
                maxLength={200}
                onChange={(e) => setEditing({ id: s.id, title: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === "Escape") {
                    e.stopPropagation();
                    setEditing(null);
                  }
                }}
                className="min-h-10 flex-1 rounded-lg border border-slate-300 px-2 text-sm"
              />
              <Button type="submit" size="sm">
                Save
              </Button>
            </form>
          ) : (
            <>
              <button
                type="button"
                onClick={() => onPick(s.id)}
                className="min-h-11 min-w-0 flex-1 rounded-lg px-2 py-1.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                <span className="block truncate text-sm font-medium text-slate-900">{s.title}</span>
                <span className="block text-xs text-slate-500">
                  {new Date(s.updatedAt).toLocaleString(undefined, {
                    dateStyle: "medium",
                    timeStyle: "short",
                  })}{" "}
                  · {s.messageCount} messages
                </span>
              </button>
              <IconButton
                label={`Rename “${s.title}”`}
                onClick={() => setEditing({ id: s.id, title: s.title })}
              >
                <Pencil className="size-4" aria-hidden="true" />
              </IconButton>
              <IconButton
                label={`Delete “${s.title}”`}
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Delete the conversation “${s.title}”?`))
                    remove.mutate({ orgSlug, sessionId: s.id });
                }}
              >
                {remove.isPending && remove.variables?.sessionId === s.id ? (
                  <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
                ) : (
                  <Trash2 className="size-4" aria-hidden="true" />
                )}
              </IconButton>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
