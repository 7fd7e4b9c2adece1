"use client";

import { Lock, Trash2 } from "lucide-react";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { IndicatorBadge, TypeBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { can, canEditItem, type ProjectRole } from "@/domain/permissions";
import {
  changedFields,
  type EditableItem,
  FIELD_LABELS,
  type FieldKey,
  formFromItem,
  ITEM_ERROR_ALIASES,
  itemFormResolver,
  type ItemFormValues,
  pickChanges,
  type UpdateRef,
  updateItemFormSchema,
} from "@/lib/item-form";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorInfo } from "@/lib/trpc-error";
import { useAppForm } from "@/lib/use-app-form";
import { useAppSession } from "@/lib/use-app-session";
import type { TUpdateItem } from "@/contracts/item";
import { api } from "@/trpc/react";
import { ConflictPanel } from "./conflict-panel";
import { offlineQueue } from "@/features/offline/queue-store";
import { isOfflineFailure, useEnqueue, useQueuedConflict } from "@/features/offline/use-offline-queue";
import { ItemAttachments } from "./item-attachments";
import { ItemFormFields } from "./item-form-fields";
import { useAssignableMembers } from "./use-assignable-members";
import type { SaveState } from "./item-editor-dialog";
import type { FullItem, Scope } from "./item-editor-types";
import { Notes } from "./item-notes";
import { DependencyPicker } from "./item-dependency-picker";
import { ItemSchedule } from "./item-schedule";
import { ItemHistory } from "./item-history";

type Conflict = { current: ItemFormValues; version: number; theirs: FieldKey[]; mine: FieldKey[] };

export function EditorForm({
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
  const { user } = useAppSession();
  const members = useAssignableMembers(scope.orgSlug);
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
  const schema = useMemo(() => updateItemFormSchema(() => refData.current), []);
  const resolver = useMemo(() => itemFormResolver(schema), [schema]);
  const { form, formRef, formError, setFormError, onSubmit, onKeyDown, showServerError } = useAppForm<
    ItemFormValues,
    TUpdateItem
  >({
    schema,
    resolver,
    defaultValues: base,
    onSubmit: onValid,
    invalidMessage: "Please correct the highlighted fields.",
    errorKeyAliases: ITEM_ERROR_ALIASES,
  });
  const values = useWatch({ control: form.control }) as ItemFormValues;

  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // An edit made offline met a newer version when it was sent: show it here as a conflict.
  const enqueue = useEnqueue();
  const queuedConflict = useQueuedConflict(scope, item.itemNum);
  const [adopted, setAdopted] = useState<string | null>(null);
  useEffect(() => {
    if (!queuedConflict || adopted === queuedConflict.id) return;
    setAdopted(queuedConflict.id);
    const current = formFromItem(item);
    const mine = formFromItem({ ...item, ...(queuedConflict.changes as Partial<EditableItem>) });
    const from = (queuedConflict.base as ItemFormValues | undefined) ?? current;
    rebase(from, queuedConflict.version);
    form.reset(mine);
    setConflict({
      current,
      version: item.version,
      theirs: changedFields(from, current),
      mine: changedFields(from, mine),
    });
  }, [queuedConflict, adopted, item, rebase, form]);
  /** The conflict is settled here (either way): the queued copy is no longer needed. */
  const settleQueued = () => {
    if (queuedConflict) void offlineQueue().discard(queuedConflict.id);
  };

  const mayEdit = canEditItem(role, { userId: user?.id ?? null }, item);
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

  async function onValid(data: TUpdateItem) {
    const fields = changedFields(refData.current.base, form.getValues());
    if (fields.length === 0) {
      toast.toast({ kind: "info", title: "Nothing to save", description: "You have not changed anything." });
      onClose();
      return;
    }
    const changes = pickChanges(data, fields);
    // No network: keep the edit on this device; it is sent (in order) when the network is back.
    const queueIt = async () => {
      const op = await enqueue({
        kind: "update",
        scope,
        itemNum: data.itemNum,
        version: data.version,
        changes,
        base: refData.current.base,
        label: `Edit #${data.itemNum}: ${fields.map((f) => FIELD_LABELS[f].toLowerCase()).join(", ")}`,
      });
      if (!op) return false;
      toast.toast({
        kind: "info",
        title: `Edit of item #${data.itemNum} kept on this device`,
        description: "It will be sent when you are back online.",
      });
      onClose();
      return true;
    };
    if (isOfflineFailure() && (await queueIt())) return;
    try {
      const saved = await update.mutateAsync({
        ...scope,
        itemNum: data.itemNum,
        version: data.version,
        ...changes,
      });
      toast.success(
        `Saved item #${saved.itemNum}`,
        saved.indicator ? `Indicator: ${saved.indicator}` : undefined,
      );
      onClose();
    } catch (err) {
      if (isOfflineFailure(err) && (await queueIt())) return;
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
        return;
      }
      showServerError(err);
    }
  }

  /** Discard: take the version that is saved now. */
  function reloadTheirs() {
    if (!conflict) return;
    settleQueued();
    rebase(conflict.current, conflict.version);
    form.reset(conflict.current);
    setConflict(null);
    setFormError(null);
  }

  /** Reapply: the saved version with the user's edits on top, ready to save again. */
  function reapplyMine() {
    if (!conflict) return;
    settleQueued();
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
      onSubmit={(e) => void onSubmit(e)}
      onKeyDown={mayEdit && !conflict ? onKeyDown : undefined}
      aria-busy={busy}
      className="flex flex-col gap-5"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700">
        <TypeBadge type={item.type} />
        <IndicatorBadge indicator={item.indicator} />
        <span>{item.percentComplete}% complete</span>
        <span>
          Updated <RelativeTime value={item.updatedAt} />
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
        members={members}
        highlight={conflict ? new Set(conflict.theirs) : undefined}
        scheduleInfo={<ItemSchedule scope={scope} item={item} />}
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
      <ItemHistory scope={scope} itemNum={item.itemNum} />

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
