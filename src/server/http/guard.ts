/**
 * Checks every body-reading or state-changing HTTP route makes before doing
 * any work: where the request comes from (Origin / Sec-Fetch-Site), what it
 * sends (JSON only) and how much (Content-Length first, then a byte count
 * while the body streams in, so a chunked upload cannot slip past the limit).
 *
 * Server-side callers — admin scripts, tests, server components — use
 * createCaller and never pass through here; requests without Origin and
 * Sec-Fetch-Site (curl, other servers) are not cross-site posts and pass.
 */
import { env } from "@/env";

export type Refusal = {
  status: 400 | 403 | 413 | 415 | 503;
  code: "BAD_REQUEST" | "FORBIDDEN" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "SERVICE_UNAVAILABLE";
  message: string;
};

/** The largest body /api/trpc reads for ordinary calls. */
export const MAX_TRPC_BODY_BYTES = 5 * 1024 * 1024;
/**
 * The largest body /api/trpc reads for a signed-in caller's file import sent
 * alone (src/lib/file-procedures.ts): a file of IMPORT_LIMITS.fileChars
 * (40 million) characters of mostly ASCII text, JSON-encoded.
 */
export const MAX_FILE_BODY_BYTES = 48 * 1024 * 1024;
/** Sign-in forms and callbacks (/api/auth/*). */
export const MAX_AUTH_BODY_BYTES = 64 * 1024;

const mb = (n: number) =>
  n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;

/** Origins allowed to post: the public URL's origin (NEXTAUTH_URL), else the URL the request was made to. */
export function allowedOrigins(req: Request): string[] {
  const configured = env().NEXTAUTH_URL;
  try {
    return [new URL(configured ?? req.url).origin];
  } catch {
    return [];
  }
}

/**
 * Refuses a browser request made from another site: an Origin that is not
 * ours, or Sec-Fetch-Site saying cross-site / same-site (a sibling
 * subdomain is another site for us). Requests without either header pass.
 */
export function crossSiteRefusal(req: Request, origins: string[] = allowedOrigins(req)): Refusal | null {
  const site = req.headers.get("sec-fetch-site")?.toLowerCase();
  if (site === "cross-site" || site === "same-site") {
    return { status: 403, code: "FORBIDDEN", message: "Cross-site requests are not accepted" };
  }
  const origin = req.headers.get("origin");
  if (origin !== null && !origins.includes(origin)) {
    return { status: 403, code: "FORBIDDEN", message: "Cross-site requests are not accepted" };
  }
  return null;
}

/** Only `application/json` bodies (forms and multipart uploads are what a cross-site page can send). */
export function jsonOnlyRefusal(req: Request): Refusal | null {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return null;
  return {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: type ? `Send application/json, not ${type.slice(0, 60)}` : "Send the body as application/json",
  };
}

export type LimitedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; refusal: Refusal };

/**
 * Reads the whole body, refusing (413) by Content-Length before reading a
 * byte, and again as soon as the bytes received pass `limit` (chunked bodies
 * have no length up front); the rest is not read.
 */
export async function readBodyWithin(req: Request, limit: number): Promise<LimitedBody> {
  const tooLarge = (): LimitedBody => ({
    ok: false,
    refusal: {
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      message: `The request body is larger than ${mb(limit)}`,
    },
  });
  const declared = req.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared.trim())) {
      return { ok: false, refusal: { status: 400, code: "BAD_REQUEST", message: "Invalid Content-Length" } };
    }
    if (Number(declared) > limit) return tooLarge();
  }
  if (!req.body) return { ok: true, bytes: new Uint8Array(new ArrayBuffer(0)) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

/** A copy of `req` whose body is `bytes` (already read and checked). */
export function withBody(req: Request, bytes: Uint8Array<ArrayBuffer>): Request {
  const headers = new Headers(req.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(bytes.byteLength));
  return new Request(req.url, { method: req.method, headers, body: bytes, signal: req.signal });
}

/** The checks for a route that reads a JSON body: same site, JSON, within `limit`. */
export async function guardJsonPost(
  req: Request,
  limit: number,
): Promise<{ ok: true; req: Request } | { ok: false; refusal: Refusal }> {
  const refusal = crossSiteRefusal(req) ?? jsonOnlyRefusal(req);
  if (refusal) return { ok: false, refusal };
  const body = await readBodyWithin(req, limit);
  if (!body.ok) return body;
  return { ok: true, req: withBody(req, body.bytes) };
}
