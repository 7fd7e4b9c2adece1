import { createSerializer } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { loadTimelineParams, timelineParsers, timelineUrlKeys } from "./timeline-params";

const serialize = createSerializer(timelineParsers, { urlKeys: timelineUrlKeys });
const ID = "0b6f6c1e-8f1a-4c53-9d5e-2a7c3c1d9e10";
const DEFAULTS = {
  zoom: "week",
  group: "none",
  hideDone: false,
  showArrows: true,
  showCritical: false,
  compare: null,
};

describe("timeline URL parsers", () => {
  it("reads nothing as the defaults, and writes the defaults as nothing", () => {
    expect(loadTimelineParams("")).toEqual(DEFAULTS);
    expect(serialize("/t", DEFAULTS as Parameters<typeof serialize>[1])).toBe("/t");
  });

  it("round-trips every overlay and option in the URL format links use", () => {
    const view = {
      zoom: "month",
      group: "workstream",
      hideDone: true,
      showArrows: false,
      showCritical: true,
      compare: ID,
    } as const;
    const href = serialize("/t", view);
    expect(href).toBe(`/t?zoom=month&group=workstream&done=hide&deps=off&cp=1&compare=${ID}`);
    expect(loadTimelineParams(href.split("?")[1]!)).toEqual(view);
  });

  it("drops junk: unknown zoom or grouping, other tokens, a compare that is not a baseline id", () => {
    expect(
      loadTimelineParams({ zoom: "year", group: "owner", done: "1", deps: "no", cp: "yes", compare: "../x" }),
    ).toEqual(DEFAULTS);
  });
});
