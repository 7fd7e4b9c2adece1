/**
 * Errors the domain and services raise. Only the API layer turns them into
 * transport errors (TRPCError); services never import tRPC.
 */
export type DomainErrorCode =
  "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "TOO_MANY_REQUESTS" | "UNAUTHORIZED";

export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** Extra data safe to show the caller (e.g. the current item on CONFLICT). */
  readonly details?: unknown;

  constructor(
    code: DomainErrorCode,
    message: string,
    opts: { fieldErrors?: FieldErrors; details?: unknown } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.details = opts.details;
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const invalid = (message: string, fieldErrors?: FieldErrors) =>
  new DomainError("INVALID", message, { fieldErrors });
