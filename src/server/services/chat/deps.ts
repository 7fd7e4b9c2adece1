/**
 * What the chat services take from the outside world: "today" (the calendar
 * date for indicators and daily budgets), the model settings (null → offline
 * mode) and the limits — both for an org, whose own AI settings override the
 * environment (org-model.ts). Defaults come from the clock, the org and the
 * environment; tests and scripts may fix them (e.g. an as-of date for
 * reproducible answers).
 */
import { today } from "@/server/clock";
import type { IsoDate } from "@/domain/types";
import type { ChatLimits } from "./limits";
import type { ModelSettings } from "./model";
import { limitsForOrg, modelSettingsForOrg, type OrgAiRef } from "./org-model";

export type ChatDeps = {
  today: () => IsoDate;
  model: (org?: OrgAiRef | null) => ModelSettings | null;
  limits: (org?: OrgAiRef | null) => ChatLimits;
};

let overrides: Partial<ChatDeps> = {};

export function chatDeps(): ChatDeps {
  return {
    today: overrides.today ?? today,
    model: overrides.model ?? modelSettingsForOrg,
    limits: overrides.limits ?? limitsForOrg,
  };
}

/** Replaces some dependencies (tests, scripts); `configureChat({})` restores the defaults. */
export function configureChat(o: Partial<ChatDeps>): void {
  overrides = { ...o };
}
