"use client";

import { FunnelX, Search, SlidersHorizontal, X } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { MultiSelect } from "@/components/ui/multi-select";
import { ITEM_TYPES, SEVERITIES, type ItemType, type Severity } from "@/domain/types";
import { cn } from "@/lib/cn";
import { countActiveFilters, type ItemFilters, NO_FILTERS } from "@/lib/item-filters";
import { SEVERITY_META, TYPE_META } from "@/lib/item-meta";
import { useMounted } from "@/features/shell/use-mounted";

function Toggle({
  pressed,
  onChange,
  children,
}: {
  pressed: boolean;
  onChange: (v: boolean) => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={() => onChange(!pressed)}
      className={cn(
        "inline-flex min-h-11 items-center gap-1.5 rounded-lg border px-3 text-sm font-medium shadow-sm sm:min-h-9",
        pressed
          ? "border-blue-700 bg-blue-700 text-white hover:bg-blue-800"
          : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
      )}
    >
      {children}
    </button>
  );
}

export function ItemFiltersBar({
  filters,
  workstreams,
  assignees,
  onChange,
}: {
  filters: ItemFilters;
  workstreams: string[];
  assignees: string[];
  onChange: (next: ItemFilters) => void;
}) {
  const [q, setQ] = useState(filters.search);
  const [showChips, setShowChips] = useState(false);
  // Marks the phone "Filters" button once it responds (tests wait for it instead of tapping early).
  const hydrated = useMounted();
  const [sent, setSent] = useState(filters.search);
  const [seen, setSeen] = useState(filters.search);
  const active = countActiveFilters(filters);

  // The URL changed without us (clear all, back button): show its search.
  if (filters.search !== seen) {
    setSeen(filters.search);
    if (filters.search !== sent) {
      setQ(filters.search);
      setSent(filters.search);
    }
  }

  const search = (text: string) => {
    setSent(text);
    onChange({ ...filters, search: text });
  };

  // Search as you type, without a request per keystroke.
  useEffect(() => {
    const trimmed = q.trim();
    if (trimmed === filters.search) return;
    const t = setTimeout(() => {
      setSent(trimmed);
      onChange({ ...filters, search: trimmed });
    }, 300);
    return () => clearTimeout(t);
  }, [q, filters, onChange]);

  const chipsId = useId();
  const chipFilters = active - (filters.search ? 1 : 0);

  return (
    <div role="search" aria-label="Filter items" className="flex flex-col gap-3 lg:flex-row lg:items-start">
      <div className="flex gap-2">
        <div className="relative flex-1 lg:w-60 lg:flex-none 2xl:w-72">
          <label htmlFor="item-search" className="sr-only">
            Search titles and descriptions
          </label>
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500"
            aria-hidden="true"
          />
          <input
            id="item-search"
            type="search"
            value={q}
            maxLength={200}
            placeholder="Search titles and descriptions"
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") search(q.trim());
            }}
            className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-blue-600 focus:outline-2 focus:outline-offset-0 focus:outline-blue-600/40 sm:min-h-9 sm:text-sm [&::-webkit-search-cancel-button]:hidden"
          />
          {q && (
            <button
              type="button"
              onClick={() => {
                setQ("");
                search("");
              }}
              className="absolute top-1/2 right-1 inline-flex size-9 -translate-y-1/2 items-center justify-center rounded-md text-slate-500 hover:text-slate-800 sm:size-7"
            >
              <X className="size-4" aria-hidden="true" />
              <span className="sr-only">Clear search</span>
            </button>
          )}
        </div>
        {/* Phones: the filter controls fold away behind one button. */}
        <button
          type="button"
          aria-expanded={showChips}
          data-hydrated={hydrated || undefined}
          aria-controls={chipsId}
          onClick={() => setShowChips((v) => !v)}
          className={cn(
            "inline-flex min-h-11 shrink-0 items-center gap-1.5 rounded-lg border px-3 text-sm font-medium shadow-sm sm:hidden",
            chipFilters
              ? "border-blue-300 bg-blue-50 text-blue-900"
              : "border-slate-300 bg-white text-slate-800",
            showChips && "ring-2 ring-blue-600/30",
          )}
        >
          <SlidersHorizontal className="size-4" aria-hidden="true" />
          Filters{chipFilters > 0 && ` (${chipFilters})`}
        </button>
      </div>
      <div id={chipsId} className={cn("flex flex-wrap items-center gap-2", !showChips && "max-sm:hidden")}>
        <MultiSelect<ItemType>
          label="Type"
          options={ITEM_TYPES}
          value={filters.types}
          onChange={(types) => onChange({ ...filters, types })}
          renderOption={(t) => {
            const Icon = TYPE_META[t].icon;
            return (
              <span className="flex items-center gap-2">
                <Icon className="size-4 text-slate-600" aria-hidden="true" />
                {t}
              </span>
            );
          }}
        />
        <MultiSelect
          label="Workstream"
          options={workstreams}
          value={filters.workstreams}
          onChange={(ws) => onChange({ ...filters, workstreams: ws })}
        />
        <MultiSelect
          label="Assignee"
          options={assignees}
          value={filters.assignees}
          onChange={(a) => onChange({ ...filters, assignees: a })}
        />
        <MultiSelect<Severity>
          label="Status"
          options={SEVERITIES}
          value={filters.severities}
          onChange={(sev) => onChange({ ...filters, severities: sev })}
          format={(s) => SEVERITY_META[s].label}
          renderOption={(s) => (
            <span className="flex items-center gap-2">
              <span aria-hidden="true" className={cn("size-2.5 rounded-full", SEVERITY_META[s].dot)} />
              {SEVERITY_META[s].label}
            </span>
          )}
        />
        <Toggle pressed={filters.openOnly} onChange={(openOnly) => onChange({ ...filters, openOnly })}>
          Open only
        </Toggle>
        <Toggle
          pressed={filters.criticalOnly}
          onChange={(criticalOnly) => onChange({ ...filters, criticalOnly })}
        >
          <span
            aria-hidden="true"
            className={cn("size-2 rounded-full", filters.criticalOnly ? "bg-white" : "bg-red-600")}
          />
          Critical only
        </Toggle>
        {active > 0 && (
          <button
            type="button"
            onClick={() => {
              setQ("");
              setSent("");
              onChange(NO_FILTERS);
            }}
            className="inline-flex min-h-11 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium text-blue-700 hover:bg-blue-50 sm:min-h-9"
          >
            <FunnelX className="size-4" aria-hidden="true" />
            Clear all<span className="sr-only"> filters</span> ({active})
          </button>
        )}
      </div>
    </div>
  );
}
