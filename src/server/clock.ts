/** "Today" for indicators: the calendar date in the configured time zone. */
import { env } from "@/env";
import { todayIn } from "@/domain/dates";
import type { IsoDate } from "@/domain/types";

export function today(): IsoDate {
  return todayIn(env().APP_TIME_ZONE);
}
