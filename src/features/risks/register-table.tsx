"use client";

import { IndicatorBadge, TypeBadge } from "@/components/ui/badges";
import { RISK_LEVELS, type RiskBand, type RiskLevel } from "@/domain/risk-assessment";
import { type RegisterRow } from "@/domain/risk";
import { formatMoney } from "@/features/budget/format";
import { SortHeader } from "@/features/budget/sort-header";
import { cn } from "@/lib/cn";
import { BAND_META } from "./band-meta";
import { nextRiskSort, type RiskSortKey, type RiskViewState } from "./register-state";
import type { RiskQuickChanges } from "./use-risk-quick-edit";

/** Score with its band as text and colour ("16 High"); a dash when unassessed. */
export function ScoreBadge({ score, band }: { score: number | null; band: RiskBand | null }) {
  if (score === null || band === null)
    return (
      <span className="text-sm text-slate-500">
        —<span className="sr-only">Not assessed</span>
      </span>
    );
  const meta = BAND_META[band];
  return (
    <span
      data-band={band}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        meta.badge,
      )}
    >
      <span className="font-bold tabular-nums">{score}</span>
      {meta.label}
    </span>
  );
}

const quickSelect =
  "min-h-10 w-14 rounded-md border border-slate-300 bg-white px-1.5 text-sm text-slate-900 tabular-nums focus-visible:outline-2 focus-visible:outline-blue-600 disabled:bg-slate-100 sm:min-h-8";

function LevelSelect({
  label,
  value,
  disabled,
  onChange,
}: {
  label: string;
  value: number | null;
  disabled: boolean;
  onChange: (v: RiskLevel) => void;
}) {
  return (
    <select
      aria-label={label}
      value={value ?? ""}
      disabled={disabled}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => onChange(Number(e.target.value) as RiskLevel)}
      className={quickSelect}
    >
      {value === null && <option value="">—</option>}
      {RISK_LEVELS.map((l) => (
        <option key={l} value={l}>
          {l}
        </option>
      ))}
    </select>
  );
}

const td = "px-3 py-2 align-top";
const clamp = "line-clamp-2 text-sm text-slate-700";

type RegisterProps = {
  rows: RegisterRow[];
  sort: RiskViewState["sort"];
  onSort: (sort: RiskViewState["sort"]) => void;
  onOpen: (itemNum: number) => void;
  canEdit: boolean;
  onQuickEdit: (row: RegisterRow, changes: RiskQuickChanges) => void;
  saving: (itemNum: number) => boolean;
};

/** The register: a table from `md` up, cards on phones (CSS decides, so server and client agree). */
export function Register(props: RegisterProps) {
  return (
    <>
      <RegisterTable {...props} />
      <RegisterCards {...props} />
    </>
  );
}

