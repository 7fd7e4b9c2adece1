/**
 * Security headers for pages, computed per request by src/proxy.ts from the
 * settings the server runs with (not those it was built with): a
 * Content-Security-Policy whose scripts need this response's nonce, and HSTS
 * when the public URL (NEXTAUTH_URL) is https.
 *
 * Scripts: 'nonce-…' plus 'strict-dynamic' (what a nonce-bearing script loads
 * may run; 'self' and host lists are ignored by browsers that know
 * 'strict-dynamic'), no 'unsafe-inline'. Next.js puts the nonce on its own
 * scripts when it finds it in the request's CSP header. Styles keep
 * 'unsafe-inline' (React style attributes). 'unsafe-eval' only in development.
 */

export type HeaderEnv = { NODE_ENV?: string; NEXTAUTH_URL?: string; S3_ENDPOINT?: string };
export type Header = { key: string; value: string };

/** Headers that do not depend on the request or the settings (also set by next.config.mjs on every path). */
export const STATIC_SECURITY_HEADERS: readonly Header[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export const HSTS = "max-age=63072000; includeSubDomains";

/** 16 random bytes, base64: unpredictable and fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

function isHttps(env: HeaderEnv): boolean {
  return (env.NEXTAUTH_URL ?? "").startsWith("https://");
}

/** The attachment store's origin (browsers PUT and GET there with presigned URLs). */
function storeOrigins(env: HeaderEnv): string {
  const store = ["https://*.amazonaws.com"];
  try {
    if (env.S3_ENDPOINT) store.unshift(new URL(env.S3_ENDPOINT).origin);
  } catch {
    // an invalid S3_ENDPOINT is reported by the env check at start
  }
  return [...new Set(store)].join(" ");
}

export function contentSecurityPolicy(env: HeaderEnv, nonce: string): string {
  const dev = env.NODE_ENV === "development";
  const s3 = storeOrigins(env);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https: ${s3}`,
    "font-src 'self' data:",
    `connect-src 'self' ${s3}${dev ? " ws: wss:" : ""}`,
    `media-src 'self' blob: ${s3}`,
    `frame-src 'self' ${s3}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps(env) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Every security header of a page response. */
export function securityHeaders(env: HeaderEnv, nonce: string): Header[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(env, nonce) },
    ...STATIC_SECURITY_HEADERS,
    ...(isHttps(env) ? [{ key: "Strict-Transport-Security", value: HSTS }] : []),
  ];
}
