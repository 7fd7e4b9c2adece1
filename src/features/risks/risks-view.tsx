"use client";

import { ShieldAlert, X } from "lucide-react";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { can } from "@/domain/permissions";
import { RISK_BANDS } from "@/domain/risk-assessment";
import { type HeatCell, type RiskRegister } from "@/domain/risk";
import { formatMoney } from "@/features/budget/format";
import { useOpenItem } from "@/features/items/item-editor-host";
import { ItemPage } from "@/features/project-pages/item-page";
import { cn } from "@/lib/cn";
import { plural } from "@/lib/format";
import { api } from "@/trpc/react";
import { BAND_META } from "./band-meta";
import { BandLegend, HeatMap } from "./heat-map";
import {
  hasRiskFilters,
  toggleCell,
  visibleRows,
  EMPTY_RISK_VIEW,
  type RiskViewState,
} from "./register-state";
import { Register } from "./register-table";
import { useRiskQuickEdit } from "./use-risk-quick-edit";
import { useRiskViewState } from "./use-risk-view-state";

/** The Risks tab: exposure, inherent and residual heat maps, and the sortable, filterable register. */
export function RisksView({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const scope = useMemo(() => ({ orgSlug, projectId }), [orgSlug, projectId]);
  const [state, setState] = useRiskViewState();

  // Prefetched by the page and the project layout: the first paint has them (loading.tsx and
  // error.tsx stand in otherwise).
  const [reg] = api.project.riskRegister.useSuspenseQuery(scope);
  const [project] = api.project.get.useSuspenseQuery(scope);
  const editor = useOpenItem();
  const quick = useRiskQuickEdit(scope);
  const canEdit = can(project.role, "item.editAny");

  return (
    <ItemPage
      orgSlug={orgSlug}
      projectId={projectId}
      editor={editor}
      title="Risks"
      description="Risks and issues with their scores, bands and what they could cost. A heat-map cell filters the register."
    >
      <div className="mt-6">
        {reg.risks.length === 0 ? (
          <EmptyState icon={ShieldAlert} title="No risks or issues yet">
            <p>
              Add Risk or Issue items on the All items page and give them a probability and an impact (1–5).
              They appear here with their score, band and exposure, and on the heat maps.
            </p>
          </EmptyState>
        ) : (
          <RisksBody
            reg={reg}
            state={state}
            setState={setState}
            canEdit={canEdit}
            onOpen={editor.open}
            quick={quick}
          />
        )}
      </div>
    </ItemPage>
  );
}

function RisksBody({
  reg,
  state,
  setState,
  canEdit,
  onOpen,
  quick,
}: {
  reg: RiskRegister;
  state: RiskViewState;
  setState: (s: RiskViewState) => void;
  canEdit: boolean;
  onOpen: (n: number) => void;
  quick: ReturnType<typeof useRiskQuickEdit>;
}) {
  const rows = useMemo(() => visibleRows(reg.risks, state), [reg.risks, state]);
  const selectCell = (cell: HeatCell) => setState(toggleCell(state, cell));
  return (
    <div className="flex flex-col gap-6">
      <ExposureSummary reg={reg} onOpen={onOpen} />
      <section aria-labelledby="risk-heat-maps" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="risk-heat-maps" className="text-base font-semibold text-slate-900">
            Heat maps of open risks
          </h2>
          <BandLegend />
        </div>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <HeatMap kind="inherent" grid={reg.heatMap.inherent} selected={state.cell} onSelect={selectCell} />
          <HeatMap kind="residual" grid={reg.heatMap.residual} selected={state.cell} onSelect={selectCell} />
        </div>
      </section>
      <section aria-labelledby="risk-register" className="flex flex-col gap-3">
        <h2 id="risk-register" className="text-base font-semibold text-slate-900">
          Register
        </h2>
        <RegisterFilters reg={reg} state={state} setState={setState} />
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="register-count">
          {rows.length === reg.risks.length
            ? `${plural(reg.risks.length, "risk or issue", "risks and issues")}`
            : `Showing ${rows.length} of ${reg.risks.length}`}
        </p>
        {rows.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600">
            Nothing matches these filters.{" "}
            <button
              type="button"
              className="font-medium text-blue-700 underline-offset-4 hover:underline"
              onClick={() => setState({ ...EMPTY_RISK_VIEW, sort: state.sort })}
            >
              Clear filters
            </button>
          </p>
        ) : (
          <Register
            rows={rows}
            sort={state.sort}
            onSort={(sort) => setState({ ...state, sort })}
            onOpen={onOpen}
            canEdit={canEdit}
            onQuickEdit={(row, changes) => void quick.save(row, changes)}
            saving={quick.saving}
          />
        )}
      </section>
    </div>
  );
}

const stat = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

