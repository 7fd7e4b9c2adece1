"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { LoaderCircle, Lock, Search, Trash2, X } from "lucide-react";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { QueryError } from "@/components/query-error";
import { IndicatorBadge, TypeBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, useBackToClose } from "@/components/ui/dialog";
import { controlClasses, Field, FormError, Textarea } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { isIndicator } from "@/domain/indicators";
import { can, canEditItem, type ProjectRole } from "@/domain/permissions";
import { cn } from "@/lib/cn";
import {
  changedFields,
  type EditableItem,
  type FieldKey,
  formFromItem,
  itemFormResolver,
  type ItemFormValues,
  pickChanges,
  type UpdateRef,
  updateItemFormSchema,
} from "@/lib/item-form";
import { formatIsoDate } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorInfo } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import type { TUpdateItem } from "@/server/api/routers/item.schema";
import { api, type RouterOutputs } from "@/trpc/react";
import { ConflictPanel } from "./conflict-panel";
import { useItemFormSubmit } from "./use-item-form-submit";
import { ItemAttachments } from "./item-attachments";
import { ItemFormFields } from "./item-form-fields";
import { LinkifiedText } from "./linkified-text";

type FullItem = RouterOutputs["item"]["get"];
type Scope = { orgSlug: string; projectId: string };

/** What the phone header's Save button shows (the form lives further down). */
type SaveState = { formId: string; label: string; saving: boolean; disabled: boolean };

