/** Inputs of the notification procedures (pure: zod and domain only; the prefs form reuses them). */
import { z } from "zod";

export const NOTIFICATION_KINDS = ["assigned", "mentioned", "critical", "due-tomorrow"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** True for a time zone name the runtime knows (IANA, e.g. "Europe/Paris"). */
export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const ZTimeZone = z
  .string()
  .trim()
  .min(1, "Choose a time zone")
  .max(64, "Use at most 64 characters")
  .refine(isTimeZone, { error: "Not a known time zone (e.g. Europe/Paris)" });

export const ZMarkRead = z.union([
  z.object({
    ids: z
      .array(z.uuid({ error: "Not a notification id" }))
      .min(1)
      .max(200),
  }),
  z.object({ all: z.literal(true) }),
]);
export type TMarkRead = z.infer<typeof ZMarkRead>;

export const ZNotificationPrefs = z.object({
  assigned: z.boolean(),
  mentioned: z.boolean(),
  critical: z.boolean(),
  dueTomorrow: z.boolean(),
  digest: z.boolean(),
  digestHour: z
    .number({ error: "Choose an hour" })
    .int("Choose a whole hour")
    .min(0, "Choose an hour from 0 to 23")
    .max(23, "Choose an hour from 0 to 23"),
  timeZone: ZTimeZone,
});
export type TNotificationPrefs = z.infer<typeof ZNotificationPrefs>;

export const NOTIFICATION_LIST_LIMIT = 50;
