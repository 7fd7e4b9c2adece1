/**
 * Per-org AI settings (org.aiSettings / setAiSettings / testAiSettings): admins only; the API key
 * stored encrypted (the raw row holds ciphertext), never returned, logged into the audit log or
 * shown to members; an admin's base URL refused when private unless AI_ALLOW_PRIVATE_BASE_URLS
 * (also at call time: the guard is not only at save); the org's settings override the server's
 * for chat turns, and its daily token budget is enforced. Two fake OpenAI-compatible servers
 * (tests/support/fake-openai.ts): the server's (env) and the org's own.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { configureChat } from "@/server/services/chat/deps";
import { oaReply, startFakeOpenAI, type FakeOpenAI } from "../support/fake-openai";
import { reply, startFakeAnthropic } from "../support/fake-anthropic";
import { failureOf } from "./budget-support";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "aiset";
const OTHER = "aiset-other";
const TODAY = "2025-03-14";
const ENV_KEY = "sk-server-env-key-0000";
const ORG_KEY = "sk-org-own-secret-key-7Q4z";

let envFake: FakeOpenAI;
let orgFake: FakeOpenAI;
let alice: Awaited<ReturnType<typeof callerFor>>; // owner
let adam: Awaited<ReturnType<typeof callerFor>>; // admin
let mia: Awaited<ReturnType<typeof callerFor>>; // member

const rawAi = async (slug = ORG) => {
  const row = await getCentralDb().organization.findUniqueOrThrow({
    where: { slug },
    select: { settings: true },
  });
  return (row.settings as { ai?: Record<string, unknown> } | null)?.ai;
};
const setPrivateAllowed = (on: boolean) => {
  if (on) process.env.AI_ALLOW_PRIVATE_BASE_URLS = "1";
  else delete process.env.AI_ALLOW_PRIVATE_BASE_URLS;
  resetEnvCache();
};
const orgOpenAi = () => ({
  orgSlug: ORG,
  provider: "openai" as const,
  model: "org-model",
  baseUrl: orgFake.url,
  apiKey: ORG_KEY,
});

beforeAll(async () => {
  envFake = await startFakeOpenAI({ apiKey: ENV_KEY });
  orgFake = await startFakeOpenAI({ apiKey: ORG_KEY });
  delete process.env.ANTHROPIC_API_KEY;
  Object.assign(process.env, {
    ENCRYPTION_KEY: randomBytes(32).toString("base64url"),
    AI_PROVIDER: "openai",
    OPENAI_BASE_URL: envFake.url,
    OPENAI_API_KEY: ENV_KEY,
    OPENAI_MODEL: "server-model",
    OPENAI_MAX_RETRIES: "0",
  });
  setPrivateAllowed(false);
  configureChat({ today: () => TODAY });
  await makeUser("alice@aiset.test", "Alice Owner");
  await makeUser("adam@aiset.test", "Adam Admin");
  await makeUser("mia@aiset.test", "Mia Member");
  const sys = systemCaller();
  await sys.org.create({ name: "AI Set", slug: ORG, ownerEmail: "alice@aiset.test" });
  await sys.org.create({ name: "Other", slug: OTHER, ownerEmail: "alice@aiset.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "adam@aiset.test", role: "admin" });
  await sys.org.addMember({ orgSlug: ORG, email: "mia@aiset.test", role: "member" });
  alice = await callerFor("alice@aiset.test");
  adam = await callerFor("adam@aiset.test");
  mia = await callerFor("mia@aiset.test");
});

afterAll(async () => {
  configureChat({});
  for (const k of [
    "AI_PROVIDER",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "OPENAI_MODEL",
    "OPENAI_MAX_RETRIES",
    "AI_ALLOW_PRIVATE_BASE_URLS",
  ])
    delete process.env[k];
  resetEnvCache();
  await envFake.close();
  await orgFake.close();
});

beforeEach(() => {
  envFake.reset();
  orgFake.reset();
  setPrivateAllowed(false);
});

describe("org AI settings", () => {
  it("members may not read or change them (FORBIDDEN); owners and admins may", async () => {
    expect(await codeOf(mia.org.aiSettings({ orgSlug: ORG }))).toBe("FORBIDDEN");
    expect(await codeOf(mia.org.setAiSettings({ orgSlug: ORG, provider: "default" }))).toBe("FORBIDDEN");
    expect(await codeOf(mia.org.testAiSettings({ orgSlug: ORG, provider: "default" }))).toBe("FORBIDDEN");
    expect(await rawAi()).toBeUndefined();
    expect(await adam.org.aiSettings({ orgSlug: ORG })).toMatchObject({
      provider: "default",
      hasApiKey: false,
      server: { provider: "openai", model: "server-model" },
      privateBaseUrlsAllowed: false,
    });
  });

  it("a private base URL is refused without AI_ALLOW_PRIVATE_BASE_URLS (field error, nothing stored)", async () => {
    const f = await failureOf(alice.org.setAiSettings(orgOpenAi()));
    expect(f).toMatchObject({ code: "BAD_REQUEST", fields: { baseUrl: [expect.stringContaining("http")] } });
    const local = await failureOf(
      alice.org.setAiSettings({ ...orgOpenAi(), baseUrl: "https://169.254.169.254/v1" }),
    );
    expect(local).toMatchObject({
      fields: { baseUrl: [expect.stringContaining("not on the public internet")] },
    });
    const named = await failureOf(
      alice.org.setAiSettings({ ...orgOpenAi(), baseUrl: "https://localhost:11434/v1" }),
    );
    expect(named).toMatchObject({
      fields: { baseUrl: [expect.stringContaining("not on the public internet")] },
    });
    const missing = await failureOf(alice.org.setAiSettings({ orgSlug: ORG, provider: "openai", model: "" }));
    expect(missing).toMatchObject({ fields: { model: [expect.any(String)], baseUrl: [expect.any(String)] } });
    expect(await rawAi()).toBeUndefined();
    expect(orgFake.requests).toHaveLength(0);
  });

  it("allowed with the flag: key stored encrypted, never returned; audited without it; the org's model answers", async () => {
    setPrivateAllowed(true);
    const view = await alice.org.setAiSettings({ ...orgOpenAi(), orgDailyTokens: 500_000 });
    expect(view).toMatchObject({
      provider: "openai",
      model: "org-model",
      baseUrl: orgFake.url,
      hasApiKey: true,
      apiKeyLast4: "7Q4z",
      orgDailyTokens: 500_000,
      userDailyTokens: null,
    });
    expect(JSON.stringify(view)).not.toContain(ORG_KEY);
    expect(JSON.stringify(await adam.org.aiSettings({ orgSlug: ORG }))).not.toContain(ORG_KEY);

    // The raw row: ciphertext, not the key; bound to this org (copied to another, it does not decrypt).
    const raw = await rawAi();
    expect(typeof raw!.apiKeyEncrypted).toBe("string");
    expect(raw!.apiKeyEncrypted).not.toBe(ORG_KEY);
    expect(JSON.stringify(raw)).not.toContain(ORG_KEY);
    expect(String(raw!.apiKeyEncrypted)).toMatch(/^v1\./);

    // Members see no trace of it in the org's settings.
    expect(JSON.stringify(await mia.org.get({ orgSlug: ORG }))).not.toContain("apiKey");

    // Audited, without the key or its last characters.
    const audit = await getCentralDb().centralAuditLog.findMany({ where: { entityType: "organization_ai" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ provider: "openai", model: "org-model", apiKeyChanged: true });
    const logged = JSON.stringify(audit.map((a) => [a.before, a.after]));
    expect(logged).not.toContain(ORG_KEY);
    expect(logged).not.toContain("7Q4z");
    expect(logged).not.toContain(String(raw!.apiKeyEncrypted));

    // The org's settings override the server's: its server, model and key answer.
    orgFake.enqueue(
      oaReply.text("Answered by the org's own model.", { usage: { prompt_tokens: 9, completion_tokens: 6 } }),
    );
    const res = await mia.chat.send({ orgSlug: ORG, message: "Hello" });
    expect(res.message).toMatchObject({ status: "complete", content: "Answered by the org's own model." });
    expect(await mia.chat.info({ orgSlug: ORG })).toMatchObject({ mode: "online", model: "org-model" });
    expect(orgFake.requests).toHaveLength(1);
    expect(orgFake.requests[0]!.body.model).toBe("org-model");
    expect(orgFake.requests[0]!.headers.authorization).toBe(`Bearer ${ORG_KEY}`);
    expect(envFake.requests).toHaveLength(0);

    // Another org keeps the server's settings.
    envFake.enqueue(oaReply.text("The server's model."));
    const other = await alice.chat.send({ orgSlug: OTHER, message: "Hello" });
    expect(other.message.content).toBe("The server's model.");
    expect(envFake.requests[0]!.headers.authorization).toBe(`Bearer ${ENV_KEY}`);

    // Test connection: one tiny call with the stored key (the field left empty).
    orgFake.enqueue(oaReply.text("OK"));
    const test = await adam.org.testAiSettings({ ...orgOpenAi(), apiKey: "" });
    expect(test).toMatchObject({ ok: true, model: "org-model" });
    expect(orgFake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${ORG_KEY}`);
    const bad = await adam.org.testAiSettings({ ...orgOpenAi(), apiKey: "sk-wrong-key-000000" });
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringContaining("refused the configured API key"),
    });
  });

  it("the guard also holds at call time: with the flag withdrawn, the stored private URL is not contacted", async () => {
    expect((await rawAi())?.baseUrl).toBe(orgFake.url);
    orgFake.enqueue(oaReply.text("Should not be asked."));
    const res = await mia.chat.send({ orgSlug: ORG, message: "Hello again" });
    expect(res.message.status).toBe("error");
    expect(res.message.content).toMatch(/AI service's address|https/);
    expect(orgFake.requests).toHaveLength(0);
  });

  it("an empty key keeps the stored one; the org's daily token budget refuses once used up", async () => {
    setPrivateAllowed(true);
    const before = (await rawAi())!.apiKeyEncrypted;
    await adam.org.setAiSettings({ ...orgOpenAi(), apiKey: "", userDailyTokens: 40 });
    const after = await rawAi();
    expect(after!.apiKeyEncrypted).toBe(before);
    expect(after!.userDailyTokens).toBe(40);

    orgFake.enqueue(oaReply.text("A long answer.", { usage: { prompt_tokens: 30, completion_tokens: 20 } }));
    const adamMe = await callerFor("adam@aiset.test");
    await adamMe.chat.send({ orgSlug: ORG, message: "Spend my budget" });
    const refused = await failureOf(adamMe.chat.send({ orgSlug: ORG, message: "And again" }));
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(refused!.message).toContain("40");
    expect(orgFake.requests).toHaveLength(1);
    expect(await adamMe.chat.info({ orgSlug: ORG })).toMatchObject({ usage: expect.anything() });
  });

  it("bad budgets are field errors; back to the server's default clears the key", async () => {
    const f = await failureOf(
      alice.org.setAiSettings({ orgSlug: ORG, provider: "default", orgDailyTokens: -5 }),
    );
    expect(f).toMatchObject({ code: "BAD_REQUEST", fields: { orgDailyTokens: [expect.any(String)] } });
    const view = await alice.org.setAiSettings({ orgSlug: ORG, provider: "default", clearApiKey: true });
    expect(view).toMatchObject({ provider: "default", hasApiKey: false, apiKeyLast4: null });
    expect((await rawAi())!.apiKeyEncrypted).toBeNull();
    envFake.enqueue(oaReply.text("Back on the server's model."));
    const res = await mia.chat.send({ orgSlug: ORG, message: "Who answers?" });
    expect(res.message.content).toBe("Back on the server's model.");
  });

  it("Anthropic with the org's own key and model (the operator's Anthropic endpoint); budgets capped on the server's key", async () => {
    const anthropic = await startFakeAnthropic();
    process.env.ANTHROPIC_BASE_URL = anthropic.url;
    resetEnvCache();
    try {
      const ANTHROPIC_KEY = "sk-ant-org-key-000000ZZ";
      await alice.org.setAiSettings({
        orgSlug: ORG,
        provider: "anthropic",
        model: "claude-org",
        apiKey: ANTHROPIC_KEY,
      });
      anthropic.enqueue(reply.text("Claude for this org."));
      const res = await mia.chat.send({ orgSlug: ORG, message: "Which model?" });
      expect(res.message.content).toBe("Claude for this org.");
      expect(anthropic.requests[0]!.body.model).toBe("claude-org");
      expect(JSON.stringify(anthropic.requests[0]!.headers)).toContain(ANTHROPIC_KEY);
      expect(envFake.requests).toHaveLength(0);

      // Without its own key the org runs on the server's (none here: offline), and cannot raise budgets.
      const view = await alice.org.setAiSettings({
        orgSlug: ORG,
        provider: "anthropic",
        model: "claude-org",
        clearApiKey: true,
        orgDailyTokens: 999_999_999,
      });
      expect(view.hasApiKey).toBe(false);
      expect(await mia.chat.info({ orgSlug: ORG })).toMatchObject({ mode: "offline", model: null });
      const usage = await alice.chat.usage({ orgSlug: ORG });
      expect(usage.limits.orgDailyTokens).toBe(2_000_000); // the server's default, not the org's 999,999,999
    } finally {
      delete process.env.ANTHROPIC_BASE_URL;
      resetEnvCache();
      await anthropic.close();
    }
  });
});
