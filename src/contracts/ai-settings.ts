/**
 * An org's AI assistant settings (SPEC §14 "Models"), as an admin submits them: which model answers
 * (the server's default, Anthropic, or an OpenAI-compatible endpoint such as Ollama or vLLM), the
 * org's own API key (kept encrypted; an empty field keeps the stored one) and daily token budgets.
 */
import { z } from "zod";

export const AI_SETTING_PROVIDERS = ["default", "anthropic", "openai"] as const;
export type TAiSettingProvider = (typeof AI_SETTING_PROVIDERS)[number];

/** Up to a billion tokens a day; empty (null) = the server's budget. */
const ZBudget = z
  .number({ error: "Enter a whole number of tokens" })
  .int("Enter a whole number of tokens")
  .min(0, "Use 0 or more (0 turns the assistant off)")
  .max(1_000_000_000, "At most 1,000,000,000 tokens a day")
  .nullable();

export const ZAiSettingsInput = z
  .object({
    provider: z.enum(AI_SETTING_PROVIDERS, { error: "Choose a provider" }),
    model: z.string().trim().max(200, "At most 200 characters").default(""),
    /** OpenAI-compatible only: e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (Ollama). */
    baseUrl: z.string().trim().max(500, "At most 500 characters").default(""),
    /** Empty: keep the stored key. */
    apiKey: z.string().trim().max(500, "At most 500 characters").default(""),
    /** Forget the stored key (an OpenAI-compatible server that needs none, or back to the server's key). */
    clearApiKey: z.boolean().default(false),
    orgDailyTokens: ZBudget.default(null),
    userDailyTokens: ZBudget.default(null),
  })
  .superRefine((v, ctx) => {
    if (v.provider !== "default" && !v.model)
      ctx.addIssue({ code: "custom", path: ["model"], message: "Enter the model name" });
    if (v.provider === "openai") {
      if (!v.baseUrl)
        ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "Enter the API's base URL" });
      else if (!isHttpUrl(v.baseUrl))
        ctx.addIssue({
          code: "custom",
          path: ["baseUrl"],
          message: "Use an http(s):// URL such as https://api.example.com/v1",
        });
    }
    if (v.apiKey && /\s/.test(v.apiKey))
      ctx.addIssue({ code: "custom", path: ["apiKey"], message: "An API key has no spaces" });
  });
export type TAiSettingsInput = z.input<typeof ZAiSettingsInput>;
export type TAiSettingsOutput = z.output<typeof ZAiSettingsInput>;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** "Test connection": the submitted values (a key left empty uses the stored one). */
export const ZAiSettingsTest = ZAiSettingsInput;

/** What the settings page shows: never the key, only whether one is stored and its last 4 characters. */
export type TAiSettingsView = {
  provider: TAiSettingProvider;
  model: string;
  baseUrl: string;
  hasApiKey: boolean;
  apiKeyLast4: string | null;
  orgDailyTokens: number | null;
  userDailyTokens: number | null;
  updatedAt: string | null;
  /** What answers when the org uses the server's default. */
  server: {
    provider: "anthropic" | "openai";
    model: string | null;
    orgDailyTokens: number;
    userDailyTokens: number;
  };
  /** Whether the operator lets org base URLs reach private addresses (AI_ALLOW_PRIVATE_BASE_URLS). */
  privateBaseUrlsAllowed: boolean;
};

export type TAiTestResult = { ok: boolean; message: string; model: string | null; ms: number };
