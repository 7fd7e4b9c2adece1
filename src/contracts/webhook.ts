import { z } from "zod";

/** Events a webhook can subscribe to; `ping` is only sent by "Send test". */
export const WEBHOOK_EVENTS = ["item.created", "item.updated", "item.deleted", "note.added"] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type TWebhookEventOrPing = TWebhookEvent | "ping";

export const WEBHOOK_EVENT_LABELS: Record<TWebhookEvent, string> = {
  "item.created": "Item created",
  "item.updated": "Item updated",
  "item.deleted": "Item deleted",
  "note.added": "Note added",
};

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The receiver's address: http(s) only, no credentials in it. Whether plain http and private
 * addresses are allowed is decided on the server (production: https and public addresses only).
 */
export const ZWebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the receiver's URL")
  .max(2000, "Use at most 2000 characters")
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    error: "Enter a full URL starting with https://",
  })
  .refine((v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password), {
    error: "Leave user names and passwords out of the URL",
  });

export const ZWebhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS, { error: "Unknown event" }))
  .min(1, "Choose at least one event")
  .max(WEBHOOK_EVENTS.length)
  .transform((list) => [...new Set(list)]);

export const ZWebhookDescription = z
  .string()
  .trim()
  .max(200, "Use at most 200 characters")
  .transform((v) => v || null)
  .nullable()
  .optional();

export const ZCreateWebhook = z.object({
  url: ZWebhookUrl,
  events: ZWebhookEvents,
  description: ZWebhookDescription,
});
export type TCreateWebhook = z.infer<typeof ZCreateWebhook>;

export const ZWebhookRef = z.object({ webhookId: z.uuid({ error: "Not a webhook id" }) });

export const ZUpdateWebhook = ZWebhookRef.extend({
  url: ZWebhookUrl.optional(),
  events: ZWebhookEvents.optional(),
  description: ZWebhookDescription,
  active: z.boolean().optional(),
});
export type TUpdateWebhook = z.infer<typeof ZUpdateWebhook>;

export const ZWebhookDeliveries = ZWebhookRef.extend({
  /** The id of the last delivery of the previous page. */
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const ZRedeliver = z.object({ deliveryId: z.uuid({ error: "Not a delivery id" }) });
