"use client";

import { RISK_LEVELS, riskBand, type HeatGrid, type HeatMapKind } from "@/domain/risk-assessment";
import { type HeatCell } from "@/domain/risk";
import { cn } from "@/lib/cn";
import { BAND_META } from "./band-meta";
import { cellLabel } from "./register-state";

const TITLES: Record<HeatMapKind, { title: string; hint: string }> = {
  inherent: { title: "Inherent", hint: "Before mitigation" },
  residual: { title: "Residual", hint: "After mitigation (inherent where no residual is set)" },
};

/**
 * One 5 × 5 heat map of open risks: probability up the side (5 at the top),
 * impact along the bottom. A table, so screen readers get both axes; each
 * non-empty cell is a button that filters the register to its risks.
 */
export function HeatMap({
  kind,
  grid,
  selected,
  onSelect,
}: {
  kind: HeatMapKind;
  grid: HeatGrid;
  selected: HeatCell | null;
  onSelect: (cell: HeatCell) => void;
}) {
  const t = TITLES[kind];
  const total = grid.flat().reduce((a, b) => a + b, 0);
  const captionId = `heat-${kind}`;
  return (
    <figure
      className="min-w-0 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4"
      aria-labelledby={captionId}
      data-heat-map={kind}
    >
      <figcaption id={captionId} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
        <span className="text-base font-semibold text-slate-900">{t.title} heat map</span>
        <span className="text-xs text-slate-600">
          {t.hint} · {total} open {total === 1 ? "risk" : "risks"}
        </span>
      </figcaption>
      <div className="mx-auto mt-3 flex max-w-88 gap-1.5">
        <div className="flex w-4 shrink-0 items-center justify-center" aria-hidden="true">
          <span className="-rotate-90 text-xs font-medium whitespace-nowrap text-slate-600">Probability</span>
        </div>
        <table className="w-full table-fixed border-separate border-spacing-1">
          <caption className="sr-only">
            {t.title} heat map: open risks by probability (rows) and impact (columns)
          </caption>
          <thead>
            <tr>
              <td className="w-5 p-0" />
              {RISK_LEVELS.map((i) => (
                <th key={i} scope="col" className="h-0 p-0">
                  <span className="sr-only">Impact {i}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...RISK_LEVELS].reverse().map((p) => (
              <tr key={p}>
                <th scope="row" className="p-0 text-xs font-medium text-slate-600">
                  <span aria-hidden="true">{p}</span>
                  <span className="sr-only">Probability {p}</span>
                </th>
                {RISK_LEVELS.map((i) => {
                  const count = grid[p - 1]?.[i - 1] ?? 0;
                  const band = riskBand(p * i);
                  const meta = BAND_META[band];
                  const isSelected =
                    selected?.kind === kind && selected.probability === p && selected.impact === i;
                  const box = cn(
                    "flex aspect-square min-h-11 w-full flex-col items-center justify-center rounded-md ring-1 ring-inset",
                    meta.cell,
                  );
                  return (
                    <td key={i} className="p-0">
                      {count > 0 ? (
                        <button
                          type="button"
                          aria-pressed={isSelected}
                          data-cell={`${kind}-${p}-${i}`}
                          onClick={() => onSelect({ kind, probability: p, impact: i })}
                          className={cn(
                            box,
                            "cursor-pointer transition hover:brightness-95 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
                            isSelected && "ring-[3px] ring-slate-900",
                          )}
                        >
                          {/* Named by its content, so the visible count and band are part of the name:
                              "Probability 4, impact 5: 2 risks, band High" (cellLabel). */}
                          <span className="sr-only">
                            Probability {p}, impact {i}:{" "}
                          </span>
                          <span className="text-lg leading-none font-bold tabular-nums">{count}</span>
                          <span className="sr-only"> {count === 1 ? "risk" : "risks"}, band </span>
                          <span className="mt-0.5 text-[10px] leading-none font-medium">{meta.label}</span>
                        </button>
                      ) : (
                        <div className={cn(box, "opacity-45")} title={cellLabel(p, i, 0, meta.label)}>
                          <span className="sr-only">{cellLabel(p, i, 0, meta.label)}</span>
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr aria-hidden="true">
              <td />
              {RISK_LEVELS.map((i) => (
                <td key={i} className="text-center text-xs font-medium text-slate-600">
                  {i}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p
        className="mx-auto mt-1 max-w-88 pl-10 text-center text-xs font-medium text-slate-600"
        aria-hidden="true"
      >
        Impact
      </p>
    </figure>
  );
}

/** The band colours with their names (the key under the heat maps). */
export function BandLegend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Bands">
      {(
        [
          ["low", "1–4"],
          ["medium", "5–9"],
          ["high", "10–16"],
          ["extreme", "20–25"],
        ] as const
      ).map(([b, range]) => (
        <li key={b} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={cn("size-3 rounded-sm", BAND_META[b].dot)} />
          {BAND_META[b].label} <span className="text-slate-600">(score {range})</span>
        </li>
      ))}
    </ul>
  );
}
