/**
 * Registration: the user, their personal organization and a verification e-mail, with the same
 * answer (and about the same time) whether or not the address already has an account.
 */
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { appUrl, sendMailInBackground } from "@/server/mail";
import { accountExistsMail } from "@/server/mail-templates";
import { logger } from "@/server/logger";
import { writeCentralAudit } from "./audit";
import { createOrg, freeSlug, slugify } from "./orgs";
import { createUser, hashPassword } from "./users";
import { takeRegistrationSlot } from "./limits";
import { hitRateLimit } from "./rate-limit";
import { ResponseTimeModel } from "./uniform-timing";
import { MAILS_PER_HOUR } from "./account-tokens";
import { anonymous, normalizeEmail, type RequestMeta } from "./sign-in";
import { sendVerificationEmail } from "./email-verification";

/** "Ada Lovelace" → "Ada's workspace". */
export function personalOrgName(name: string): string {
  const first = name.trim().split(/\s+/)[0] || name.trim();
  return `${first}'s workspace`.slice(0, 200);
}

/** How long a real registration takes (hashing, the user, the org's database), mirrored for taken addresses. */
const registrationTime = new ResponseTimeModel(900);

/**
 * Registration: the user, then their own organization (they own it) so they can start at once,
 * then a verification e-mail.
 *
 * The answer is the same whether or not the address already has an account (`{ ok, email }`, no
 * id): a taken address gets the same password hashing, the same audit entry (so the per-IP cap
 * counts it), a mail to its owner instead of a new account, and about the same response time.
 * The caller then signs in with the password; only the address's owner learns more.
 */
export async function registerUser(
  central: CentralDb,
  input: { name: string; email: string; password: string },
  meta: RequestMeta,
) {
  const started = performance.now();
  const now = meta.now ?? new Date();
  const email = normalizeEmail(input.email);
  // Each registration provisions a database: cap how many one address can start (atomic: see
  // limits.ts). Taken addresses use up a slot too, so the cap says nothing about who has an account.
  await takeRegistrationSlot(central, meta, email, now);
  const answer = { ok: true as const, email };
  const taken = await central.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) {
    await registrationForTakenAddress(central, taken.id, input.password, meta);
    await registrationTime.padFrom(started);
    return answer;
  }
  let user: Awaited<ReturnType<typeof createUser>>;
  try {
    user = await createUser(central, anonymous(meta.correlationId), { ...input, email });
  } catch (err) {
    // Registered a moment ago by a concurrent request: answer as for any taken address.
    const raced = await central.user.findUnique({ where: { email }, select: { id: true } });
    if (!raced) throw err;
    await registrationForTakenAddress(central, raced.id, null, meta);
    await registrationTime.padFrom(started);
    return answer;
  }
  await writeCentralAudit(
    central,
    { userId: user.id, name: user.name, correlationId: meta.correlationId },
    {
      action: "CREATE",
      entityType: "registration",
      entityId: user.id,
      after: { email: user.email },
      ip: meta.ip,
    },
  );
  const actor: AuditActor = { userId: user.id, name: user.name, correlationId: meta.correlationId };
  try {
    await createOrg(central, actor, {
      name: personalOrgName(user.name),
      slug: await freeSlug(central, slugify(user.name)),
      ownerUserId: user.id,
    });
  } catch (err) {
    // The account stands; the user can create an organization after signing in.
    logger.error({ err, userId: user.id }, "personal organization could not be created at registration");
  }
  await sendVerificationEmail(central, user.id, meta).catch((err: unknown) => {
    logger.warn({ err, userId: user.id }, "verification e-mail not sent at registration");
  });
  registrationTime.record(performance.now() - started);
  return answer;
}

/** A registration for an address that has an account: same work, nothing created, its owner told. */
async function registrationForTakenAddress(
  central: CentralDb,
  userId: string,
  password: string | null,
  meta: RequestMeta,
) {
  if (password !== null) await hashPassword(password);
  await writeCentralAudit(central, anonymous(meta.correlationId), {
    action: "CREATE",
    entityType: "registration",
    entityId: null,
    after: { existingUserId: userId, created: false },
    ip: meta.ip,
  });
  const user = await central.user.findFirst({
    where: { id: userId, deletedAt: null, deactivatedAt: null },
    select: { email: true, name: true },
  });
  if (user && (await hitRateLimit(central, `register-taken:${userId}`, MAILS_PER_HOUR, 3600_000)).allowed) {
    sendMailInBackground(
      accountExistsMail(user.email, user.name, {
        signIn: appUrl("/sign-in"),
        reset: appUrl("/forgot-password"),
      }),
    );
  }
}
