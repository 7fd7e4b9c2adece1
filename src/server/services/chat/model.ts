/**
 * Which model answers, and one round with it through the provider interface (provider.ts):
 * Anthropic by default (`AI_PROVIDER=anthropic`, `ANTHROPIC_*`), or any OpenAI-compatible
 * chat-completions endpoint (`AI_PROVIDER=openai`, `OPENAI_*`: OpenAI itself, Ollama, vLLM…).
 * An org's own settings (org-model.ts) take precedence over these; without either, offline mode.
 */
import { env } from "@/env";
import { anthropicProvider } from "./provider-anthropic";
import { openaiProvider } from "./provider-openai";
import type { ChatProvider, RoundOptions, RoundParams, RoundResult } from "./provider";

export const AI_PROVIDERS = ["anthropic", "openai"] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

export type ModelSettings = {
  /** Default: anthropic. */
  provider?: AiProvider;
  /** May be empty for an OpenAI-compatible server that needs none (Ollama). */
  apiKey: string;
  baseURL?: string;
  model: string;
  maxRetries: number;
  timeoutMs: number;
  maxOutputTokens: number;
  maxToolRounds: number;
  /**
   * The base URL was typed by an org admin: only public addresses over https are contacted
   * (unless AI_ALLOW_PRIVATE_BASE_URLS). Operator-set URLs (env) are trusted.
   */
  publicOnly?: boolean;
};

export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

/** Null when no model is configured: the assistant then runs in offline mode. */
export function modelSettingsFromEnv(): ModelSettings | null {
  const e = env();
  const common = { maxOutputTokens: e.CHAT_MAX_OUTPUT_TOKENS, maxToolRounds: e.CHAT_MAX_TOOL_ROUNDS };
  if (e.AI_PROVIDER === "openai") {
    if (!e.OPENAI_MODEL || (!e.OPENAI_BASE_URL && !e.OPENAI_API_KEY)) return null;
    return {
      provider: "openai",
      apiKey: e.OPENAI_API_KEY ?? "",
      baseURL: e.OPENAI_BASE_URL ?? DEFAULT_OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      maxRetries: e.OPENAI_MAX_RETRIES,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      ...common,
    };
  }
  if (!e.ANTHROPIC_API_KEY) return null;
  return {
    provider: "anthropic",
    apiKey: e.ANTHROPIC_API_KEY,
    baseURL: e.ANTHROPIC_BASE_URL,
    model: e.ANTHROPIC_MODEL,
    maxRetries: e.ANTHROPIC_MAX_RETRIES,
    timeoutMs: e.ANTHROPIC_TIMEOUT_MS,
    ...common,
  };
}

export function providerFor(s: ModelSettings): ChatProvider {
  return s.provider === "openai" ? openaiProvider : anthropicProvider;
}

/**
 * One request to the model. Yields text as it arrives (streaming) or all at
 * once (non-streaming) and returns the round's content, stop reason and usage.
 */
export function modelRound(
  s: ModelSettings,
  p: RoundParams,
  opts: RoundOptions,
): AsyncGenerator<string, RoundResult> {
  return providerFor(s).round(s, p, opts);
}

export { describeModelError, isAbort, StreamBrokenError } from "./provider";
export type { AssistantBlock, ChatTool, ChatTurnMessage, RoundParams, RoundResult } from "./provider";
