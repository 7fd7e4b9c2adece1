"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { formatIsoDate, localToday } from "@/lib/format";
import { isOfflineFailure, useEnqueue, useQueuedNotes } from "@/features/offline/use-offline-queue";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import { LinkifiedText } from "./linkified-text";
import type { FullItem, Scope } from "./item-editor-types";

export function Notes({
  notes,
  scope,
  itemNum,
  mayAdd,
  mayDeleteAny,
  userId,
}: {
  notes: FullItem["notes"];
  scope: Scope;
  itemNum: number;
  mayAdd: boolean;
  /** PM/admin may delete any note; others only their own (the server checks too). */
  mayDeleteAny: boolean;
  userId: string | null;
}) {
  const toast = useToast();
  const add = api.item.addNote.useMutation();
  const del = api.item.deleteNote.useMutation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const enqueue = useEnqueue();
  const queued = useQueuedNotes(scope, itemNum);

  async function deleteNote(noteId: string) {
    try {
      await del.mutateAsync({ ...scope, itemNum, noteId });
      toast.success("Note deleted");
    } catch (err) {
      toast.error("Couldn't delete the note", errorInfo(err).message);
    } finally {
      setConfirming(null);
    }
  }
  const [content, setContent] = useState("");
  const [error, setError] = useState<string | undefined>();

  async function submit() {
    const text = content.trim();
    if (!text) {
      setError("Write something first");
      return;
    }
    setError(undefined);
    // No network: the note waits on this device (listed below as pending) and is sent later.
    const queueIt = async () => {
      const op = await enqueue({
        kind: "note",
        scope,
        itemNum,
        content: text,
        date: localToday(),
        label: `Note on #${itemNum}: ${text.slice(0, 60)}`,
      });
      if (op) {
        setContent("");
        toast.toast({
          kind: "info",
          title: "Note kept on this device",
          description: "Sent when you are back online.",
        });
      }
      return !!op;
    };
    if (isOfflineFailure() && (await queueIt())) return;
    try {
      await add.mutateAsync({ ...scope, itemNum, content: text });
      setContent("");
      toast.success("Note added and saved");
    } catch (err) {
      if (isOfflineFailure(err) && (await queueIt())) return;
      const info = errorInfo(err);
      setError(info.fieldErrors.content?.[0] ?? info.message);
    }
  }

  return (
    <section aria-labelledby="notes-h" className="border-t border-slate-200 pt-5">
      <h3 id="notes-h" className="text-sm font-semibold text-slate-900">
        Notes <span className="font-normal text-slate-600">({notes.length})</span>
      </h3>
      {mayAdd && (
        <p className="mt-0.5 text-xs text-slate-600">
          A note is saved when you add it — not with the Save button.
        </p>
      )}
      {mayAdd && (
        // Not a nested <form>: this sits inside the item form, so Enter must not save the item.
        <div className="mt-3 flex flex-col gap-2">
          <Field label="Add a note" error={error} labelClassName="sr-only">
            <Textarea
              value={content}
              onChange={(e) => setContent(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                  e.preventDefault();
                  void submit();
                }
              }}
              rows={2}
              maxLength={10_000}
              placeholder="Add a note (dated today)…"
              className="min-h-16"
            />
          </Field>
          <div>
            <Button variant="secondary" size="sm" loading={add.isPending} onClick={() => void submit()}>
              Add note
            </Button>
          </div>
        </div>
      )}
      {queued.length > 0 && (
        <ul aria-label="Notes waiting to be sent" className="mt-4 flex flex-col gap-2">
          {queued.map((q) => (
            <li
              key={q.id}
              className="rounded-lg border border-dashed border-amber-400 bg-amber-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-slate-800"
            >
              <span className="mb-1 block text-xs font-medium text-amber-900">
                {q.state === "pending"
                  ? "Pending — sent when you are back online"
                  : `Not sent: ${q.error ?? ""}`}
              </span>
              {q.content}
            </li>
          ))}
        </ul>
      )}
      {notes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No notes on this item yet.</p>
      ) : (
        <ol
          aria-label="Notes, newest first"
          className="mt-4 ml-1.5 flex flex-col gap-4 border-l-2 border-slate-200"
        >
          {notes.map((n) => (
            <li key={n.id} className="relative pl-5">
              <span
                aria-hidden="true"
                className="absolute top-1.5 -left-[7px] size-3 rounded-full bg-blue-600 ring-4 ring-white"
              />
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-xs font-medium text-slate-600">
                  <time dateTime={n.date}>{formatIsoDate(n.date)}</time>
                  {n.author && <> · {n.author}</>}
                </p>
                {mayAdd &&
                  (mayDeleteAny || (!!userId && n.authorId === userId)) &&
                  (confirming === n.id ? (
                    <span className="flex items-center gap-1.5">
                      <span className="text-xs font-medium text-slate-800">Delete this note?</span>
                      <Button
                        variant="danger"
                        size="sm"
                        loading={del.isPending && del.variables?.noteId === n.id}
                        onClick={() => void deleteNote(n.id)}
                      >
                        Delete
                      </Button>
                      <Button variant="secondary" size="sm" onClick={() => setConfirming(null)}>
                        Cancel
                      </Button>
                    </span>
                  ) : (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-red-700 hover:bg-red-50"
                      onClick={() => setConfirming(n.id)}
                      aria-label={`Delete note from ${formatIsoDate(n.date)}`}
                    >
                      <Trash2 className="size-3.5" aria-hidden="true" />
                      Delete note
                    </Button>
                  ))}
              </div>
              <p className="mt-1 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-slate-800">
                <LinkifiedText text={n.content} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
