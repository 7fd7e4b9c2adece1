/**
 * Reading the error shape the server sends (see the error formatter in
 * src/server/api/trpc.ts): `data.code`, `data.fieldErrors`, `data.formErrors`,
 * `data.details`, `data.correlationId`.
 */
export type FieldErrors = Record<string, string[] | undefined>;

export type ErrorInfo = {
  code: string | null;
  message: string;
  fieldErrors: FieldErrors;
  formErrors: string[];
  details: Record<string, unknown> | null;
  correlationId: string | null;
};

type ErrorData = {
  code?: string;
  fieldErrors?: FieldErrors | null;
  formErrors?: string[] | null;
  details?: Record<string, unknown> | null;
  correlationId?: string | null;
};

const GENERIC = "Something went wrong. Please try again.";

export function errorInfo(err: unknown): ErrorInfo {
  const e = err as { message?: unknown; data?: ErrorData | null } | null | undefined;
  const data = e?.data ?? null;
  const code = data?.code ?? null;
  let message = typeof e?.message === "string" && e.message ? e.message : GENERIC;
  if (!data && /fetch|network/i.test(message))
    message = "Can't reach the server. Check your connection and try again.";
  if (code === "UNAUTHORIZED") message = "Your session has ended. Please sign in again.";
  // Field problems are shown next to the fields; keep the summary short.
  if (code === "BAD_REQUEST" && data?.fieldErrors && Object.keys(data.fieldErrors).length) {
    message = "Please correct the highlighted fields.";
  }
  return {
    code,
    message,
    fieldErrors: data?.fieldErrors ?? {},
    formErrors: data?.formErrors ?? [],
    details: data?.details ?? null,
    correlationId: data?.correlationId ?? null,
  };
}

/** First message for a field, if any. */
export function firstError(errors: FieldErrors, field: string): string | undefined {
  return errors[field]?.[0];
}
