import { createTRPCRouter, projectAction } from "@/server/api/trpc";
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliverWebhook,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
} from "@/server/services/webhooks";
import {
  ZCreateWebhook,
  ZRedeliver,
  ZUpdateWebhook,
  ZWebhookDeliveries,
  ZWebhookRef,
} from "@/contracts/webhook";

/** A project's outbound webhooks (project managers and admins). Secrets appear only in create and rotateSecret. */
export const webhookRouter = createTRPCRouter({
  list: projectAction("project.manage").query(({ ctx }) => listWebhooks(ctx.db, ctx.project.id)),

  create: projectAction("project.manage")
    .input(ZCreateWebhook)
    .mutation(({ ctx, input }) => createWebhook(ctx.db, ctx.audit, ctx.project.id, input)),

  update: projectAction("project.manage")
    .input(ZUpdateWebhook)
    .mutation(({ ctx, input }) => updateWebhook(ctx.db, ctx.audit, ctx.project.id, input)),

  rotateSecret: projectAction("project.manage")
    .input(ZWebhookRef)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.audit, ctx.project.id, input.webhookId)),

  delete: projectAction("project.manage")
    .input(ZWebhookRef)
    .mutation(({ ctx, input }) => deleteWebhook(ctx.db, ctx.audit, ctx.project.id, input.webhookId)),

  test: projectAction("project.manage")
    .input(ZWebhookRef)
    .mutation(({ ctx, input }) => testWebhook(ctx.db, ctx.audit, ctx.org, ctx.project, input.webhookId)),

  deliveries: projectAction("project.manage")
    .input(ZWebhookDeliveries)
    .query(({ ctx, input }) => listDeliveries(ctx.db, ctx.project.id, input)),

  redeliver: projectAction("project.manage")
    .input(ZRedeliver)
    .mutation(({ ctx, input }) => redeliverWebhook(ctx.db, ctx.org, ctx.project.id, input.deliveryId)),
});
