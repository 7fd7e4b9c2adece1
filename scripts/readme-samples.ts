/**
 * Rebuilds the export samples linked from the README (public/readme/): the
 * Excel workbook and PDF status report of the demo project, and its timeline
 * as SVG and PNG (the PNG rendered by Chromium, like the browser's "Download
 * PNG"). Run: `npx tsx scripts/readme-samples.ts [YYYY-MM-DD]`.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildPdf } from "../src/server/export/pdf";
import { buildXlsx } from "../src/server/export/xlsx";
import {
  byPlacement,
  placementOf,
  rangeOf,
  placementEnd,
  placementStart,
} from "../src/features/timeline/scale";
import { timelineSvg } from "../src/features/timeline/timeline-svg";
import { demoReport } from "./lib/demo-report";
import { ROOT } from "./lib/local-env";

const today = process.argv[2] ?? "2026-12-02";
const out = (name: string) => path.join(ROOT, "public", "readme", name);

async function main() {
  const data = demoReport(today);
  writeFileSync(out("sample-export.xlsx"), await buildXlsx(data));
  writeFileSync(out("sample-status-report.pdf"), await buildPdf(data));

  const placed = data.items
    .filter((i) => !i.draft)
    .flatMap((item) => {
      const placement = placementOf(item);
      return placement ? [{ kind: "item" as const, item, placement }] : [];
    })
    .sort(byPlacement);
  const range = rangeOf(
    placed.flatMap((p) => [placementStart(p.placement), placementEnd(p.placement)]),
    today,
  );
  const { svg, width, height } = timelineSvg({
    rows: placed,
    range,
    today,
    title: `${data.project.name} — timeline, ${today}`,
  });
  writeFileSync(out("sample-timeline.svg"), svg);
  execFileSync(process.env.CHROMIUM ?? "/usr/bin/chromium", [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    `--window-size=${width},${height}`,
    `--screenshot=${out("sample-timeline.png")}`,
    `file://${out("sample-timeline.svg")}`,
  ]);
  console.log("wrote public/readme/sample-export.xlsx, sample-status-report.pdf, sample-timeline.svg/.png");
}

void main();
