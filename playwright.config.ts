/**
 * End-to-end tests: `npm run test:e2e` (or `npx playwright test`).
 *
 * Starts the real app with `npm start` (embedded PostgreSQL, migrations, demo
 * seed, production build) on its own port, its own PostgreSQL port and its
 * own data directory, so it never touches the data of a running dev server.
 * The demo login is read from <data dir>/demo-login.json once the server is up
 * (see tests/e2e/helpers.ts). Browser: the system Chromium (/usr/bin/chromium);
 * never `playwright install`.
 */
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3210);
const PG_PORT = Number(process.env.E2E_PG_PORT || 54349);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR || path.join(os.tmpdir(), "braidmgr-e2e");
const BASE_URL = `http://localhost:${PORT}`;

// Workers read these (helpers.ts), so they are set for every process.
process.env.E2E_DATA_DIR = E2E_DATA_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    // What .ci/run summarises (one line per suite).
    ["json", { outputFile: "test-results/playwright.json" }],
  ],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 45_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { browserName: "chromium", viewport: { width: 1440, height: 900 } } },
    {
      name: "phone",
      use: { browserName: "chromium", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    command: "npm start",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    // The first start builds the app and provisions the databases.
    timeout: 900_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(PORT),
      NEXTAUTH_URL: BASE_URL,
      EMBEDDED_PG_PORT: String(PG_PORT),
      BRAIDMGR_DATA_DIR: E2E_DATA_DIR,
      // As behind a reverse proxy on this machine: the specs' X-Forwarded-For (a fresh address per
      // test, tests/e2e/support/e2e.ts) is believed, so per-IP limits never pile up on 127.0.0.1.
      TRUSTED_PROXIES: "loopback",
      // The webhook spec's receiver listens on loopback over plain http.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    },
  },
});