/** The risk register: one row per Risk / Issue; a row (or its title) opens the editor. */
function RegisterTable({ rows, sort, onSort, onOpen, canEdit, onQuickEdit, saving }: RegisterProps) {
  const head = (label: string, column: RiskSortKey, align: "left" | "right" = "left") => (
    <SortHeader
      label={label}
      column={column}
      sort={sort}
      onSort={(key) => onSort(nextRiskSort(sort, key))}
      align={align}
    />
  );
  const plain = (label: string, className?: string) => (
    <th scope="col" className={cn("px-3 py-2 font-medium whitespace-nowrap text-slate-700", className)}>
      {label}
    </th>
  );
  return (
    <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm md:block">
      <table className="w-full min-w-[960px] text-left text-sm" aria-label="Risk register">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs">
          <tr>
            {head("#", "itemNum")}
            {head("Title", "title")}
            {plain("P", "px-1.5")}
            {plain("I", "px-1.5")}
            {head("Score", "score")}
            {head("Residual", "residualScore")}
            {head("Owner", "riskOwner")}
            {plain("Mitigation · contingency", "min-w-56")}
            {head("Cost impact", "costImpact", "right")}
            {head("Days", "scheduleImpactDays", "right")}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const busy = saving(row.itemNum);
            return (
              <tr
                key={row.itemNum}
                data-item-num={row.itemNum}
                data-register-row=""
                aria-busy={busy || undefined}
                onClick={() => onOpen(row.itemNum)}
                className={cn("cursor-pointer hover:bg-slate-50", busy && "opacity-70")}
              >
                <td className={cn(td, "text-slate-600 tabular-nums")}>#{row.itemNum}</td>
                <td className={cn(td, "min-w-52")}>
                  <div className="flex flex-col items-start gap-1">
                    <button
                      type="button"
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(row.itemNum);
                      }}
                      className="rounded text-left font-medium text-slate-900 hover:text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                    >
                      {row.title}
                    </button>
                    <span className="flex flex-wrap items-center gap-1.5">
                      <TypeBadge type={row.type} compact />
                      {row.indicator && <IndicatorBadge indicator={row.indicator} />}
                      {row.draft && <span className="text-xs text-slate-600">Draft</span>}
                    </span>
                  </div>
                </td>
                {(["probability", "impact"] as const).map((field) => (
                  <td key={field} className={cn(td, "px-1.5")}>
                    {canEdit ? (
                      <LevelSelect
                        label={`${field === "probability" ? "Probability" : "Impact"} of #${row.itemNum}`}
                        value={row[field]}
                        disabled={busy}
                        onChange={(v) => onQuickEdit(row, { [field]: v })}
                      />
                    ) : (
                      <span className="tabular-nums">{row[field] ?? "—"}</span>
                    )}
                  </td>
                ))}
                <td className={td} data-col="score">
                  <ScoreBadge score={row.score} band={row.band} />
                </td>
                <td className={td} data-col="residual">
                  <ScoreBadge score={row.residualScore} band={row.residualBand} />
                </td>
                <td className={cn(td, "min-w-24 text-slate-800")}>{row.riskOwner ?? "—"}</td>
                <td className={td}>
                  {row.mitigation || row.contingency ? (
                    <div className="flex flex-col gap-1">
                      {row.mitigation && (
                        <p className={clamp} title={row.mitigation}>
                          <span className="font-medium text-slate-900">Mitigation:</span> {row.mitigation}
                        </p>
                      )}
                      {row.contingency && (
                        <p className={clamp} title={row.contingency}>
                          <span className="font-medium text-slate-900">Contingency:</span> {row.contingency}
                        </p>
                      )}
                    </div>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
                <td className={cn(td, "text-right whitespace-nowrap text-slate-900 tabular-nums")}>
                  {row.costImpact !== null ? formatMoney(row.costImpact) : "—"}
                </td>
                <td className={cn(td, "text-right text-slate-900 tabular-nums")}>
                  {row.scheduleImpactDays ?? "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Phones: one card per risk, the quick P / I selects kept; sorting through a select. */
function RegisterCards({ rows, sort, onSort, onOpen, canEdit, onQuickEdit, saving }: RegisterProps) {
  return (
    <div className="flex flex-col gap-3 md:hidden">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        Sort by
        <select
          value={`${sort.key}:${sort.dir}`}
          onChange={(e) => {
            const [key, dir] = e.target.value.split(":") as [RiskSortKey, "asc" | "desc"];
            onSort({ key, dir });
          }}
          className="min-h-11 flex-1 rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900"
        >
          <option value="score:desc">Score, highest first</option>
          <option value="score:asc">Score, lowest first</option>
          <option value="residualScore:desc">Residual score, highest first</option>
          <option value="costImpact:desc">Cost impact, largest first</option>
          <option value="scheduleImpactDays:desc">Schedule impact, longest first</option>
          <option value="itemNum:asc">Item number</option>
          <option value="title:asc">Title A–Z</option>
          <option value="riskOwner:asc">Owner A–Z</option>
        </select>
      </label>
      <ul className="flex flex-col gap-3">
        {rows.map((row) => {
          const busy = saving(row.itemNum);
          return (
            <li
              key={row.itemNum}
              data-item-num={row.itemNum}
              data-register-row=""
              aria-busy={busy || undefined}
              className={cn(
                "rounded-xl border border-slate-200 bg-white p-3 shadow-sm",
                busy && "opacity-70",
              )}
            >
              <div className="flex items-start justify-between gap-2">
                <button
                  type="button"
                  onClick={() => onOpen(row.itemNum)}
                  className="min-h-11 rounded text-left font-medium text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  <span className="text-slate-600 tabular-nums">#{row.itemNum}</span> {row.title}
                </button>
                <TypeBadge type={row.type} compact className="mt-2.5" />
              </div>
              <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
                <span className="flex items-center gap-1.5">
                  P
                  {canEdit ? (
                    <LevelSelect
                      label={`Probability of #${row.itemNum}`}
                      value={row.probability}
                      disabled={busy}
                      onChange={(v) => onQuickEdit(row, { probability: v })}
                    />
                  ) : (
                    <span className="font-medium tabular-nums">{row.probability ?? "—"}</span>
                  )}
                </span>
                <span className="flex items-center gap-1.5">
                  I
                  {canEdit ? (
                    <LevelSelect
                      label={`Impact of #${row.itemNum}`}
                      value={row.impact}
                      disabled={busy}
                      onChange={(v) => onQuickEdit(row, { impact: v })}
                    />
                  ) : (
                    <span className="font-medium tabular-nums">{row.impact ?? "—"}</span>
                  )}
                </span>
                <span data-col="score">
                  <ScoreBadge score={row.score} band={row.band} />
                </span>
                <span className="flex items-center gap-1.5 text-xs text-slate-600">
                  Residual
                  <span data-col="residual">
                    <ScoreBadge score={row.residualScore} band={row.residualBand} />
                  </span>
                </span>
              </div>
              <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                <div>
                  <dt className="text-xs text-slate-600">Owner</dt>
                  <dd className="text-slate-800">{row.riskOwner ?? "—"}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Indicator</dt>
                  <dd>
                    <IndicatorBadge indicator={row.indicator} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Cost impact</dt>
                  <dd className="text-slate-900 tabular-nums">
                    {row.costImpact !== null ? formatMoney(row.costImpact) : "—"}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Schedule impact</dt>
                  <dd className="text-slate-900 tabular-nums">
                    {row.scheduleImpactDays !== null ? `${row.scheduleImpactDays} days` : "—"}
                  </dd>
                </div>
                {row.mitigation && (
                  <div className="col-span-2">
                    <dt className="text-xs text-slate-600">Mitigation</dt>
                    <dd className="line-clamp-2 text-slate-700">{row.mitigation}</dd>
                  </div>
                )}
                {row.contingency && (
                  <div className="col-span-2">
                    <dt className="text-xs text-slate-600">Contingency</dt>
                    <dd className="line-clamp-2 text-slate-700">{row.contingency}</dd>
                  </div>
                )}
              </dl>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
