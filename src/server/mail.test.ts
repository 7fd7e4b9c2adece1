import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { appUrl, outboxDir, sendMail } from "./mail";
import { passwordResetMail } from "./mail-templates";

let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "braid-outbox-"));
  Object.assign(process.env, {
    DATABASE_URL: "postgresql://u:p@127.0.0.1:1/none",
    NEXTAUTH_SECRET: "x".repeat(40),
    NEXTAUTH_URL: "https://braid.example.com",
    BRAIDMGR_DATA_DIR: dir,
    LOG_LEVEL: "silent",
  });
  delete process.env.SMTP_URL;
  resetEnvCache();
});
afterAll(async () => {
  process.env = saved;
  resetEnvCache();
  await rm(dir, { recursive: true, force: true });
});

describe("mail without SMTP_URL (dev outbox)", () => {
  it("writes the message as .eml and .txt under <data dir>/outbox", async () => {
    const link = appUrl("/reset-password?token=abc123");
    expect(link).toBe("https://braid.example.com/reset-password?token=abc123");
    await sendMail(passwordResetMail("pat@example.com", "Pat <script>", link));
    expect(outboxDir()).toBe(path.join(dir, "outbox"));
    const files = (await readdir(outboxDir())).sort();
    expect(files.map((f) => path.extname(f))).toEqual([".eml", ".txt"]);
    const eml = await readFile(path.join(outboxDir(), files[0]!), "utf8");
    const txt = await readFile(path.join(outboxDir(), files[1]!), "utf8");
    expect(eml).toMatch(/^Subject: Reset your braidMgr password$/m);
    expect(eml).toContain("To: pat@example.com");
    expect(txt).toContain(link);
    // The HTML part escapes what users typed.
    expect(eml).toContain("Pat &lt;script&gt;");
    expect(eml).not.toMatch(/<p[^>]*>Hi Pat <script>/);
  });
});
