/**
 * The org's AI assistant settings (owners and admins): org.aiSettings, org.setAiSettings,
 * org.testAiSettings. Spread into the org router so the names stay flat.
 */
import { orgAction } from "@/server/api/trpc";
import { ZAiSettingsInput, ZAiSettingsTest } from "@/contracts/ai-settings";
import { getAiSettings, testAiSettings, updateAiSettings } from "@/server/services/ai-settings";

const settings = () => orgAction("org.manageSettings");

export const orgAiProcedures = {
  /** Provider, model, base URL, budgets; of the key only whether one is stored and its last 4 characters. */
  aiSettings: settings().query(({ ctx }) => getAiSettings(ctx.org)),

  /** Saves them (the key encrypted; empty keeps the stored one); audited without the key. */
  setAiSettings: settings()
    .input(ZAiSettingsInput)
    .mutation(({ ctx, input }) => updateAiSettings(ctx.centralDb, ctx.audit, ctx.org, input)),

  /** One tiny request with the submitted settings; nothing is stored. */
  testAiSettings: settings()
    .input(ZAiSettingsTest)
    .mutation(({ ctx, input }) => testAiSettings(ctx.org, input)),
};
