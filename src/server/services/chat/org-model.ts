/**
 * Which model answers an org, and with which budgets: the org's own AI settings (org settings → AI
 * assistant) when it has chosen a provider; otherwise the server's (env); otherwise offline mode.
 *
 * - anthropic: the org's model, with the org's key when it stored one, else the server's key;
 * - openai: the org's base URL, model and key (none for Ollama). The base URL was typed by an admin,
 *   so it is contacted only at public addresses over https unless AI_ALLOW_PRIVATE_BASE_URLS — and
 *   never with the server's own key.
 */
import { env } from "@/env";
import { effectiveBudget, readAiConfig, type StoredAi } from "@/domain/ai-settings";
import { decryptSecret } from "@/server/crypto";
import { logger } from "@/server/logger";
import { limitsFromEnv, type ChatLimits } from "./limits";
import { modelSettingsFromEnv, type ModelSettings } from "./model";

/** The org as the chat services need it (its settings JSON holds `ai`). */
export type OrgAiRef = { id: string; settings: unknown };

/** Associated data of the encrypted key: a ciphertext copied to another org or field does not decrypt. */
export const aiKeyContext = (orgId: string) => `org:${orgId}:ai.apiKey`;

function orgKey(org: OrgAiRef, ai: StoredAi): string | null | "unreadable" {
  if (!ai.apiKeyEncrypted) return null;
  try {
    return decryptSecret(ai.apiKeyEncrypted, aiKeyContext(org.id));
  } catch (err) {
    logger.error({ org: org.id, err: (err as Error).name }, "the org's AI API key could not be decrypted");
    return "unreadable";
  }
}

/** Model settings from an org's stored AI config (null: offline). */
export function modelSettingsFromOrgConfig(org: OrgAiRef, ai: StoredAi): ModelSettings | null {
  if (ai.provider === "default") return modelSettingsFromEnv();
  const e = env();
  const key = orgKey(org, ai);
  if (key === "unreadable") return null;
  const common = { maxOutputTokens: e.CHAT_MAX_OUTPUT_TOKENS, maxToolRounds: e.CHAT_MAX_TOOL_ROUNDS };
  if (ai.provider === "anthropic") {
    const apiKey = key ?? e.ANTHROPIC_API_KEY;
    if (!apiKey) return null;
    return {
      provider: "anthropic",
      apiKey,
      baseURL: e.ANTHROPIC_BASE_URL,
      model: ai.model,
      maxRetries: e.ANTHROPIC_MAX_RETRIES,
      timeoutMs: e.ANTHROPIC_TIMEOUT_MS,
      ...common,
    };
  }
  return {
    provider: "openai",
    apiKey: key ?? "",
    baseURL: ai.baseUrl,
    model: ai.model,
    maxRetries: e.OPENAI_MAX_RETRIES,
    timeoutMs: e.OPENAI_TIMEOUT_MS,
    publicOnly: true,
    ...common,
  };
}

/** The org's settings when it has any, else the server's; null → offline mode. */
export function modelSettingsForOrg(org?: OrgAiRef | null): ModelSettings | null {
  const ai = org ? readAiConfig(org.settings) : null;
  return org && ai ? modelSettingsFromOrgConfig(org, ai) : modelSettingsFromEnv();
}

/**
 * The server's daily budgets with the org's token budgets in place of the server's. An org on the
 * server's key cannot raise them above the server's; one paying for its own model (own key, or its
 * own OpenAI-compatible server) may.
 */
export function limitsForOrg(org?: OrgAiRef | null): ChatLimits {
  const base = limitsFromEnv();
  const ai = org ? readAiConfig(org.settings) : null;
  if (!ai) return base;
  const ownKey = ai.provider === "openai" || (ai.provider === "anthropic" && !!ai.apiKeyEncrypted);
  return {
    ...base,
    orgDailyTokens: effectiveBudget(ai.orgDailyTokens, base.orgDailyTokens, ownKey),
    userDailyTokens: effectiveBudget(ai.userDailyTokens, base.userDailyTokens, ownKey),
  };
}
