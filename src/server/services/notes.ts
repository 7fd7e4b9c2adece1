/** Dated notes on an item (newest first). */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { dateToIso, isoToDate } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { canDeleteOwned } from "@/domain/permissions";
import type { IsoDate } from "@/domain/types";
import { auditOf } from "./audit";
import { enqueueWebhookEvent } from "./webhook-delivery";
import { wakeWebhookSender } from "@/server/jobs/wake";
import { findItem } from "./item-reads";

const auditNote = auditOf("item_note");

const NOTE_SELECT = {
  id: true,
  itemId: true,
  noteDate: true,
  content: true,
  authorId: true,
  authorName: true,
  createdAt: true,
} as const;

const toNoteDto = (n: {
  id: string;
  noteDate: Date;
  content: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
}) => ({
  id: n.id,
  date: dateToIso(n.noteDate),
  content: n.content,
  authorId: n.authorId,
  author: n.authorName,
  createdAt: n.createdAt,
});

export async function addNote(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: { itemNum: number; date?: IsoDate; content: string },
  today: IsoDate,
) {
  const { dto, queued } = await db.$transaction(async (tx) => {
    const item = await findItem(tx, projectId, input.itemNum);
    if (!item) throw new DomainError("NOT_FOUND", `Item #${input.itemNum} not found`);
    const note = await tx.itemNote.create({
      data: {
        itemId: item.id,
        noteDate: isoToDate(input.date ?? today),
        content: input.content,
        authorId: actor.userId,
        authorName: actor.name,
      },
      select: NOTE_SELECT,
    });
    const dto = toNoteDto(note);
    const after = { itemNum: input.itemNum, ...dto };
    await auditNote(tx, actor, "CREATE", { projectId, id: note.id }, { after });
    const queued = await enqueueWebhookEvent(tx, actor, projectId, "note.added", {
      item,
      note: { id: dto.id, date: dto.date, content: dto.content, author: dto.author },
    });
    return { dto, queued };
  });
  if (queued) wakeWebhookSender();
  return dto;
}

/** Authors may delete their own notes; project managers and admins any note. */
export async function deleteNote(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: { itemNum: number; noteId: string },
  mayDeleteAny: boolean,
) {
  return db.$transaction(async (tx) => {
    const item = await findItem(tx, projectId, input.itemNum);
    const note = item
      ? await tx.itemNote.findFirst({
          where: { id: input.noteId, itemId: item.id, deletedAt: null },
          select: NOTE_SELECT,
        })
      : null;
    if (!note) throw new DomainError("NOT_FOUND", "Note not found");
    if (!canDeleteOwned(mayDeleteAny, actor, note.authorId)) {
      throw new DomainError("FORBIDDEN", "You may only delete your own notes");
    }
    await tx.itemNote.update({ where: { id: note.id }, data: { deletedAt: new Date() } });
    const before = { itemNum: input.itemNum, ...toNoteDto(note) };
    await auditNote(tx, actor, "DELETE", { projectId, id: note.id }, { before });
    return { deleted: true as const };
  });
}
