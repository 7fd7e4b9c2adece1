"use client";

import { Lock, Trash2 } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { QueryError } from "@/components/query-error";
import { IndicatorBadge, TypeBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, FormError, Textarea } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { can, canEditItem, type ProjectRole } from "@/domain/permissions";
import {
  changedFields,
  type EditableItem,
  type FieldKey,
  formFromItem,
  type ItemFormValues,
  validateUpdate,
} from "@/lib/item-form";
import { formatDateTime, formatIsoDate, formatRelative } from "@/lib/format";
import { focusFirstInvalid } from "@/lib/focus-invalid";
import { errorInfo, type FieldErrors } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { api, type RouterOutputs } from "@/trpc/react";
import { ConflictPanel } from "./conflict-panel";
import { ItemAttachments } from "./item-attachments";
import { ItemFormFields } from "./item-form-fields";
import { LinkifiedText } from "./linkified-text";

type FullItem = RouterOutputs["item"]["get"];
type Scope = { orgSlug: string; projectId: string };

export function ItemEditorDialog({
  orgSlug,
  projectId,
  itemNum,
  role,
  workstreams,
  assignees,
  onClose,
  onDeleted,
}: Scope & {
  itemNum: number | null;
  role: ProjectRole;
  workstreams: string[];
  assignees: string[];
  onClose: () => void;
  onDeleted: (itemNum: number, title: string) => void;
}) {
  const open = itemNum !== null;
  const item = api.item.get.useQuery(
    { orgSlug, projectId, itemNum: itemNum ?? 1 },
    { enabled: open, staleTime: 0, refetchOnWindowFocus: false },
  );
  const dirty = useRef(false);
  const setDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const requestClose = () => {
    if (dirty.current && !window.confirm("Discard your unsaved changes?")) return;
    dirty.current = false;
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={requestClose}
      size="lg"
      title={itemNum !== null ? `Item #${itemNum}` : "Item"}
      description={item.data ? <span className="line-clamp-1 break-all">{item.data.title}</span> : undefined}
    >
      {item.isPending ? (
        <LoadingRegion label="Loading item" className="flex flex-col gap-4">
          <Skeleton className="h-6 w-1/3" />
          <div className="grid gap-4 sm:grid-cols-2">
            {Array.from({ length: 6 }, (_, i) => (
              <div key={i} className="flex flex-col gap-2">
                <Skeleton className="h-4 w-20" />
                <Skeleton className="h-10 w-full" />
              </div>
            ))}
          </div>
        </LoadingRegion>
      ) : item.isError ? (
        <QueryError
          what={`item #${itemNum}`}
          error={
            errorInfo(item.error).code === "NOT_FOUND"
              ? { message: "It may have been deleted, or you no longer have access." }
              : item.error
          }
          onRetry={() => void item.refetch()}
        />
      ) : (
        <EditorForm
          key={`${itemNum}`}
          scope={{ orgSlug, projectId }}
          item={item.data}
          role={role}
          workstreams={workstreams}
          assignees={assignees}
          onDirty={setDirty}
          onClose={() => {
            dirty.current = false;
            onClose();
          }}
          onCancel={requestClose}
          onDeleted={onDeleted}
        />
      )}
    </Dialog>
  );
}

type Conflict = { current: ItemFormValues; version: number; theirs: FieldKey[]; mine: FieldKey[] };

