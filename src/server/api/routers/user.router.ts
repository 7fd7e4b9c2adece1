import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, protectedProcedure, systemProcedure } from "@/server/api/trpc";
import { clientIp } from "@/server/auth/ip";
import { createUser } from "@/server/services/users";
import { changePassword, getProfile, updateProfile } from "@/server/services/profile";
import { endSessions } from "@/server/services/sign-in";
import { sendVerificationEmail } from "@/server/services/email-verification";
import { endSession, listSessions } from "@/server/services/sessions";
import { getTenantDb } from "@/server/db/tenant";
import { acceptInvitation } from "@/server/services/accept-invitation";
import { declineInvitation, listMyInvitations } from "@/server/services/invitee-invitations";
import { ZChangePassword, ZEmail, ZPersonName, ZUpdateProfile } from "@/contracts/account";
import { ZPassword } from "@/domain/password";
import { ZNotificationPrefs } from "@/contracts/notification";
import { getNotificationPrefs, setNotificationPrefs } from "@/server/services/notifications";

const ZInvitationRef = z.object({ invitationId: z.uuid({ error: "Not an invitation id" }) });

/** A signed-in person (not the system actor of admin scripts). */
export const personProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== "user")
    throw new TRPCError({ code: "FORBIDDEN", message: "Only for signed-in users" });
  const actor = ctx.actor;
  return next({
    ctx: {
      person: { ...ctx.audit, userId: actor.userId },
      meta: { ip: clientIp(ctx.headers), correlationId: ctx.correlationId },
    },
  });
});

export const userRouter = createTRPCRouter({
  /** Operators create users directly; people sign up through registration. */
  create: systemProcedure
    .input(z.object({ email: ZEmail, name: ZPersonName, password: ZPassword.optional() }))
    .mutation(({ ctx, input }) => createUser(ctx.centralDb, ctx.audit, input)),

  me: protectedProcedure.query(async ({ ctx }) => {
    if (ctx.actor.kind === "system") return { id: null, email: null, name: "system" };
    const u = await ctx.centralDb.user.findUniqueOrThrow({
      where: { id: ctx.actor.userId },
      select: { id: true, email: true, name: true, avatarUrl: true, emailVerified: true, createdAt: true },
    });
    return u;
  }),

  /** The profile page: name, e-mail (and whether it is confirmed), avatar, sign-in methods. */
  profile: personProcedure.query(({ ctx }) => getProfile(ctx.centralDb, ctx.person.userId)),

  /** Name, e-mail, avatar. A new e-mail needs the current password and is confirmed by a link. */
  updateProfile: personProcedure
    .input(ZUpdateProfile)
    .mutation(({ ctx, input }) => updateProfile(ctx.centralDb, ctx.person, input, ctx.meta)),

  /** Needs the current password; ends every existing session (sign in again with the new one). */
  changePassword: personProcedure
    .input(ZChangePassword)
    .mutation(({ ctx, input }) => changePassword(ctx.centralDb, ctx.person, input, ctx.meta)),

  resendVerification: personProcedure.mutation(({ ctx }) =>
    sendVerificationEmail(ctx.centralDb, ctx.person.userId, ctx.meta),
  ),

  /** My signed-in devices: device, browser, last seen, and which one is this. */
  sessions: personProcedure.query(({ ctx }) =>
    listSessions(ctx.centralDb, ctx.person.userId, ctx.session?.sessionId ?? null),
  ),

  /** Signs one of my devices out (at its next request). */
  revokeSession: personProcedure
    .input(z.object({ id: z.uuid({ error: "Not a session id" }) }))
    .mutation(({ ctx, input }) =>
      endSession(ctx.centralDb, ctx.person, ctx.person.userId, input.id, "revoked", ctx.meta.ip),
    ),

  /** Ends every session of mine, this one included. */
  signOutEverywhere: personProcedure.mutation(async ({ ctx }) => {
    await endSessions(ctx.centralDb, ctx.person, ctx.person.userId, "logout_everywhere", ctx.meta.ip);
    return { ended: true as const };
  }),

  /** Which notifications I get in the app, and my daily digest (on/off, hour, time zone). */
  notificationPrefs: personProcedure.query(({ ctx }) =>
    getNotificationPrefs(ctx.centralDb, ctx.person.userId),
  ),

  setNotificationPrefs: personProcedure
    .input(ZNotificationPrefs)
    .mutation(({ ctx, input }) => setNotificationPrefs(ctx.centralDb, ctx.person, input)),

  /** Invitations to my (confirmed) address that wait for my answer; none until the address is confirmed. */
  invitations: personProcedure.query(({ ctx }) => listMyInvitations(ctx.centralDb, ctx.person.userId)),

  /** Joins the org of one of my invitations (my address must be the invited one, and confirmed). */
  acceptInvitation: personProcedure
    .input(ZInvitationRef)
    .mutation(({ ctx, input }) =>
      acceptInvitation(
        ctx.centralDb,
        getTenantDb,
        { invitationId: input.invitationId, signedInUserId: ctx.person.userId },
        ctx.meta,
      ),
    ),

  declineInvitation: personProcedure
    .input(ZInvitationRef)
    .mutation(({ ctx, input }) =>
      declineInvitation(
        ctx.centralDb,
        { invitationId: input.invitationId, signedInUserId: ctx.person.userId },
        ctx.meta,
      ),
    ),
});
