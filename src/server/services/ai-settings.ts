/**
 * An org's AI assistant settings (admins): provider, model, base URL, API key (encrypted at rest
 * with ENCRYPTION_KEY, AES-256-GCM bound to the org; never returned, logged or audited — the page
 * sees only whether one is stored and its last 4 characters) and daily token budgets. Stored in the
 * org's settings JSON under `ai`; src/server/services/chat/org-model.ts reads them for each turn.
 */
import dns from "node:dns/promises";
import { isIP } from "node:net";
import { env } from "@/env";
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { keyLast4, publicAiConfig, readAiConfig, withAiConfig, type StoredAi } from "@/domain/ai-settings";
import type { TAiSettingsOutput, TAiSettingsView, TAiTestResult } from "@/contracts/ai-settings";
import { encryptSecret } from "@/server/crypto";
import { isPublicAddress } from "@/server/net/outbound";
import { writeCentralAudit } from "./audit";
import { limitsFromEnv } from "./chat/limits";
import { describeModelError, modelRound, modelSettingsFromEnv } from "./chat/model";
import { aiKeyContext, modelSettingsFromOrgConfig } from "./chat/org-model";

type OrgRef = { id: string; settings: unknown };

const fieldError = (field: string, message: string) =>
  new DomainError("INVALID", message, { fieldErrors: { [field]: [message] } });

export function getAiSettings(org: OrgRef): TAiSettingsView {
  const ai = readAiConfig(org.settings);
  const e = env();
  const server = modelSettingsFromEnv();
  const limits = limitsFromEnv();
  return {
    provider: ai?.provider ?? "default",
    model: ai?.model ?? "",
    baseUrl: ai?.baseUrl ?? "",
    hasApiKey: !!ai?.apiKeyEncrypted,
    apiKeyLast4: ai?.apiKeyEncrypted ? ai.apiKeyLast4 : null,
    orgDailyTokens: ai?.orgDailyTokens ?? null,
    userDailyTokens: ai?.userDailyTokens ?? null,
    updatedAt: ai?.updatedAt ?? null,
    server: {
      provider: e.AI_PROVIDER,
      model: server?.model ?? null,
      orgDailyTokens: limits.orgDailyTokens,
      userDailyTokens: limits.userDailyTokens,
    },
    privateBaseUrlsAllowed: e.AI_ALLOW_PRIVATE_BASE_URLS,
  };
}

/**
 * An admin's base URL may not point into the server's own network (SSRF) unless the operator
 * allows it (AI_ALLOW_PRIVATE_BASE_URLS, e.g. for Ollama on the same host). Checked here for a
 * clear message, and again at every connection (a name may resolve differently later).
 */
export async function checkBaseUrl(baseUrl: string): Promise<void> {
  if (env().AI_ALLOW_PRIVATE_BASE_URLS) return;
  const url = new URL(baseUrl);
  if (url.protocol !== "https:")
    throw fieldError(
      "baseUrl",
      "Use an https:// address (plain http is only allowed for local servers, which this server does not allow)",
    );
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const refused = () =>
    fieldError(
      "baseUrl",
      "This address is not on the public internet (private, loopback and link-local addresses are refused on this server)",
    );
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw refused();
    return;
  }
  if (host === "localhost" || host.endsWith(".localhost")) throw refused();
  const found = await dns.lookup(host, { all: true }).catch(() => []);
  if (found.some((a) => !isPublicAddress(a.address))) throw refused();
}

/** The config to store for `input`, given what is stored (an empty key keeps the stored one). */
async function nextConfig(org: OrgRef, before: StoredAi | null, input: TAiSettingsOutput): Promise<StoredAi> {
  if (input.provider === "openai") await checkBaseUrl(input.baseUrl);
  const newKey = input.apiKey;
  let apiKeyEncrypted = input.clearApiKey ? null : (before?.apiKeyEncrypted ?? null);
  let apiKeyLast4 = input.clearApiKey ? null : (before?.apiKeyLast4 ?? null);
  if (newKey) {
    try {
      apiKeyEncrypted = encryptSecret(newKey, aiKeyContext(org.id));
    } catch (err) {
      if (err instanceof DomainError) throw fieldError("apiKey", err.message);
      throw err;
    }
    apiKeyLast4 = keyLast4(newKey);
  }
  return {
    provider: input.provider,
    model: input.provider === "default" ? "" : input.model,
    baseUrl: input.provider === "openai" ? input.baseUrl.replace(/\/+$/, "") : "",
    apiKeyEncrypted,
    apiKeyLast4,
    orgDailyTokens: input.orgDailyTokens,
    userDailyTokens: input.userDailyTokens,
    updatedAt: new Date().toISOString(),
  };
}

/** What the audit log keeps of a config: no key, not even its last characters. */
function auditView(ai: StoredAi | null) {
  if (!ai) return null;
  const { apiKeyLast4: _l, updatedAt: _u, ...rest } = publicAiConfig(ai);
  return rest;
}

export async function updateAiSettings(
  central: CentralDb,
  actor: AuditActor,
  org: { id: string },
  input: TAiSettingsOutput,
): Promise<TAiSettingsView> {
  const settings = await central.$transaction(async (tx) => {
    const row = await tx.organization.findUniqueOrThrow({
      where: { id: org.id },
      select: { settings: true },
    });
    const before = readAiConfig(row.settings);
    const ai = await nextConfig({ id: org.id, settings: row.settings }, before, input);
    const next = withAiConfig(row.settings, ai);
    await tx.organization.update({ where: { id: org.id }, data: { settings: next as object } });
    await writeCentralAudit(tx, actor, {
      action: "UPDATE",
      entityType: "organization_ai",
      entityId: org.id,
      orgId: org.id,
      before: auditView(before),
      after: {
        ...auditView(ai),
        apiKeyChanged: !!input.apiKey || (input.clearApiKey && !!before?.apiKeyEncrypted),
      },
    });
    return next;
  });
  return getAiSettings({ id: org.id, settings });
}

/**
 * "Test connection": one tiny request with the submitted settings (the stored key when the field is
 * empty), nothing stored. The answer is reported, never the key.
 */
export async function testAiSettings(org: OrgRef, input: TAiSettingsOutput): Promise<TAiTestResult> {
  const started = performance.now();
  const done = (ok: boolean, message: string, model: string | null): TAiTestResult => ({
    ok,
    message,
    model,
    ms: Math.round(performance.now() - started),
  });
  const before = readAiConfig(org.settings);
  const ai = await nextConfig(org, before, input);
  const base = modelSettingsFromOrgConfig(org, ai);
  if (!base) return done(false, "No model is configured: the assistant works offline.", null);
  const s = { ...base, maxRetries: 0, maxOutputTokens: 16, timeoutMs: Math.min(base.timeoutMs, 30_000) };
  try {
    const round = modelRound(
      s,
      {
        system: "You are a connection test.",
        messages: [{ role: "user", content: "Reply with OK." }],
        tools: [],
      },
      { stream: false },
    );
    let step = await round.next();
    while (!step.done) step = await round.next();
    return done(true, `Connection works: ${s.model} answered.`, s.model);
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    const http = typeof status === "number" ? ` (HTTP ${status})` : "";
    return done(false, `${describeModelError(err)}${http}`, s.model);
  }
}
