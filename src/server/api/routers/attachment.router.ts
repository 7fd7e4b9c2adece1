import { z } from "zod";
import { createTRPCRouter, projectAction } from "@/server/api/trpc";
import { can } from "@/domain/permissions";
import {
  completeUpload,
  deleteAttachment,
  downloadUrl,
  listAttachments,
  startUpload,
} from "@/server/services/attachments";
import { ZItemRef } from "@/contracts/item";

const ZAttachmentRef = ZItemRef.extend({ attachmentId: z.uuid() });
const ZFile = z.object({
  fileName: z.string().trim().min(1, "Name the file").max(255),
  contentType: z.string().trim().min(1).max(127),
});

export const attachmentRouter = createTRPCRouter({
  list: projectAction("project.view")
    .input(ZItemRef)
    .query(({ ctx, input }) => listAttachments(ctx.db, ctx.project.id, input.itemNum)),

  /** Step 1: a presigned PUT URL for this exact file. */
  startUpload: projectAction("item.create")
    .input(ZItemRef.extend(ZFile.shape).extend({ size: z.number().int() }))
    .mutation(({ ctx, input }) =>
      startUpload(ctx.db, { orgSlug: ctx.org.slug, projectId: ctx.project.id }, input),
    ),

  /** Step 2, after the browser's PUT: verify the object and record it. */
  completeUpload: projectAction("item.create")
    .input(ZItemRef.extend(ZFile.shape).extend({ key: z.string().min(1).max(1024) }))
    .mutation(({ ctx, input }) =>
      completeUpload(ctx.db, ctx.audit, { orgSlug: ctx.org.slug, projectId: ctx.project.id }, input),
    ),

  downloadUrl: projectAction("project.view")
    .input(ZAttachmentRef.extend({ inline: z.boolean().optional() }))
    .query(({ ctx, input }) => downloadUrl(ctx.db, ctx.project.id, input)),

  delete: projectAction("item.create")
    .input(ZAttachmentRef)
    .mutation(({ ctx, input }) =>
      deleteAttachment(ctx.db, ctx.audit, ctx.project.id, input, can(ctx.projectRole, "item.delete")),
    ),
});
