/**
 * A standalone SVG of the timeline, for the "Download SVG / PNG" buttons:
 * the same rows, range and placements as the on-screen Gantt chart (which is
 * HTML), drawn as one self-contained SVG document — item labels, month and
 * week axis, bars with their progress, milestones, deadlines, dependency
 * arrows and the today marker. Pure: no DOM.
 */
import { dayNumber } from "@/domain/dates";
import { SEVERITY_PRINT_COLOUR } from "@/domain/export/print-colours";
import type { IsoDate } from "@/domain/types";
import {
  arrowsFor,
  dayX,
  extentOf,
  monthSpans,
  type Placement,
  type Range,
  severityKey,
  type TimelineItem,
  weekTicks,
} from "./scale";

export type SvgRow =
  | { kind: "group"; label: string; count: number }
  | { kind: "item"; item: TimelineItem; placement: Placement };

const LABEL_W = 300;
const ROW_H = 26;
const GROUP_H = 24;
const TITLE_H = 44;
const AXIS_H = 36;
const MAX_CHART_W = 1500;
const FONT = "DejaVu Sans, Inter, Segoe UI, Helvetica, Arial, sans-serif";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(
        /[&<>"']/g,
        (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
      )
  );
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Pixels per day so the whole range fits in about MAX_CHART_W pixels (2–16). */
export const svgPxPerDay = (r: Range) => Math.min(16, Math.max(2, MAX_CHART_W / r.days));

export function timelineSvg(opts: {
  rows: readonly SvgRow[];
  range: Range;
  today: IsoDate;
  title: string;
  showArrows?: boolean;
}): { svg: string; width: number; height: number } {
  const { rows, range, today } = opts;
  const ppd = svgPxPerDay(range);
  const chartW = range.days * ppd;
  const width = Math.ceil(LABEL_W + chartW + 16);
  const top = TITLE_H + AXIS_H;
  const laid: { row: SvgRow; top: number; height: number }[] = [];
  let y = top;
  for (const row of rows) {
    const height = row.kind === "group" ? GROUP_H : ROW_H;
    laid.push({ row, top: y, height });
    y += height;
  }
  const height = Math.ceil(y + 12);
  const X = (x: number) => r1(LABEL_W + x);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${escapeXml(opts.title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#64748b"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="28" font-size="17" font-weight="700" fill="#0f172a">${escapeXml(opts.title)}</text>`,
  );
  // Axis: months over week ticks, with grid lines.
  for (const m of monthSpans(range)) {
    const x = X((m.fromDay - range.startDay) * ppd);
    const [yy, mm] = m.key.split("-");
    out.push(`<line x1="${x}" y1="${TITLE_H}" x2="${x}" y2="${height}" stroke="#cbd5e1" stroke-width="1"/>`);
    if ((m.toDay - m.fromDay) * ppd > 40)
      out.push(
        `<text x="${x + 4}" y="${TITLE_H + 14}" font-size="11" font-weight="600" fill="#334155">${MONTHS[Number(mm) - 1]} ${yy}</text>`,
      );
  }
  for (const t of weekTicks(range)) {
    const x = X((t.day - range.startDay) * ppd);
    out.push(`<line x1="${x}" y1="${top - 12}" x2="${x}" y2="${height}" stroke="#eef2f7" stroke-width="1"/>`);
    if (ppd * 7 >= 28)
      out.push(
        `<text x="${x + 2}" y="${top - 4}" font-size="9" fill="#64748b">${Number(t.date.slice(8))}</text>`,
      );
  }
  out.push(`<line x1="0" y1="${top}" x2="${width}" y2="${top}" stroke="#94a3b8" stroke-width="1"/>`);
  out.push(`<text x="12" y="${top - 8}" font-size="11" font-weight="600" fill="#334155">Item</text>`);
  // Rows: stripes and group bands, then the arrows, then labels and bars on top.
  const fg: string[] = [];
  laid.forEach(({ row, top: rowTop, height: h }, i) => {
    if (row.kind === "group") {
      out.push(`<rect x="0" y="${rowTop}" width="${width}" height="${h}" fill="#f1f5f9"/>`);
      fg.push(
        `<text x="12" y="${rowTop + 16}" font-size="12" font-weight="700" fill="#0f172a">${escapeXml(clip(row.label, 40))} (${row.count})</text>`,
      );
      return;
    }
    if (i % 2 === 1) out.push(`<rect x="0" y="${rowTop}" width="${width}" height="${h}" fill="#f8fafc"/>`);
    const { item, placement } = row;
    const colour = SEVERITY_PRINT_COLOUR[severityKey(item)];
    const mid = rowTop + h / 2;
    fg.push(
      `<text x="12" y="${mid + 4}" font-size="11" fill="#0f172a"><tspan fill="#64748b">#${item.itemNum}</tspan> ${escapeXml(clip(item.title, 42))}</text>`,
    );
    const e = extentOf(placement, range, ppd);
    if (placement.kind === "bar") {
      const w = r1(e.right - e.left);
      const barTop = mid - 8;
      fg.push(
        `<rect x="${X(e.left)}" y="${barTop}" width="${w}" height="16" rx="3" fill="${colour}" fill-opacity="0.35" stroke="${colour}"/>`,
      );
      const done = (w * Math.max(0, Math.min(100, item.percentComplete))) / 100;
      if (done > 0)
        fg.push(
          `<rect x="${X(e.left)}" y="${barTop}" width="${r1(done)}" height="16" rx="3" fill="${colour}"/>`,
        );
    } else {
      const c = X(e.centre);
      fg.push(
        `<path d="M${c},${mid - 7} L${r1(c + 7)},${mid} L${c},${mid + 7} L${r1(c - 7)},${mid} z" fill="${colour}" stroke="#ffffff"/>`,
      );
    }
    if (item.deadline && placement.kind === "bar") {
      const dx = X(dayX(item.deadline, range, ppd) + ppd);
      fg.push(
        `<line x1="${dx}" y1="${mid - 10}" x2="${dx}" y2="${mid + 10}" stroke="#0f172a" stroke-width="2"/>`,
      );
    }
  });
  // Dependency arrows, under the bars.
  if (opts.showArrows !== false) {
    const itemRows = laid.flatMap((l) =>
      l.row.kind === "item"
        ? [{ item: l.row.item, placement: l.row.placement, top: l.top, height: l.height }]
        : [],
    );
    for (const a of arrowsFor(itemRows, range, ppd)) {
      const path = a.path.replace(
        /([MHV])(-?[\d.]+)(?:,(-?[\d.]+))?/g,
        (_, cmd: string, p1: string, p2?: string) =>
          cmd === "V" ? `V${p1}` : `${cmd}${X(Number(p1))}${p2 !== undefined ? `,${p2}` : ""}`,
      );
      out.push(
        `<path d="${path}" fill="none" stroke="${a.conflict ? "#b91c1c" : "#64748b"}" stroke-width="1.2" marker-end="url(#arrow)"/>`,
      );
    }
  }
  out.push(...fg);
  // Today.
  const tx = X((dayNumber(today) - range.startDay + 0.5) * ppd);
  out.push(
    `<line x1="${tx}" y1="${TITLE_H + 18}" x2="${tx}" y2="${height}" stroke="#0f172a" stroke-width="2"/>`,
  );
  out.push(
    `<text x="${tx + 4}" y="${TITLE_H + 28}" font-size="10" font-weight="700" fill="#0f172a">Today</text>`,
    `</svg>`,
  );
  return { svg: out.join("\n"), width, height };
}
