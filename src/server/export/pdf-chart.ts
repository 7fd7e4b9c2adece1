/**
 * The budget burn chart of the PDF report, drawn as vectors: cumulative burn
 * by week (solid), the forecast to the project end (dashed) and the budget
 * total (a horizontal line), with value and date axes and a legend.
 */
import type { BudgetMetrics } from "@/domain/budget";
import { addDays, dayNumber, fromDayNumber } from "@/domain/dates";
import { FONT, INK, MUTED, RULE, type Doc } from "./pdf-layout";

const BURN = "#2563eb";
const BUDGET = "#dc2626";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Axis money: 0, 25k, 1.2M. */
export function compactMoney(n: number): string {
  const a = Math.abs(n);
  if (a >= 1_000_000) return `${+(n / 1_000_000).toFixed(a >= 10_000_000 ? 0 : 1)}M`;
  if (a >= 1_000) return `${+(n / 1_000).toFixed(a >= 10_000 ? 0 : 1)}k`;
  return String(Math.round(n));
}

/** A "nice" tick step (1, 2, 2.5, 5 × 10^k) giving about `count` ticks up to `max`. */
export function niceStep(max: number, count = 5): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

const dateLabel = (d: string) =>
  `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(2, 4)}`;

/** Draws the chart in the box (x, y, w, h); returns false when there is no burn to draw. */
export function burnChart(doc: Doc, b: BudgetMetrics, x: number, y: number, w: number, h: number): boolean {
  const weeks = b.weeklyBurn;
  if (!weeks.length) return false;
  const padL = 42;
  const padB = 30;
  const padT = 18;
  const plot = { x: x + padL, y: y + padT, w: w - padL - 8, h: h - padT - padB };

  const first = addDays(weeks[0]!.weekEnding, -7);
  const lastWeek = weeks[weeks.length - 1]!.weekEnding;
  const end = b.projEnd && b.projEnd > lastWeek ? b.projEnd : lastWeek;
  const d0 = dayNumber(first);
  const span = Math.max(1, dayNumber(end) - d0);
  const forecast = b.projEnd && b.projEnd > lastWeek && b.remainingBurn > 0;
  const top = Math.max(b.budgetTotal, b.estTotalBurn, weeks[weeks.length - 1]!.cumulative, 1);
  const step = niceStep(top * 1.05);
  const yMax = Math.ceil((top * 1.05) / step) * step;
  const px = (date: string) => plot.x + ((dayNumber(date) - d0) / span) * plot.w;
  const py = (v: number) => plot.y + plot.h - (Math.max(0, v) / yMax) * plot.h;

  /** A straight line from (x1, y1) to (x2, y2). */
  const line = (x1: number, y1: number, x2: number, y2: number, width: number, colour: string) =>
    doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).stroke(colour);

  doc.save();
  // Grid and value axis.
  doc.font(FONT).fontSize(7).fillColor(MUTED);
  for (let v = 0; v <= yMax + step / 2; v += step) {
    const gy = py(v);
    line(plot.x, gy, plot.x + plot.w, gy, 0.4, RULE);
    doc
      .fillColor(MUTED)
      .text(compactMoney(v), x, gy - 4, { width: padL - 6, align: "right", lineBreak: false });
  }
  // Date axis: about six evenly spaced labels.
  const labels = Math.min(6, Math.max(2, Math.floor(plot.w / 80)));
  for (let i = 0; i <= labels; i++) {
    const d = fromDayNumber(d0 + Math.round((span * i) / labels));
    const gx = px(d);
    line(gx, plot.y + plot.h, gx, plot.y + plot.h + 3, 0.5, MUTED);
    doc
      .fillColor(MUTED)
      .text(dateLabel(d), gx - 30, plot.y + plot.h + 6, { width: 60, align: "center", lineBreak: false });
  }
  line(plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, 0.8, MUTED);

  // Budget total.
  if (b.budgetTotal > 0) {
    const by = py(b.budgetTotal);
    line(plot.x, by, plot.x + plot.w, by, 1.2, BUDGET);
    doc
      .fillColor(BUDGET)
      .text(`Budget ${compactMoney(b.budgetTotal)}`, plot.x + 4, by - 10, { lineBreak: false });
  }
  // Cumulative burn, with a light area under it.
  const pts = [
    [px(first), py(0)] as const,
    ...weeks.map((wk) => [px(wk.weekEnding), py(wk.cumulative)] as const),
  ];
  doc.moveTo(pts[0]![0], plot.y + plot.h);
  for (const [px1, py1] of pts) doc.lineTo(px1, py1);
  doc
    .lineTo(pts[pts.length - 1]![0], plot.y + plot.h)
    .closePath()
    .fillOpacity(0.12)
    .fill(BURN);
  doc.fillOpacity(1);
  doc.moveTo(pts[0]![0], pts[0]![1]);
  for (const [px1, py1] of pts.slice(1)) doc.lineTo(px1, py1);
  doc.lineWidth(1.6).lineJoin("round").stroke(BURN);
  // Forecast to the project end.
  if (forecast) {
    const [lx, ly] = pts[pts.length - 1]!;
    doc
      .moveTo(lx, ly)
      .lineTo(px(b.projEnd!), py(b.estTotalBurn))
      .dash(4, { space: 3 })
      .lineWidth(1.2)
      .stroke(BURN);
    doc.undash();
  }
  // Legend.
  const ly = y + 2;
  let lx = plot.x;
  const key = (label: string, colour: string, dashed = false) => {
    doc
      .moveTo(lx, ly + 4)
      .lineTo(lx + 16, ly + 4)
      .lineWidth(1.6);
    if (dashed) doc.dash(3, { space: 2 });
    doc.stroke(colour).undash();
    doc.fillColor(INK).text(label, lx + 20, ly, { lineBreak: false });
    lx += 28 + doc.widthOfString(label);
  };
  doc.fontSize(7.5);
  key("Cumulative burn", BURN);
  if (forecast) key("Forecast", BURN, true);
  if (b.budgetTotal > 0) key("Budget", BUDGET);
  doc.restore();
  return true;
}
