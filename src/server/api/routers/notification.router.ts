import { createTRPCRouter } from "@/server/api/trpc";
import { ZMarkRead } from "@/contracts/notification";
import { listNotifications, markNotificationsRead } from "@/server/services/notifications";
import { personProcedure } from "./user.router";

/** My notifications, across every org I belong to (each call only ever sees its own user's). */
export const notificationRouter = createTRPCRouter({
  /** The newest 50, and how many are unread. */
  list: personProcedure.query(({ ctx }) => listNotifications(ctx.centralDb, ctx.person.userId)),

  /** `{ids}` or `{all: true}`; ids that are not mine change nothing. */
  markRead: personProcedure
    .input(ZMarkRead)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.centralDb, ctx.person.userId, input)),
});
