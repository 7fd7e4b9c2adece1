/**
 * An org's AI settings as stored in the org's settings JSON under `ai` (central database, beside
 * `sso`). The API key is stored encrypted (src/server/crypto.ts, bound to the org and the field);
 * only its last 4 characters are kept in clear, for the settings page.
 */
import { z } from "zod";
import { AI_SETTING_PROVIDERS } from "@/contracts/ai-settings";

export const ZStoredAi = z.object({
  provider: z.enum(AI_SETTING_PROVIDERS),
  model: z.string(),
  baseUrl: z.string(),
  apiKeyEncrypted: z.string().nullable(),
  apiKeyLast4: z.string().nullable(),
  orgDailyTokens: z.number().int().nullable(),
  userDailyTokens: z.number().int().nullable(),
  updatedAt: z.string().optional(),
});
export type StoredAi = z.infer<typeof ZStoredAi>;

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function readAiConfig(settings: unknown): StoredAi | null {
  const parsed = ZStoredAi.safeParse(asRecord(settings).ai);
  return parsed.success ? parsed.data : null;
}

/** Settings with a new AI config merged in (other keys untouched). */
export function withAiConfig(settings: unknown, ai: StoredAi): Record<string, unknown> {
  return { ...asRecord(settings), ai };
}

/** The stored config without the encrypted key (for the page and the audit log). */
export function publicAiConfig(ai: StoredAi) {
  const { apiKeyEncrypted, ...rest } = ai;
  return { ...rest, hasApiKey: !!apiKeyEncrypted };
}

/** The last 4 characters of a key, for recognising it (none for keys too short to spare them). */
export function keyLast4(key: string): string | null {
  return key.length >= 12 ? key.slice(-4) : null;
}

/** Budgets: the org's own when set; with the server's key, never above the server's. */
export function effectiveBudget(org: number | null, server: number, ownKey: boolean): number {
  if (org === null) return server;
  return ownKey ? org : Math.min(org, server);
}
