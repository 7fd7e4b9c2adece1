/** E-mail verification: sending a single-use link to the user's address, and confirming it. */
import type { CentralDb } from "@/server/db/central";
import { DomainError } from "@/domain/errors";
import { appUrl, sendMailInBackground } from "@/server/mail";
import { verifyEmailMail } from "@/server/mail-templates";
import { writeRequestAudit } from "./audit";
import { claimToken, issueMailToken } from "./account-tokens";
import type { RequestMeta } from "./sign-in";

/** Sends a verification link to the user's current address (rate limited; no-op when verified). */
export async function sendVerificationEmail(central: CentralDb, userId: string, meta: RequestMeta) {
  const now = meta.now ?? new Date();
  const user = await central.user.findFirst({
    where: { id: userId, deletedAt: null, deactivatedAt: null },
    select: { id: true, email: true, name: true, emailVerified: true },
  });
  if (!user) throw new DomainError("NOT_FOUND", "User not found");
  if (user.emailVerified) return { sent: false as const, alreadyVerified: true };
  const token = await issueMailToken(central, user.id, "email_verify", now);
  if (!token) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      "We sent several links already. Check your inbox (and spam folder) or try again later.",
    );
  }
  sendMailInBackground(verifyEmailMail(user.email, user.name, appUrl(`/verify-email?token=${token}`)));
  return { sent: true as const, alreadyVerified: false };
}

export async function verifyEmail(central: CentralDb, input: { token: string }, meta: RequestMeta) {
  const now = meta.now ?? new Date();
  return central.$transaction(async (tx) => {
    const userId = await claimToken(tx, input.token, "email_verify", now);
    if (!userId) {
      throw new DomainError(
        "INVALID",
        "This confirmation link is invalid, used or expired. Ask for a new one from your profile.",
        {
          fieldErrors: { token: ["This link is invalid, used or expired"] },
        },
      );
    }
    const user = await tx.user.update({
      where: { id: userId },
      data: { emailVerified: now },
      select: { id: true, email: true, name: true },
    });
    await writeRequestAudit(tx, { userId, name: user.name }, meta, {
      action: "UPDATE",
      entityType: "user",
      entityId: userId,
      after: { emailVerified: now, email: user.email },
    });
    return { verified: true as const, email: user.email };
  });
}
