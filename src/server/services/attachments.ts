/**
 * Item attachments: a two-step upload (sign → the browser PUTs to S3 →
 * complete, which checks the stored object before recording it), presigned
 * downloads, and deletes by the uploader or a project manager/admin.
 */
import { randomUUID } from "node:crypto";
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { baseMediaType, checkAttachment, isPreviewableImage, storageKey } from "@/domain/attachments";
import { DomainError } from "@/domain/errors";
import { canDeleteOwned } from "@/domain/permissions";
import {
  deleteObject,
  headObject,
  presignDownload,
  presignUpload,
  storageConfigured,
} from "@/server/storage";
import { auditOf } from "./audit";
import { findItem } from "./item-reads";

const auditAttachment = auditOf("attachment");

const notConfigured = () =>
  new DomainError("INVALID", "File storage is not configured on this server (set S3_ENDPOINT / S3_BUCKET)");

async function itemOrThrow(db: TenantDb, projectId: string, itemNum: number) {
  const item = await findItem(db, projectId, itemNum);
  if (!item) throw new DomainError("NOT_FOUND", `Item #${itemNum} not found`);
  return item;
}

export async function startUpload(
  db: TenantDb,
  scope: { orgSlug: string; projectId: string },
  input: { itemNum: number; fileName: string; contentType: string; size: number },
) {
  if (!storageConfigured()) throw notConfigured();
  const check = checkAttachment(input);
  if (!check.ok)
    throw new DomainError("INVALID", check.message, { fieldErrors: { [check.field]: [check.message] } });
  const item = await itemOrThrow(db, scope.projectId, input.itemNum);
  const key = storageKey({
    orgSlug: scope.orgSlug,
    projectId: scope.projectId,
    itemId: item.id,
    uuid: randomUUID(),
    fileName: check.fileName,
  });
  return {
    key,
    fileName: check.fileName,
    uploadUrl: await presignUpload(key, input.contentType, input.size),
    headers: { "content-type": input.contentType },
  };
}

export async function completeUpload(
  db: TenantDb,
  actor: AuditActor,
  scope: { orgSlug: string; projectId: string },
  input: { itemNum: number; key: string; fileName: string; contentType: string },
) {
  const item = await itemOrThrow(db, scope.projectId, input.itemNum);
  // The key must be one we would have signed for this item.
  const prefix = `${scope.orgSlug}/${scope.projectId}/${item.id}/`;
  if (!input.key.startsWith(prefix) || input.key.includes(".."))
    throw new DomainError("INVALID", "That upload does not belong to this item");
  const stored = await headObject(input.key);
  if (!stored) throw new DomainError("INVALID", "The file has not been uploaded yet");
  // The recorded type is the stored object's, not the client's word: they must agree.
  const storedType = baseMediaType(stored.contentType);
  if (!storedType || storedType !== baseMediaType(input.contentType)) {
    await deleteObject(input.key).catch(() => undefined);
    const message = `The uploaded file is ${storedType ?? "of no stated type"}, not ${input.contentType}; upload it again`;
    throw new DomainError("INVALID", message, { fieldErrors: { contentType: [message] } });
  }
  const check = checkAttachment({ fileName: input.fileName, contentType: storedType, size: stored.size });
  if (!check.ok) {
    await deleteObject(input.key).catch(() => undefined);
    throw new DomainError("INVALID", check.message, { fieldErrors: { [check.field]: [check.message] } });
  }
  return db.$transaction(async (tx) => {
    const row = await tx.attachment.create({
      data: {
        itemId: item.id,
        fileName: check.fileName,
        contentType: storedType,
        size: stored.size,
        storageKey: input.key,
        uploadedById: actor.userId,
      },
    });
    const after = { itemNum: input.itemNum, ...row };
    await auditAttachment(tx, actor, "CREATE", { projectId: scope.projectId, id: row.id }, { after });
    return toDto(row);
  });
}

type Row = {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedById: string | null;
  createdAt: Date;
};
const toDto = (r: Row) => ({
  id: r.id,
  fileName: r.fileName,
  contentType: r.contentType,
  size: r.size,
  uploadedById: r.uploadedById,
  createdAt: r.createdAt,
  previewable: isPreviewableImage(r.contentType),
});

export async function listAttachments(db: TenantDb, projectId: string, itemNum: number) {
  const item = await itemOrThrow(db, projectId, itemNum);
  const rows = await db.attachment.findMany({
    where: { itemId: item.id, deletedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toDto);
}

async function attachmentOf(db: TenantDb, projectId: string, itemNum: number, attachmentId: string) {
  const item = await itemOrThrow(db, projectId, itemNum);
  const row = await db.attachment.findFirst({
    where: { id: attachmentId, itemId: item.id, deletedAt: null },
  });
  if (!row) throw new DomainError("NOT_FOUND", "Attachment not found");
  return row;
}

export async function downloadUrl(
  db: TenantDb,
  projectId: string,
  input: { itemNum: number; attachmentId: string; inline?: boolean },
) {
  if (!storageConfigured()) throw notConfigured();
  const row = await attachmentOf(db, projectId, input.itemNum, input.attachmentId);
  return {
    url: await presignDownload(
      row.storageKey,
      row.fileName,
      row.contentType,
      !!input.inline && isPreviewableImage(row.contentType),
    ),
  };
}

export async function deleteAttachment(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: { itemNum: number; attachmentId: string },
  mayDeleteAny: boolean,
) {
  const row = await attachmentOf(db, projectId, input.itemNum, input.attachmentId);
  if (!canDeleteOwned(mayDeleteAny, actor, row.uploadedById)) {
    throw new DomainError("FORBIDDEN", "Only the uploader or a project manager can delete this file");
  }
  await db.$transaction(async (tx) => {
    await tx.attachment.update({ where: { id: row.id }, data: { deletedAt: new Date() } });
    const before = { itemNum: input.itemNum, ...row };
    await auditAttachment(tx, actor, "DELETE", { projectId, id: row.id }, { before });
  });
  // The record is gone for users; the object goes too (a failure here leaves an orphan, logged by the caller).
  await deleteObject(row.storageKey);
  return { deleted: true as const };
}
