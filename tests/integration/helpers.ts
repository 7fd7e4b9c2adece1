/** Callers for integration tests: the system actor, or a signed-in user. */
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getCentralDb } from "@/server/db/central";
import { TRPCError } from "@trpc/server";

export function systemCaller() {
  return createCaller(createInnerContext({ session: null, system: true }));
}

export function anonymousCaller() {
  return createCaller(createInnerContext({ session: null }));
}

export async function sessionFor(email: string) {
  const u = await getCentralDb().user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
  return {
    user: { id: u.id, email: u.email, name: u.name },
    orgSlug: null,
    sessionVersion: u.sessionVersion,
    expires: new Date(Date.now() + 3600_000).toISOString(),
  };
}

export async function callerFor(email: string) {
  return createCaller(createInnerContext({ session: await sessionFor(email) }));
}

export const PASSWORD = "Correct-Horse-1";

/** Creates a user through the same procedure the admin CLI uses. */
export async function makeUser(email: string, name = email.split("@")[0]!) {
  return systemCaller().user.create({ email, name, password: PASSWORD });
}

/** Marks the address as confirmed, as following the e-mailed link would. */
export async function confirmEmail(email: string) {
  await getCentralDb().user.update({ where: { email }, data: { emailVerified: new Date() } });
}

/** The tRPC error code a promise rejects with ("OK" when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}
