import { describe, expect, it } from "vitest";
import { itemRecord } from "@/domain/testing/items";
import { byPlacement, placementOf, rangeOf, type TimelineItem } from "./scale";
import { escapeXml, timelineSvg } from "./timeline-svg";

const item = (n: number, over: Partial<TimelineItem>): TimelineItem =>
  itemRecord({ itemNum: n, indicator: "In Progress", ...over });

function rowsOf(items: TimelineItem[]) {
  return items.map((i) => ({ kind: "item" as const, item: i, placement: placementOf(i)! })).sort(byPlacement);
}

describe("timelineSvg", () => {
  const items = [
    item(1, {
      start: "2026-03-02",
      finish: "2026-03-20",
      percentComplete: 50,
      title: 'Build <the> "bridge" & road',
    }),
    item(2, { start: "2026-03-23", finish: "2026-04-03", dependsOn: [1], indicator: "Late Finish!!" }),
    item(3, { deadline: "2026-04-10", title: "Go-live" }),
  ];
  const rows = rowsOf(items);
  const range = rangeOf(["2026-03-02", "2026-04-10"], "2026-03-16");

  it("draws a labelled bar or milestone per item, the arrows and today, with text escaped", () => {
    const { svg, width, height } = timelineSvg({ rows, range, today: "2026-03-16", title: "P — timeline" });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`width="${width}" height="${height}"`);
    expect(svg).toContain("Build &lt;the&gt; &quot;bridge&quot; &amp; road");
    expect(svg).not.toContain("<the>");
    expect(svg).toContain(">Today<");
    expect(svg.match(/rx="3" fill="#[0-9a-f]+" fill-opacity/g)).toHaveLength(2);
    expect(svg).toContain("Go-live");
    expect(svg.match(/marker-end="url\(#arrow\)"/g)).toHaveLength(1);
    expect(svg).toContain("#dc2626"); // Late Finish!! is critical: red
    const noArrows = timelineSvg({ rows, range, today: "2026-03-16", title: "P", showArrows: false });
    expect(noArrows.svg).not.toContain('marker-end="url(#arrow)"');
  });

  it("draws groups as bands and escapes control characters away", () => {
    const grouped = [{ kind: "group" as const, label: "Build", count: 3 }, ...rows];
    const { svg } = timelineSvg({ rows: grouped, range, today: "2026-03-16", title: "x\u0007y" });
    expect(svg).toContain("Build (3)");
    expect(svg).toContain("<title>xy</title>");
    expect(escapeXml("a'b")).toBe("a&apos;b");
  });
});
