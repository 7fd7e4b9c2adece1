/**
 * Public account procedures: registration, password reset, e-mail
 * verification, invitations (preview and accept) and SSO discovery. Every
 * other procedure needs a session.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, publicProcedure, type Context } from "@/server/api/trpc";
import { clientIp } from "@/server/auth/ip";
import { getTenantDb } from "@/server/db/tenant";
import { DomainError } from "@/domain/errors";
import { ssoProviderId } from "@/domain/sso";
import { ZSlug } from "@/contracts/org";
import { registerUser } from "@/server/services/registration";
import { requestPasswordReset, resetPassword } from "@/server/services/password-reset";
import { verifyEmail } from "@/server/services/email-verification";
import { acceptInvitation } from "@/server/services/accept-invitation";
import { declineInvitation, previewInvitation } from "@/server/services/invitee-invitations";
import { loadSsoProviderSettings } from "@/server/services/sso-settings";
import { loadSessionActor } from "@/server/services/sessions";
import {
  ZAcceptInvitation,
  ZLinkToken,
  ZRegister,
  ZRequestReset,
  ZResetPassword,
  ZVerifyEmail,
} from "@/contracts/account";

const meta = (ctx: Context) => ({ ip: clientIp(ctx.headers), correlationId: ctx.correlationId });

/** The signed-in user when the session is live; null when anonymous; UNAUTHORIZED when the session ended. */
async function optionalUser(ctx: Context) {
  const s = ctx.session;
  if (!s) return null;
  const u = await loadSessionActor(ctx.centralDb, s);
  if (!u) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended; please sign in again" });
  }
  return { id: u.userId };
}

export const authRouter = createTRPCRouter({
  /** Creates the account and the user's own organization (they own it); sends a verification e-mail. */
  register: publicProcedure
    .input(ZRegister)
    .mutation(({ ctx, input }) => registerUser(ctx.centralDb, input, meta(ctx))),

  /** Always answers ok (no account enumeration); mails a 1-hour single-use link when the account exists. */
  requestPasswordReset: publicProcedure
    .input(ZRequestReset)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.centralDb, input, meta(ctx))),

  /** Sets a new password from a reset link; every existing session of the user ends. */
  resetPassword: publicProcedure
    .input(ZResetPassword)
    .mutation(({ ctx, input }) => resetPassword(ctx.centralDb, input, meta(ctx))),

  verifyEmail: publicProcedure
    .input(ZVerifyEmail)
    .mutation(({ ctx, input }) => verifyEmail(ctx.centralDb, input, meta(ctx))),

  /** What an invitation link offers (org, role, whether the account exists). */
  invitation: publicProcedure
    .input(z.object({ token: ZLinkToken }))
    .query(({ ctx, input }) => previewInvitation(ctx.centralDb, input.token)),

  /** Accepts an invitation: signed in, links the account; otherwise creates it from name + password. */
  acceptInvitation: publicProcedure.input(ZAcceptInvitation).mutation(async ({ ctx, input }) => {
    const user = await optionalUser(ctx);
    if (user) {
      return acceptInvitation(
        ctx.centralDb,
        getTenantDb,
        { token: input.token, signedInUserId: user.id },
        meta(ctx),
      );
    }
    if (!input.name || !input.password) {
      const fieldErrors: Record<string, string[]> = {};
      if (!input.name) fieldErrors.name = ["Enter your name"];
      if (!input.password) fieldErrors.password = ["Choose a password"];
      throw new DomainError("INVALID", "Enter your name and a password to create your account", {
        fieldErrors,
      });
    }
    return acceptInvitation(
      ctx.centralDb,
      getTenantDb,
      { token: input.token, name: input.name, password: input.password },
      meta(ctx),
    );
  }),

  /** Declines an invitation with its e-mailed link (signed in or not). */
  declineInvitation: publicProcedure
    .input(z.object({ token: ZLinkToken }))
    .mutation(({ ctx, input }) => declineInvitation(ctx.centralDb, { token: input.token }, meta(ctx))),

  /** The SSO sign-in of an organization, when it has one enabled (its provider id carries the org's id). */
  ssoProvider: publicProcedure.input(z.object({ orgSlug: ZSlug })).query(async ({ ctx, input }) => {
    const s = await loadSsoProviderSettings(ctx.centralDb, { orgSlug: input.orgSlug });
    if (!s) throw new TRPCError({ code: "NOT_FOUND", message: "This organization has no single sign-on" });
    return { providerId: ssoProviderId(s.org.id), orgName: s.org.name };
  }),
});
