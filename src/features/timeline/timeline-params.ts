/**
 * The timeline's view state in the URL (nuqs parsers, shared with the server
 * page, which prefetches a compared baseline):
 *   ?zoom=month&group=workstream&done=hide&deps=off&cp=1&compare=<baseline id>
 * Defaults (week, no grouping, completed shown, arrows on, no overlays) stay
 * out of the URL; junk reads as the default.
 */
import { createLoader, createParser, parseAsStringLiteral } from "nuqs/server";
import { parseAsToken } from "@/lib/url-parsers";
import { ZOOMS } from "./scale";
import { baselineIdOf } from "./schedule";

export const timelineParsers = {
  zoom: parseAsStringLiteral(ZOOMS).withDefault("week"),
  group: parseAsStringLiteral(["none", "workstream", "type"] as const).withDefault("none"),
  hideDone: parseAsToken("hide"),
  showArrows: parseAsToken("off", false),
  /** The critical-path overlay. */
  showCritical: parseAsToken("1"),
  /** The baseline compared with (ghost bars and the compare panel). */
  compare: createParser<string>({ parse: baselineIdOf, serialize: String }),
};

export const timelineUrlKeys = { hideDone: "done", showArrows: "deps", showCritical: "cp" } as const;

export const loadTimelineParams = createLoader(timelineParsers, { urlKeys: timelineUrlKeys });