function EditorForm({
  scope,
  item,
  role,
  workstreams,
  assignees,
  onDirty,
  onClose,
  onCancel,
  onDeleted,
}: {
  scope: Scope;
  item: FullItem;
  role: ProjectRole;
  workstreams: string[];
  assignees: string[];
  onDirty: (dirty: boolean) => void;
  onClose: () => void;
  onCancel: () => void;
  onDeleted: (itemNum: number, title: string) => void;
}) {
  const toast = useToast();
  const utils = api.useUtils();
  const { user } = useAppSession();
  const update = api.item.update.useMutation();
  const remove = api.item.delete.useMutation();
  const [base, setBase] = useState<ItemFormValues>(() => formFromItem(item));
  const [values, setValues] = useState<ItemFormValues>(base);
  const [version, setVersion] = useState(item.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const mayEdit = canEditItem(
    role,
    { userId: user?.id ?? null, names: [user?.name, user?.email].filter((n): n is string => !!n) },
    item,
  );
  const mayDelete = can(role, "item.delete");
  const changed = changedFields(base, values);

  // Someone else saved while the editor is open (live updates refetch the item).
  const [liveNote, setLiveNote] = useState(false);
  const newer = !conflict && item.version > version;
  if (newer && changed.length === 0) {
    // Nothing of ours to lose: take their version quietly.
    const fresh = formFromItem(item);
    setBase(fresh);
    setValues(fresh);
    setVersion(item.version);
    setLiveNote(true);
  }
  function reviewNewer() {
    const current = formFromItem(item);
    setConflict({ current, version: item.version, theirs: changedFields(base, current), mine: changed });
  }
  const isDirty = mayEdit && changed.length > 0;
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);

  const onChange = <K extends FieldKey>(key: K, value: ItemFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const refresh = () =>
    Promise.all([
      utils.item.list.invalidate({ orgSlug: scope.orgSlug, projectId: scope.projectId }),
      utils.item.get.invalidate({ ...scope, itemNum: item.itemNum }),
    ]);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setFormError(null);
    const v = validateUpdate(base, values, { itemNum: item.itemNum, version });
    if (!v.ok) {
      setErrors(v.errors);
      setFormError("Please correct the highlighted fields.");
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    if (v.fields.length === 0) {
      toast.toast({ kind: "info", title: "Nothing to save", description: "You have not changed anything." });
      onClose();
      return;
    }
    try {
      const saved = await update.mutateAsync({ ...scope, itemNum: item.itemNum, version, ...v.changes });
      await refresh();
      toast.success(
        `Saved item #${saved.itemNum}`,
        saved.indicator ? `Indicator: ${saved.indicator}` : undefined,
      );
      onClose();
    } catch (err) {
      const info = errorInfo(err);
      const current = info.details?.current as (EditableItem & { version: number }) | null | undefined;
      if (info.code === "CONFLICT" && current) {
        const currentValues = formFromItem(current);
        setConflict({
          current: currentValues,
          version: current.version,
          theirs: changedFields(base, currentValues),
          mine: changedFields(base, values),
        });
        void refresh();
        return;
      }
      setErrors(info.fieldErrors);
      setFormError(info.message);
      focusFirstInvalid(form);
    }
  }

  function reloadTheirs() {
    if (!conflict) return;
    setBase(conflict.current);
    setValues(conflict.current);
    setVersion(conflict.version);
    setConflict(null);
    setErrors({});
  }

  function keepMine() {
    if (!conflict) return;
    const next = { ...conflict.current };
    for (const k of conflict.mine) (next as Record<string, unknown>)[k] = values[k];
    setBase(conflict.current);
    setValues(next);
    setVersion(conflict.version);
    setConflict(null);
  }

  async function onDelete() {
    try {
      await remove.mutateAsync({ ...scope, itemNum: item.itemNum });
      await utils.item.list.invalidate({ orgSlug: scope.orgSlug, projectId: scope.projectId });
      void utils.project.list.invalidate({ orgSlug: scope.orgSlug });
      onDeleted(item.itemNum, item.title);
      onClose();
    } catch (err) {
      setConfirmDelete(false);
      setFormError(errorInfo(err).message);
    }
  }

  const busy = update.isPending || remove.isPending;

  return (
    <form noValidate onSubmit={onSubmit} aria-busy={busy} className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700">
        <TypeBadge type={item.type} />
        <IndicatorBadge indicator={item.indicator} />
        <span>{item.percentComplete}% complete</span>
        <span>
          Updated{" "}
          <time
            dateTime={new Date(item.updatedAt).toISOString()}
            title={formatDateTime(item.updatedAt)}
            suppressHydrationWarning
          >
            {formatRelative(item.updatedAt)}
          </time>
        </span>
      </div>

      {!mayEdit && (
        <p className="flex items-start gap-2 rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-800">
          <Lock className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          {role === "viewer"
            ? "You have view access to this project, so this item is read-only."
            : "Read-only: team members can edit items assigned to them or created by them."}
        </p>
      )}

      {newer && changed.length > 0 && (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 sm:flex-row sm:items-center"
        >
          <p className="flex-1">
            Someone else just saved this item. Review their changes before you save yours.
          </p>
          <Button size="sm" variant="secondary" onClick={reviewNewer}>
            Review their changes
          </Button>
        </div>
      )}
      {liveNote && !newer && !conflict && (
        <p role="status" className="rounded-lg bg-blue-50 px-3 py-2 text-sm text-blue-900">
          This item was just updated by someone else; you are looking at the latest version.
        </p>
      )}
      {conflict && (
        <ConflictPanel
          theirs={conflict.theirs}
          mine={conflict.mine}
          current={conflict.current}
          values={values}
          onReload={reloadTheirs}
          onKeepMine={keepMine}
        />
      )}
      <FormError>{formError}</FormError>

      <ItemFormFields
        values={values}
        onChange={onChange}
        errors={errors}
        disabled={!mayEdit || busy}
        workstreams={workstreams}
        assignees={assignees}
        highlight={conflict ? new Set(conflict.theirs) : undefined}
      />

      <Notes
        notes={item.notes}
        scope={scope}
        itemNum={item.itemNum}
        mayAdd={can(role, "item.create")}
        mayDeleteAny={can(role, "item.delete")}
        userId={user?.id ?? null}
      />
      <ItemAttachments
        scope={scope}
        itemNum={item.itemNum}
        mayUpload={can(role, "item.create")}
        mayDeleteAny={can(role, "item.delete")}
        userId={user?.id ?? null}
      />
      <Dependencies dependsOn={item.dependsOn} dependents={item.dependents} />

      <DialogFooter className="justify-between">
        <div className="flex items-center gap-2">
          {mayDelete &&
            (confirmDelete ? (
              <>
                <span className="text-sm font-medium text-slate-800">Delete this item?</span>
                <Button variant="danger" size="sm" loading={remove.isPending} onClick={onDelete}>
                  Delete
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setConfirmDelete(false)}>
                  Keep
                </Button>
              </>
            ) : (
              <Button
                variant="ghost"
                size="sm"
                className="text-red-700 hover:bg-red-50"
                onClick={() => setConfirmDelete(true)}
              >
                <Trash2 className="size-4" aria-hidden="true" />
                Delete
              </Button>
            ))}
        </div>
        <div className="flex items-center gap-2">
          <Button variant="secondary" onClick={onCancel}>
            {mayEdit ? "Cancel" : "Close"}
          </Button>
          {mayEdit && (
            <Button type="submit" loading={update.isPending} disabled={!!conflict}>
              {update.isPending ? "Saving…" : changed.length ? `Save changes (${changed.length})` : "Save"}
            </Button>
          )}
        </div>
      </DialogFooter>
    </form>
  );
}

