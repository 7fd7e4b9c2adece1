/**
 * Runs before every page request (not /api, static files or prefetches): a
 * fresh CSP nonce and the security headers, from the settings of the running
 * server (see src/server/http/security-headers.ts). The nonce reaches
 * Next.js through the request's Content-Security-Policy header (it tags its
 * own scripts with it) and our layout through `x-nonce`.
 *
 * /api is left out on purpose: a proxy makes Next.js buffer request bodies,
 * and the API routes refuse oversized bodies before reading them
 * (src/server/http/guard.ts). API responses get a static deny-all CSP from
 * next.config.mjs instead.
 */
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, securityHeaders } from "@/server/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders(
    {
      NODE_ENV: process.env.NODE_ENV,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL,
      S3_ENDPOINT: process.env.S3_ENDPOINT,
    },
    nonce,
  );
  const csp = headers.find((h) => h.key === "Content-Security-Policy")!.value;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const h of headers) response.headers.set(h.key, h.value);
  return response;
}

export const config = {
  matcher: [
    {
      source:
        "/((?!api/|_next/static|_next/image|icons/|icon.svg|sw.js|readme/|manifest.webmanifest|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
