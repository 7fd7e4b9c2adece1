/**
 * Honest exit codes. Every program that starts the embedded PostgreSQL must
 * keep its real exit status (the package's own exit hook once turned every
 * failing `vitest run` into exit 0), and must not leave PostgreSQL running
 * when it ends — normally, on a signal, or by crashing.
 *
 * Each case runs a real child process: vitest over tests/fixtures/exit-status,
 * the admin CLI in embedded mode, and a script that crashes after starting
 * PostgreSQL.
 */
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/server/db/embedded";

const root = path.resolve(import.meta.dirname, "../..");
const VITEST = path.join(root, "node_modules/vitest/vitest.mjs");
const TSX = path.join(root, "node_modules/tsx/dist/cli.mjs");

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
});

/** A directory the embedded PostgreSQL (initdb runs as another user under root) can use. */
async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-exit-"));
  await chmod(dir, 0o777);
  scratch.push(dir);
  return dir;
}

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { killAfterOutput?: { text: string; signal: NodeJS.Signals } } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (opts.killAfterOutput && stdout.includes(opts.killAfterOutput.text))
        child.kill(opts.killAfterOutput.signal);
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** PIDs of running processes whose command line mentions `needle` (e.g. a data directory). */
async function processesMentioning(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // A zombie (state Z) has already ended.
    if (cmdline.includes(needle) && !/^\d+ \(.*\) Z/.test(stat)) pids.push(Number(entry));
  }
  return pids;
}

/** Waits until no process mentions `needle` (PostgreSQL's fast shutdown takes a moment). */
async function expectNoProcessesMentioning(needle: string): Promise<void> {
  await expect.poll(() => processesMentioning(needle), { timeout: 15_000, interval: 200 }).toEqual([]);
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // The child must start its own PostgreSQL, not use this run's.
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, CI: "true" };
  for (const key of [
    "DATABASE_URL",
    "ORG_DATABASE_PREFIX",
    "TENANT_TEMPLATE_DATABASE",
    "VITEST",
    "VITEST_POOL_ID",
    "VITEST_WORKER_ID",
    "NODE_OPTIONS",
  ])
    delete env[key];
  return env;
}

async function vitestChild(exitCase: string): Promise<Run & { tmp: string }> {
  const tmp = await scratchDir();
  const r = await run(
    [VITEST, "run", "--config", "tests/fixtures/exit-status/vitest.config.ts"],
    childEnv({ EXIT_CASE: exitCase, TMPDIR: tmp }),
  );
  return { ...r, tmp };
}

describe("vitest keeps its exit status while the embedded PostgreSQL runs", { timeout: 180_000 }, () => {
  it("exits 0 when every test passes (so the failing cases below are meaningful)", async () => {
    const r = await vitestChild("passes");
    expect(r.stdout + r.stderr).toMatch(/2 passed/);
    expect(r.code).toBe(0);
    await expectNoProcessesMentioning(r.tmp);
  });

  it("exits non-zero when an integration test fails", async () => {
    const r = await vitestChild("fails");
    expect(r.stdout + r.stderr).toMatch(/fails with the embedded PostgreSQL up/);
    expect(r.code).not.toBe(0);
    // Teardown ran: no PostgreSQL left on the child's data directory.
    await expectNoProcessesMentioning(r.tmp);
  });

  it("exits non-zero when a unit test fails in a run that started PostgreSQL", async () => {
    const r = await vitestChild("{fails,passes}");
    expect(r.stdout + r.stderr).toMatch(/a plain unit test that fails/);
    expect(r.code).not.toBe(0);
  });

  it("exits non-zero when a test file cannot be loaded", async () => {
    const r = await vitestChild("{cannot-load,passes}");
    expect(r.stdout + r.stderr).toMatch(/no-such-module/);
    expect(r.code).not.toBe(0);
  });
});

describe("programs that start the embedded PostgreSQL", { timeout: 180_000 }, () => {
  it("the admin CLI in embedded mode exits non-zero on a failing command and stops its PostgreSQL", async () => {
    const data = await scratchDir();
    const r = await run(
      [TSX, "scripts/admin.ts", "call", "project.get", "--org", "nope", "--as", "nobody@example.test"],
      childEnv({ BRAIDMGR_DATA_DIR: data, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: "silent" }),
    );
    expect(r.code).not.toBe(0);
    const out = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(out.error.code).toMatch(/NOT_FOUND|UNAUTHORIZED|BAD_REQUEST/);
    await expectNoProcessesMentioning(data);
  });

  it("a crash after starting PostgreSQL exits 1 and leaves no PostgreSQL running", async () => {
    const data = path.join(await scratchDir(), "pg");
    const r = await run(
      [TSX, "tests/fixtures/exit-status/crash.ts"],
      childEnv({ CRASH_DATA_DIR: data, CRASH_MODE: "throw" }),
    );
    expect(r.stdout).toContain("started");
    expect(r.stderr).toContain("crash after start");
    expect(r.code).toBe(1);
    await expectNoProcessesMentioning(data);
  });

  it("SIGTERM to a program without its own handler stops PostgreSQL and exits 143", async () => {
    const data = path.join(await scratchDir(), "pg");
    const r = await run(
      [TSX, "tests/fixtures/exit-status/crash.ts"],
      childEnv({ CRASH_DATA_DIR: data, CRASH_MODE: "signal" }),
      {
        killAfterOutput: { text: "started", signal: "SIGTERM" },
      },
    );
    expect(r.stdout).toContain("started");
    expect(r.code ?? (r.signal === "SIGTERM" ? 143 : null)).toBe(143);
    await expectNoProcessesMentioning(data);
  });
});
