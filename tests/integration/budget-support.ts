/** Helpers shared by the budget integration tests. */
import { TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { DomainError } from "@/domain/errors";
import { getCentralDb } from "@/server/db/central";
import { getTenantDb } from "@/server/db/tenant";

/** The rejection of a call: tRPC code, message and the fields it names (zod or domain field errors). */
export async function failureOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const cause = err.cause;
    const fields =
      cause instanceof ZodError
        ? (z.flattenError(cause).fieldErrors as Record<string, string[]>)
        : cause instanceof DomainError
          ? (cause.fieldErrors ?? {})
          : {};
    return {
      code: err.code,
      message: err.message,
      fields,
      details:
        cause instanceof DomainError ? (cause.details as Record<string, unknown> | undefined) : undefined,
    };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export async function tenantDb(orgSlug: string) {
  const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  return getTenantDb(org);
}

export async function userId(email: string) {
  return (await getCentralDb().user.findUniqueOrThrow({ where: { email } })).id;
}