/**
 * The item editor: a dialog on desktop; on phones a full-screen page with a
 * back arrow, the title and Save in a sticky header, Delete / Cancel in a
 * sticky footer, and the phone's Back button closing it (its own history entry).
 * The open item stays in the URL (`?item=12`) so deep links keep working.
 */
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
  // Closing hides the editor at once; the URL (?item=) catches up when the router has navigated.
  const [closedFor, setClosedFor] = useState<number | null>(null);
  if (closedFor !== null && itemNum !== closedFor) setClosedFor(null);
  const open = itemNum !== null && itemNum !== closedFor;
  const close = () => {
    setClosedFor(itemNum);
    onClose();
  };
  useEffect(() => {
    if (closedFor === null) return;
    // Reopening the same item before the URL caught up: follow the URL again.
    const follow = () => setClosedFor(null);
    document.addEventListener("click", follow, true);
    return () => document.removeEventListener("click", follow, true);
  }, [closedFor]);
  const item = api.item.get.useQuery(
    { orgSlug, projectId, itemNum: itemNum ?? 1 },
    { enabled: open, staleTime: 0, refetchOnWindowFocus: false },
  );
  const [save, setSave] = useState<SaveState | null>(null);
  const dirty = useRef(false);
  const setDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const confirmDiscard = () => !dirty.current || window.confirm("Discard your unsaved changes?");

  // Back on a phone: the history entry is already gone, so either close or put it back.
  const back = useBackToClose(open, () => {
    if (!confirmDiscard()) {
      back.stay();
      return;
    }
    dirty.current = false;
    close();
  });
  const requestClose = () => {
    if (!confirmDiscard()) return;
    dirty.current = false;
    back.close(close);
  };
  const closeNow = () => {
    dirty.current = false;
    back.close(close);
  };

  return (
    <Dialog
      open={open}
      onClose={requestClose}
      size="lg"
      backOnPhone
      title={itemNum !== null ? `Item #${itemNum}` : "Item"}
      description={item.data ? <span className="line-clamp-1 break-all">{item.data.title}</span> : undefined}
      headerActions={
        save && item.data ? (
          // Phones only; the footer holds Save from `sm` up.
          <Button
            type="submit"
            form={save.formId}
            size="sm"
            className="sm:hidden"
            loading={save.saving}
            disabled={save.disabled}
          >
            {save.label}
          </Button>
        ) : undefined
      }
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
          onSaveState={setSave}
          onClose={closeNow}
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
  onSaveState,
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
  onSaveState: (state: SaveState | null) => void;
  onClose: () => void;
  onCancel: () => void;
  onDeleted: (itemNum: number, title: string) => void;
}) {
  const toast = useToast();
  const utils = api.useUtils();
  const { user } = useAppSession();
  const update = api.item.update.useMutation();
  const remove = api.item.delete.useMutation();
  const formId = `item-editor-${useId()}`;

  // The values the user started from and the version they belong to; the
  // resolver reads them when it validates (they move after a conflict).
  const [base, setBase] = useState<ItemFormValues>(() => formFromItem(item));
  const [version, setVersion] = useState(item.version);
  const refData = useRef<UpdateRef>({ base, itemNum: item.itemNum, version: item.version });
  const rebase = useCallback((next: ItemFormValues, v: number) => {
    refData.current = { ...refData.current, base: next, version: v };
    setBase(next);
    setVersion(v);
  }, []);
  const resolver = useMemo(() => itemFormResolver(updateItemFormSchema(() => refData.current)), []);
  const form = useForm<ItemFormValues, unknown, TUpdateItem>({
    defaultValues: base,
    resolver,
    // Focus goes to the first invalid field in page order, scrolled into view (see onSubmit).
    shouldFocusError: false,
  });
  const values = useWatch({ control: form.control }) as ItemFormValues;

  const { formRef, formError, setFormError, onSubmit, showServerError } = useItemFormSubmit(form, onValid);
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
  const quietRebase = newer && changed.length === 0;
  useEffect(() => {
    if (!quietRebase) return;
    // Nothing of ours to lose: take their version quietly.
    const fresh = formFromItem(item);
    rebase(fresh, item.version);
    form.reset(fresh);
    setLiveNote(true);
  }, [quietRebase, item, rebase, form]);
  function reviewNewer() {
    const current = formFromItem(item);
    setConflict({ current, version: item.version, theirs: changedFields(base, current), mine: changed });
  }
  const isDirty = mayEdit && changed.length > 0;
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);

  const busy = update.isPending || remove.isPending;
  const saveLabel = update.isPending
    ? "Saving…"
    : changed.length
      ? `Save changes (${changed.length})`
      : "Save";
  useEffect(() => {
    onSaveState(
      mayEdit ? { formId, label: saveLabel, saving: update.isPending, disabled: !!conflict } : null,
    );
  }, [onSaveState, mayEdit, formId, saveLabel, update.isPending, conflict]);
  useEffect(() => () => onSaveState(null), [onSaveState]);

  const refresh = () =>
    Promise.all([
      utils.item.list.invalidate({ orgSlug: scope.orgSlug, projectId: scope.projectId }),
      utils.item.get.invalidate({ ...scope, itemNum: item.itemNum }),
    ]);

  async function onValid(data: TUpdateItem) {
    const fields = changedFields(refData.current.base, form.getValues());
    if (fields.length === 0) {
      toast.toast({ kind: "info", title: "Nothing to save", description: "You have not changed anything." });
      onClose();
      return;
    }
    try {
      const saved = await update.mutateAsync({
        ...scope,
        itemNum: data.itemNum,
        version: data.version,
        ...pickChanges(data, fields),
      });
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
          theirs: changedFields(refData.current.base, currentValues),
          mine: changedFields(refData.current.base, form.getValues()),
        });
        void refresh();
        return;
      }
      showServerError(info);
    }
  }

  /** Discard: take the version that is saved now. */
  function reloadTheirs() {
    if (!conflict) return;
    rebase(conflict.current, conflict.version);
    form.reset(conflict.current);
    setConflict(null);
    setFormError(null);
  }

  /** Reapply: the saved version with the user's edits on top, ready to save again. */
  function reapplyMine() {
    if (!conflict) return;
    const mine = form.getValues();
    const next = { ...conflict.current };
    for (const k of conflict.mine) (next as Record<string, unknown>)[k] = mine[k];
    rebase(conflict.current, conflict.version);
    form.reset(next);
    setConflict(null);
    setFormError(null);
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

  return (
    <form
      ref={formRef}
      id={formId}
      noValidate
      onSubmit={onSubmit}
      aria-busy={busy}
      className="flex flex-col gap-5"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700">
        <TypeBadge type={item.type} />
        <IndicatorBadge indicator={item.indicator} />
        <span>{item.percentComplete}% complete</span>
        <span>
          Updated{" "}
          <RelativeTime value={item.updatedAt} />
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
          onKeepMine={reapplyMine}
        />
      )}
      <FormError>{formError}</FormError>

      <ItemFormFields
        form={form}
        disabled={!mayEdit || busy}
        workstreams={workstreams}
        assignees={assignees}
        highlight={conflict ? new Set(conflict.theirs) : undefined}
      />

      <DependencyPicker
        scope={scope}
        itemNum={item.itemNum}
        dependsOn={item.dependsOn}
        dependents={item.dependents}
        mayEdit={mayEdit}
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
            // On phones Save sits in the header (see ItemEditorDialog).
            <Button type="submit" className="max-sm:hidden" loading={update.isPending} disabled={!!conflict}>
              {saveLabel}
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