function ExposureSummary({ reg, onOpen }: { reg: RiskRegister; onOpen: (n: number) => void }) {
  const e = reg.exposure;
  return (
    <section aria-labelledby="risk-exposure">
      <h2 id="risk-exposure" className="sr-only">
        Exposure
      </h2>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-3">
        <div className={stat}>
          <dt className="text-sm font-medium text-slate-700">Cost exposure</dt>
          <dd
            className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums"
            data-testid="exposure-cost"
          >
            {formatMoney(e.cost)}
          </dd>
          <dd className="mt-1 text-xs text-slate-600">
            Likelihood × cost impact, {plural(e.risks, "open risk")}
          </dd>
        </div>
        <div className={stat}>
          <dt className="text-sm font-medium text-slate-700">Schedule exposure</dt>
          <dd
            className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums"
            data-testid="exposure-days"
          >
            {e.days.toLocaleString("en", { maximumFractionDigits: 1 })} days
          </dd>
          <dd className="mt-1 text-xs text-slate-600">Likelihood × schedule impact</dd>
        </div>
        <div className={cn(stat, "max-lg:col-span-2")}>
          <dt className="text-sm font-medium text-slate-700">Worst risk</dt>
          {e.worst ? (
            <>
              <dd className="mt-1">
                <button
                  type="button"
                  onClick={() => onOpen(e.worst!.itemNum)}
                  className="rounded text-left text-base font-semibold text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  #{e.worst.itemNum} {e.worst.title}
                </button>
              </dd>
              <dd className="mt-1 text-xs text-slate-600">
                {formatMoney(e.worst.cost)} and {e.worst.days.toLocaleString("en")} days expected · score{" "}
                {e.worst.score}
              </dd>
            </>
          ) : (
            <dd className="mt-1 text-sm text-slate-600">No open risk is assessed yet.</dd>
          )}
        </div>
      </dl>
    </section>
  );
}

function RegisterFilters({
  reg,
  state,
  setState,
}: {
  reg: RiskRegister;
  state: RiskViewState;
  setState: (s: RiskViewState) => void;
}) {
  const [text, setText] = useState(state.text);
  const owners = useMemo(
    () =>
      [...new Set(reg.risks.map((r) => r.riskOwner).filter((o): o is string => !!o))].sort((a, b) =>
        a.localeCompare(b),
      ),
    [reg.risks],
  );
  const toggleBand = (b: (typeof RISK_BANDS)[number]) =>
    setState({
      ...state,
      bands: state.bands.includes(b) ? state.bands.filter((x) => x !== b) : [...state.bands, b],
    });
  const cell = state.cell;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-xs font-medium text-slate-700">Band (current)</legend>
          <div className="flex flex-wrap gap-1.5">
            {RISK_BANDS.map((b) => {
              const on = state.bands.includes(b);
              return (
                <button
                  key={b}
                  type="button"
                  aria-pressed={on}
                  onClick={() => toggleBand(b)}
                  className={cn(
                    "inline-flex min-h-10 items-center gap-1.5 rounded-full px-3 text-sm font-medium ring-1 ring-inset sm:min-h-8",
                    on ? BAND_META[b].badge : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                  )}
                >
                  <span aria-hidden="true" className={cn("size-2 rounded-full", BAND_META[b].dot)} />
                  {BAND_META[b].label}
                </button>
              );
            })}
          </div>
        </fieldset>
        <ChoiceFilter
          label="Type"
          value={state.type}
          options={TYPE_CHOICES}
          onChange={(type) => setState({ ...state, type })}
        />
        <ChoiceFilter
          label="Status"
          value={state.status}
          options={STATUS_CHOICES}
          onChange={(status) => setState({ ...state, status })}
        />
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Owner
          <Select
            value={state.owner}
            onChange={(e) => setState({ ...state, owner: e.target.value })}
            className="w-40"
          >
            <option value="">Anyone</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
            {state.owner && !owners.includes(state.owner) && (
              <option value={state.owner}>{state.owner}</option>
            )}
          </Select>
        </label>
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
          Search
          <Input
            type="search"
            value={text}
            placeholder="Title, mitigation, contingency…"
            onChange={(e) => {
              setText(e.target.value);
              setState({ ...state, text: e.target.value });
            }}
          />
        </label>
      </div>
      {(cell || hasRiskFilters(state)) && (
        <div className="flex flex-wrap items-center gap-2">
          {cell && (
            <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-0.5 pl-3 text-sm text-slate-800 ring-1 ring-slate-300 ring-inset">
              {cell.kind === "inherent" ? "Inherent" : "Residual"} cell: probability {cell.probability},
              impact {cell.impact}
              <button
                type="button"
                aria-label="Remove the heat-map cell filter"
                onClick={() => setState({ ...state, cell: null })}
                className="flex size-8 items-center justify-center rounded-full hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                <X className="size-4" aria-hidden="true" />
              </button>
            </span>
          )}
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setText("");
              setState({ ...EMPTY_RISK_VIEW, sort: state.sort });
            }}
          >
            Clear filters
          </Button>
        </div>
      )}
    </div>
  );
}

const TYPE_CHOICES = [
  ["", "All types"],
  ["Risk", "Risks"],
  ["Issue", "Issues"],
] as const;
const STATUS_CHOICES = [
  ["", "Any status"],
  ["open", "Open"],
  ["closed", "Closed"],
] as const;

/** A labelled select over a fixed list; "" (the first choice) means no filter. */
function ChoiceFilter<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V | null;
  options: readonly (readonly ["" | V, string])[];
  onChange: (v: V | null) => void;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
      {label}
      <Select
        value={value ?? ""}
        onChange={(e) => onChange((options.find(([v]) => v === e.target.value)?.[0] || null) as V | null)}
        className="w-36"
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </label>
  );
}