function Notes({
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
  const utils = api.useUtils();
  const add = api.item.addNote.useMutation();
  const del = api.item.deleteNote.useMutation();
  const [confirming, setConfirming] = useState<string | null>(null);

  async function deleteNote(noteId: string) {
    try {
      await del.mutateAsync({ ...scope, itemNum, noteId });
      await utils.item.get.invalidate({ ...scope, itemNum });
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
    try {
      await add.mutateAsync({ ...scope, itemNum, content: text });
      setContent("");
      await utils.item.get.invalidate({ ...scope, itemNum });
      toast.success("Note added");
    } catch (err) {
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
      {notes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No notes on this item yet.</p>
      ) : (
        <ol className="mt-3 flex flex-col gap-3">
          {notes.map((n) => (
            <li key={n.id} className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-xs font-medium text-slate-600">
                  <time dateTime={n.date}>{formatIsoDate(n.date)}</time>
                  {n.author && <> · {n.author}</>}
                </p>
                {mayAdd && (mayDeleteAny || (!!userId && n.authorId === userId)) &&
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
              <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-800">
                <LinkifiedText text={n.content} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Dependencies({
  dependsOn,
  dependents,
}: {
  dependsOn: FullItem["dependsOn"];
  dependents: FullItem["dependents"];
}) {
  if (dependsOn.length === 0 && dependents.length === 0) return null;
  const list = (title: string, rows: FullItem["dependsOn"]) =>
    rows.length > 0 && (
      <div>
        <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h4>
        <ul className="mt-1.5 flex flex-col gap-1.5">
          {rows.map((d) => (
            <li key={d.itemNum} className="flex items-center gap-2 text-sm text-slate-800">
              <span className="font-medium text-slate-600 tabular-nums">#{d.itemNum}</span>
              <span className="min-w-0 flex-1 truncate">{d.title}</span>
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <section aria-label="Dependencies" className="grid gap-4 border-t border-slate-200 pt-5 sm:grid-cols-2">
      {list("Depends on", dependsOn)}
      {list("Blocks", dependents)}
    </section>
  );
}