type DepRow = FullItem["dependsOn"][number];

/** "12" or "#12" looks for item 12; anything else searches titles and descriptions. */
function dependencySearch(q: string): string | undefined {
  const t = q.trim();
  if (!t) return undefined;
  return /^#?\d{1,9}$/.test(t) ? `#${t.replace("#", "")}` : t;
}

/**
 * "Depends on": the item's predecessors with remove buttons and a searchable
 * combobox (item.list search) to add one. Saved at once through
 * item.setDependencies, which refuses cycles and names them.
 * "Blocks" lists the items that depend on this one.
 */
function DependencyPicker({
  scope,
  itemNum,
  dependsOn,
  dependents,
  mayEdit,
}: {
  scope: Scope;
  itemNum: number;
  dependsOn: DepRow[];
  dependents: DepRow[];
  mayEdit: boolean;
}) {
  const toast = useToast();
  const utils = api.useUtils();
  const setDeps = api.item.setDependencies.useMutation();
  const [error, setError] = useState<string | null>(null);
  const uid = useId();
  const headingId = `${uid}-deps`;

  async function save(next: number[], done: string) {
    setError(null);
    try {
      await setDeps.mutateAsync({ ...scope, itemNum, dependsOn: next });
      await Promise.all([
        utils.item.get.invalidate({ ...scope, itemNum }),
        utils.project.export.invalidate({ orgSlug: scope.orgSlug, projectId: scope.projectId }),
      ]);
      toast.success(done);
      return true;
    } catch (err) {
      const info = errorInfo(err);
      setError(info.fieldErrors.dependsOn?.[0] ?? info.message);
      return false;
    }
  }
  const current = dependsOn.map((d) => d.itemNum);
  const add = (n: number) => save([...current, n], `Item #${itemNum} now depends on #${n}`);
  const remove = (n: number) =>
    save(
      current.filter((c) => c !== n),
      `Item #${itemNum} no longer depends on #${n}`,
    );

  const list = (rows: DepRow[], removable: boolean, empty: string) =>
    rows.length === 0 ? (
      <p className="mt-1.5 text-sm text-slate-600">{empty}</p>
    ) : (
      <ul className="mt-1.5 flex flex-col gap-1.5">
        {rows.map((d) => (
          <li
            key={d.itemNum}
            className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-800 sm:min-h-10"
          >
            <span className="font-medium text-slate-600 tabular-nums">#{d.itemNum}</span>
            <span className="min-w-0 flex-1 truncate" title={d.title}>
              {d.title}
            </span>
            {isIndicator(d.indicator) && (
              <span className="max-sm:hidden">
                <IndicatorBadge indicator={d.indicator} />
              </span>
            )}
            {removable && (
              <Button
                variant="ghost"
                size="sm"
                className="-mr-2 text-red-700 hover:bg-red-50"
                disabled={setDeps.isPending}
                onClick={() => void remove(d.itemNum)}
                aria-label={`Remove dependency on #${d.itemNum}`}
              >
                <X className="size-4" aria-hidden="true" />
                <span className="max-sm:sr-only">Remove</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
    );

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 border-t border-slate-200 pt-5">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        Dependencies
      </h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Depends on</h4>
          {list(dependsOn, mayEdit, "Nothing: this item can start on its own.")}
        </div>
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Blocks</h4>
          {list(dependents, false, "No other item waits for this one.")}
        </div>
      </div>
      {mayEdit && (
        <DependencyCombobox
          scope={scope}
          exclude={[itemNum, ...current]}
          busy={setDeps.isPending}
          error={error}
          onPick={add}
          onType={() => setError(null)}
        />
      )}
    </section>
  );
}

function DependencyCombobox({
  scope,
  exclude,
  busy,
  error,
  onPick,
  onType,
}: {
  scope: Scope;
  exclude: number[];
  busy: boolean;
  error: string | null;
  onPick: (itemNum: number) => Promise<boolean>;
  onType: () => void;
}) {
  const uid = useId();
  const inputId = `${uid}-input`;
  const listId = `${uid}-list`;
  const hintId = `${uid}-hint`;
  const errorId = `${uid}-error`;
  const [q, setQ] = useState("");
  const [search, setSearch] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const t = window.setTimeout(() => setSearch(dependencySearch(q)), 250);
    return () => window.clearTimeout(t);
  }, [q]);

  const results = api.item.list.useQuery(
    { ...scope, search, limit: 20, sort: { by: "itemNum", dir: "asc" } },
    { enabled: open, staleTime: 30_000, placeholderData: keepPreviousData },
  );
  const options = (results.data?.items ?? []).filter((r) => !exclude.includes(r.itemNum)).slice(0, 12);
  const activeOption = active >= 0 && active < options.length ? options[active] : undefined;

  async function pick(n: number) {
    if (busy) return;
    setOpen(false);
    setActive(-1);
    if (await onPick(n)) setQ("");
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) setOpen(true);
      if (options.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a + step + options.length) % options.length);
    } else if (e.key === "Enter") {
      // Never submit the item form from here.
      e.preventDefault();
      if (open && activeOption) void pick(activeOption.itemNum);
      else if (open && options.length === 1) void pick(options[0]!.itemNum);
    } else if (e.key === "Escape" && open) {
      // Close the list, not the dialog.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        Add a dependency
      </label>
      <div className="relative">
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500"
          aria-hidden="true"
        />
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? `${listId}-${activeOption.itemNum}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : hintId}
          autoComplete="off"
          placeholder="Search by title or #number"
          value={q}
          // Not disabled while saving: that would drop focus (and the error that follows).
          aria-busy={busy || undefined}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
            setActive(-1);
            onType();
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          className={cn(controlClasses, "min-h-11 pl-9 sm:min-h-10")}
        />
        {busy && (
          <LoaderCircle
            className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-slate-500"
            aria-hidden="true"
          />
        )}
      </div>
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Items this one can depend on"
          className="max-h-64 overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 shadow-md"
        >
          {options.map((o, i) => (
            <li
              key={o.itemNum}
              id={`${listId}-${o.itemNum}`}
              role="option"
              aria-selected={i === active}
              // Keep focus in the input so the list does not close before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void pick(o.itemNum)}
              onMouseEnter={() => setActive(i)}
              className={cn(
                "flex min-h-11 cursor-pointer items-center gap-2 px-3 py-1.5 text-sm text-slate-800 sm:min-h-9",
                i === active && "bg-blue-50 text-blue-950",
              )}
            >
              <span className="font-medium text-slate-600 tabular-nums">#{o.itemNum}</span>
              <span className="min-w-0 flex-1 truncate">{o.title}</span>
              <TypeBadge type={o.type} compact className="max-sm:hidden" />
            </li>
          ))}
          {options.length === 0 && (
            <li role="presentation" className="px-3 py-2 text-sm text-slate-600">
              {results.isFetching ? "Searching…" : q.trim() ? "No matching items" : "No other items yet"}
            </li>
          )}
        </ul>
      )}
      {error ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : (
        <p id={hintId} className="text-xs text-slate-600">
          Items of this project that must finish first. Cycles are refused.
        </p>
      )}
    </div>
  );
}
