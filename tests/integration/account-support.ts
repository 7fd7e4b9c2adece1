/** Helpers shared by the account integration tests. */
import { TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { resetEnvCache } from "@/env";
import { DomainError } from "@/domain/errors";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import type { AppSession } from "@/server/auth/session";
import { getCentralDb } from "@/server/db/central";
import { startSmtpCapture } from "./smtp-capture";

/** A caller holding exactly this session object (e.g. one taken before a logout). */
export function callerWithSession(session: AppSession, headers?: Headers) {
  return createCaller(createInnerContext({ session, headers }));
}

/** The rejection of a call: tRPC code, message and the fields it names. */
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
    return { code: err.code, message: err.message, fields };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export async function centralAudit(where: { action?: string; entityType?: string; entityId?: string }) {
  return getCentralDb().centralAuditLog.findMany({ where, orderBy: { id: "asc" } });
}

/** Starts a capturing SMTP server and points the app's mail at it (and links at a fixed base URL). */
export async function useSmtpCapture(baseUrl = "http://braid.test:3000") {
  const smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = baseUrl;
  resetEnvCache();
  return smtp;
}

export const meta = (ip: string | null = null) => ({ ip, correlationId: "test-correlation-0001" });
