import { z } from "zod";
import { DEFAULT_FORECAST_RUNS } from "@/domain/forecast";

/** Server cap on forecast runs: 20,000 runs over a large plan stays within seconds. */
export const MAX_SERVER_FORECAST_RUNS = 20_000;

export const ZForecast = z.object({
  seed: z
    .number()
    .int("Use a whole number")
    .min(0, "Use 0 or more")
    .max(2 ** 32 - 1, "Use at most 4294967295")
    .optional(),
  runs: z
    .number()
    .int("Use a whole number")
    .min(1, "Use at least 1 run")
    .max(MAX_SERVER_FORECAST_RUNS, `Use at most ${MAX_SERVER_FORECAST_RUNS} runs`)
    .default(DEFAULT_FORECAST_RUNS),
});

export const ZBaselineName = z.string().trim().min(1, "Enter a name").max(200, "Use at most 200 characters");

export const ZBaselineRef = z.object({ baselineId: z.uuid({ error: "Not a baseline id" }) });
