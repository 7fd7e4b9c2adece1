/**
 * Applying reviewed proposals (chat.applyProposals, SPEC §14) to ONE project
 * through the normal item and note services — the same validation, edit
 * rights and audit rows as item.create / item.addNote / item.update.
 *
 * All or nothing, as far as validation goes: every proposal is checked first
 * (fields, `#N` exists in this project, the caller may edit it, start ≤
 * finish); if any fails, nothing is written and the errors come back per
 * proposal (`proposals.<i>.<field>`). Only then are they written, in order:
 * creates, notes, updates. A write that still fails after that (an item
 * changed or deleted by someone else in between) stops there; what was written
 * before it stays, and the error says which proposal failed.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import type { TProposal } from "@/contracts/assistant-actions";
import { ZCreateItem } from "@/contracts/item";
import { resolveAssignee, type AssignableMember } from "@/domain/assignees";
import { applyChanges } from "@/domain/changes";
import { DomainError, type FieldErrors } from "@/domain/errors";
import type { IsoDate } from "@/domain/types";
import { createItem, updateItem } from "./items";
import { findItem, type ItemDto } from "./item-reads";
import { addNote } from "./notes";

export type ApplyResult = { created: number[]; updated: number[]; notes: number };

export type ApplyDeps = {
  today: IsoDate;
  members: readonly AssignableMember[];
  /** May the caller edit this item (item.update's rule)? */
  mayEdit: (item: ItemDto) => boolean;
};

const kindOrder = { create: 0, note: 1, update: 2 } as const;

export async function applyProposals(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  proposals: readonly TProposal[],
  deps: ApplyDeps,
): Promise<ApplyResult> {
  const errors: FieldErrors = {};
  const fail = (i: number, field: string, message: string) => {
    (errors[`proposals.${i}.${field}`] ??= []).push(message);
  };
  const items = new Map<number, ItemDto>();
  for (const [i, p] of proposals.entries()) {
    if (p.kind === "create") {
      const parsed = ZCreateItem.safeParse(p);
      if (!parsed.success)
        for (const issue of parsed.error.issues) fail(i, issue.path.join("."), issue.message);
      continue;
    }
    const item = items.get(p.itemNum) ?? (await findItem(db, projectId, p.itemNum));
    if (!item) {
      fail(i, "itemNum", `There is no item #${p.itemNum} in this project`);
      continue;
    }
    items.set(p.itemNum, item);
    if (p.kind === "update") {
      if (!deps.mayEdit(item)) fail(i, "itemNum", `You may not edit #${p.itemNum}`);
      const merged = applyChanges(item, p.changes);
      if (merged.start && merged.finish && merged.start > merged.finish)
        fail(i, "changes.finish", "Finish must not be before start");
    }
  }
  if (Object.keys(errors).length) {
    const n = new Set(Object.keys(errors).map((k) => k.split(".")[1])).size;
    throw new DomainError("INVALID", `${n} of the proposals cannot be applied; nothing was changed`, {
      fieldErrors: errors,
    });
  }

  const result: ApplyResult = { created: [], updated: [], notes: 0 };
  const ordered = [...proposals.entries()].sort(
    ([ia, a], [ib, b]) => kindOrder[a.kind] - kindOrder[b.kind] || ia - ib,
  );
  for (const [i, p] of ordered) {
    try {
      if (p.kind === "create") {
        const { kind: _k, ...fields } = p;
        const assignee = resolveAssignee({ assignedTo: fields.assignedTo }, deps.members);
        const input = { ...fields, ...(assignee && !("problem" in assignee) ? assignee : {}) };
        result.created.push((await createItem(db, actor, projectId, input, deps.today)).itemNum);
      } else if (p.kind === "note") {
        await addNote(db, actor, projectId, { itemNum: p.itemNum, content: p.content }, deps.today);
        result.notes += 1;
      } else {
        const current = await findItem(db, projectId, p.itemNum);
        if (!current) throw new DomainError("NOT_FOUND", `Item #${p.itemNum} not found`);
        const { assignedTo, ...rest } = p.changes;
        const assignee = assignedTo !== undefined ? resolveAssignee({ assignedTo }, deps.members) : null;
        const input = {
          itemNum: p.itemNum,
          version: current.version,
          ...rest,
          ...(assignedTo !== undefined ? { assignedTo } : {}),
          ...(assignee && !("problem" in assignee) ? assignee : {}),
        };
        await updateItem(db, actor, projectId, input, deps.today, deps.mayEdit);
        if (!result.updated.includes(p.itemNum)) result.updated.push(p.itemNum);
      }
    } catch (err) {
      if (err instanceof DomainError) {
        const done = result.created.length + result.updated.length + result.notes;
        throw new DomainError(err.code, `Proposal ${i + 1}: ${err.message} (${done} applied before it)`, {
          fieldErrors: err.fieldErrors,
          details: { applied: result },
        });
      }
      throw err;
    }
  }
  return result;
}
