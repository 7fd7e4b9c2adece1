"use client";

import { Check, ChevronDown } from "lucide-react";
import { cn } from "@/lib/cn";
import { Popover } from "./popover";

/** A filter button that opens a list of checkboxes. */
export function MultiSelect<T extends string>({
  label,
  options,
  value,
  onChange,
  renderOption,
  format = (o) => o,
}: {
  label: string;
  options: readonly T[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  renderOption?: (o: T) => React.ReactNode;
  /** Short text for an option in the button summary. */
  format?: (o: T) => string;
}) {
  const summary =
    value.length === 0 ? "All" : value.length === 1 ? format(value[0]!) : `${value.length} selected`;
  return (
    // Named by its visible text ("Type: All") rather than an aria-label, so the name contains exactly
    // what is shown (WCAG 2.5.3, label in name).
    <Popover
      triggerClassName={cn(
        "inline-flex min-h-11 items-center gap-1.5 rounded-lg border px-3 text-sm shadow-sm sm:min-h-9",
        value.length
          ? "border-blue-300 bg-blue-50 text-blue-900"
          : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
      )}
      trigger={
        <>
          <span className="font-medium">{label}</span>
          <span className="sr-only">: </span>
          <span className={cn("max-w-36 truncate", value.length ? "text-blue-900" : "text-slate-600")}>
            {summary}
          </span>
          <ChevronDown className="size-4 shrink-0 opacity-70" aria-hidden="true" />
        </>
      }
    >
      {() => (
        <fieldset className="flex max-h-80 flex-col overflow-y-auto">
          <legend className="sr-only">{label}</legend>
          {options.length === 0 && (
            <p className="px-2.5 py-2 text-sm text-slate-600">Nothing to choose from yet.</p>
          )}
          {options.map((o) => {
            const checked = value.includes(o);
            return (
              <label
                key={o}
                className="flex min-h-11 cursor-pointer items-center gap-2.5 rounded-lg px-2.5 text-sm text-slate-800 hover:bg-slate-100 has-focus-visible:bg-slate-100 has-focus-visible:outline-2 has-focus-visible:outline-blue-600 sm:min-h-9"
              >
                <input
                  type="checkbox"
                  className="peer sr-only"
                  checked={checked}
                  onChange={() => onChange(checked ? value.filter((v) => v !== o) : [...value, o])}
                />
                <span
                  aria-hidden="true"
                  className={cn(
                    "flex size-4.5 shrink-0 items-center justify-center rounded border",
                    checked ? "border-blue-700 bg-blue-700 text-white" : "border-slate-400 bg-white",
                  )}
                >
                  {checked && <Check className="size-3.5" strokeWidth={3} />}
                </span>
                {renderOption ? renderOption(o) : o}
              </label>
            );
          })}
          {value.length > 0 && (
            <button
              type="button"
              onClick={() => onChange([])}
              className="mt-1 min-h-10 rounded-lg border-t border-slate-100 px-2.5 text-left text-sm font-medium text-blue-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 sm:min-h-9"
            >
              Clear {label.toLowerCase()}
            </button>
          )}
        </fieldset>
      )}
    </Popover>
  );
}
