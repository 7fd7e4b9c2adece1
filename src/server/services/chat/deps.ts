/**
 * What the chat services take from the outside world: "today" (the calendar
 * date for indicators and daily budgets), the model settings (null → offline
 * mode) and the limits. Defaults come from the clock and the environment;
 * tests and scripts may fix them (e.g. an as-of date for reproducible answers).
 */
import { today } from "@/server/clock";
import type { IsoDate } from "@/domain/types";
import { limitsFromEnv, type ChatLimits } from "./limits";
import { modelSettingsFromEnv, type ModelSettings } from "./model";

export type ChatDeps = {
  today: () => IsoDate;
  model: () => ModelSettings | null;
  limits: () => ChatLimits;
};

let overrides: Partial<ChatDeps> = {};

export function chatDeps(): ChatDeps {
  return {
    today: overrides.today ?? today,
    model: overrides.model ?? modelSettingsFromEnv,
    limits: overrides.limits ?? limitsFromEnv,
  };
}

/** Replaces some dependencies (tests, scripts); `configureChat({})` restores the defaults. */
export function configureChat(o: Partial<ChatDeps>): void {
  overrides = { ...o };
}
