"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { LoaderCircle, Search, X } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { IndicatorBadge, TypeBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { isIndicator } from "@/domain/indicators";
import { cn } from "@/lib/cn";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import type { FullItem, Scope } from "./item-editor-types";

type DepRow = FullItem["dependsOn"][number];

/** "12" or "#12" looks for item 12; anything else searches titles and descriptions. */
function dependencySearch(q: string): string | undefined {
  const t = q.trim();
  if (!t) return undefined;
  return /^#?\d{1,9}$/.test(t) ? `#${t.replace("#", "")}` : t;
}

/**
 * "Depends on": the item's predecessors with remove buttons and a searchable
 * combobox (item.list search) to add one. Saved at once through
 * item.setDependencies, which refuses cycles and names them.
 * "Blocks" lists the items that depend on this one.
 */
export function DependencyPicker({
  scope,
  itemNum,
  dependsOn,
  dependents,
  mayEdit,
}: {
  scope: Scope;
  itemNum: number;
  dependsOn: DepRow[];
  dependents: DepRow[];
  mayEdit: boolean;
}) {
  const toast = useToast();
  const setDeps = api.item.setDependencies.useMutation();
  const [error, setError] = useState<string | null>(null);
  const uid = useId();
  const headingId = `${uid}-deps`;

  async function save(next: number[], done: string) {
    setError(null);
    try {
      await setDeps.mutateAsync({ ...scope, itemNum, dependsOn: next });
      toast.success(`${done} (saved)`);
      return true;
    } catch (err) {
      const info = errorInfo(err);
      setError(info.fieldErrors.dependsOn?.[0] ?? info.message);
      return false;
    }
  }
  const current = dependsOn.map((d) => d.itemNum);
  const add = (n: number) => save([...current, n], `Item #${itemNum} now depends on #${n}`);
  const remove = (n: number) =>
    save(
      current.filter((c) => c !== n),
      `Item #${itemNum} no longer depends on #${n}`,
    );

  const list = (rows: DepRow[], removable: boolean, empty: string) =>
    rows.length === 0 ? (
      <p className="mt-1.5 text-sm text-slate-600">{empty}</p>
    ) : (
      <ul className="mt-1.5 flex flex-col gap-1.5">
        {rows.map((d) => (
          <li
            key={d.itemNum}
            className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-800 sm:min-h-10"
          >
            <span className="font-medium text-slate-600 tabular-nums">#{d.itemNum}</span>
            <span className="min-w-0 flex-1 truncate" title={d.title}>
              {d.title}
            </span>
            {isIndicator(d.indicator) && (
              <span className="max-sm:hidden">
                <IndicatorBadge indicator={d.indicator} />
              </span>
            )}
            {removable && (
              <Button
                variant="ghost"
                size="sm"
                className="-mr-2 text-red-700 hover:bg-red-50"
                disabled={setDeps.isPending}
                onClick={() => void remove(d.itemNum)}
                aria-label={`Remove dependency on #${d.itemNum}`}
              >
                <X className="size-4" aria-hidden="true" />
                <span className="max-sm:sr-only">Remove</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
    );

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 border-t border-slate-200 pt-5">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          Dependencies
        </h3>
        {mayEdit && (
          <p className="mt-0.5 text-xs text-slate-600">
            Saved as soon as you add or remove one — not with the Save button.
          </p>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Depends on</h4>
          {list(dependsOn, mayEdit, "Nothing: this item can start on its own.")}
        </div>
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Blocks</h4>
          {list(dependents, false, "No other item waits for this one.")}
        </div>
      </div>
      {mayEdit && (
        <DependencyCombobox
          scope={scope}
          exclude={[itemNum, ...current]}
          busy={setDeps.isPending}
          error={error}
          onPick={add}
          onType={() => setError(null)}
        />
      )}
    </section>
  );
}

function DependencyCombobox({
  scope,
  exclude,
  busy,
  error,
  onPick,
  onType,
}: {
  scope: Scope;
  exclude: number[];
  busy: boolean;
  error: string | null;
  onPick: (itemNum: number) => Promise<boolean>;
  onType: () => void;
}) {
  const uid = useId();
  const inputId = `${uid}-input`;
  const listId = `${uid}-list`;
  const hintId = `${uid}-hint`;
  const errorId = `${uid}-error`;
  const [q, setQ] = useState("");
  const [search, setSearch] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const t = window.setTimeout(() => setSearch(dependencySearch(q)), 250);
    return () => window.clearTimeout(t);
  }, [q]);

  const results = api.item.list.useQuery(
    { ...scope, search, limit: 20, sort: { by: "itemNum", dir: "asc" } },
    { enabled: open, staleTime: 30_000, placeholderData: keepPreviousData },
  );
  const options = (results.data?.items ?? []).filter((r) => !exclude.includes(r.itemNum)).slice(0, 12);
  const activeOption = active >= 0 && active < options.length ? options[active] : undefined;

  async function pick(n: number) {
    if (busy) return;
    setOpen(false);
    setActive(-1);
    if (await onPick(n)) setQ("");
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) setOpen(true);
      if (options.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a + step + options.length) % options.length);
    } else if (e.key === "Enter") {
      // Never submit the item form from here.
      e.preventDefault();
      if (open && activeOption) void pick(activeOption.itemNum);
      else if (open && options.length === 1) void pick(options[0]!.itemNum);
    } else if (e.key === "Escape" && open) {
      // Close the list, not the dialog.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        Add a dependency
      </label>
      <div className="relative">
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500"
          aria-hidden="true"
        />
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? `${listId}-${activeOption.itemNum}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : hintId}
          autoComplete="off"
          placeholder="Search by title or #number"
          value={q}
          // Not disabled while saving: that would drop focus (and the error that follows).
          aria-busy={busy || undefined}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
            setActive(-1);
            onType();
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          className={cn(controlClasses, "min-h-11 pl-9 sm:min-h-10")}
        />
        {busy && (
          <LoaderCircle
            className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-slate-500"
            aria-hidden="true"
          />
        )}
      </div>
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Items this one can depend on"
          // Not a Tab stop (browsers make a scrolling box focusable): the input drives the list through
          // aria-activedescendant, and the list closes when the input loses focus.
          tabIndex={-1}
          className="max-h-64 overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 shadow-md"
        >
          {options.map((o, i) => (
            <li
              key={o.itemNum}
              id={`${listId}-${o.itemNum}`}
              role="option"
              aria-selected={i === active}
              // Keep focus in the input so the list does not close before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void pick(o.itemNum)}
              onMouseEnter={() => setActive(i)}
              className={cn(
                "flex min-h-11 cursor-pointer items-center gap-2 px-3 py-1.5 text-sm text-slate-800 sm:min-h-9",
                i === active && "bg-blue-50 text-blue-950",
              )}
            >
              <span className="font-medium text-slate-600 tabular-nums">#{o.itemNum}</span>
              <span className="min-w-0 flex-1 truncate">{o.title}</span>
              <TypeBadge type={o.type} compact className="max-sm:hidden" />
            </li>
          ))}
          {options.length === 0 && (
            <li role="presentation" className="px-3 py-2 text-sm text-slate-600">
              {results.isFetching ? "Searching…" : q.trim() ? "No matching items" : "No other items yet"}
            </li>
          )}
        </ul>
      )}
      {error ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : (
        <p id={hintId} className="text-xs text-slate-600">
          Items of this project that must finish first. Cycles are refused.
        </p>
      )}
    </div>
  );
}
