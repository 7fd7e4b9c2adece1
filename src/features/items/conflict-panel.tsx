"use client";

import { TriangleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FIELD_LABELS, displayValue, type FieldKey, type ItemFormValues } from "@/lib/item-form";

/**
 * Shown when someone else saved the item first (a CONFLICT from item.update,
 * or a newer version arriving live): what they changed, what the user changed,
 * and two ways forward — reapply the user's edits on top, or discard them.
 */
export function ConflictPanel({
  theirs,
  mine,
  current,
  values,
  onReload,
  onKeepMine,
}: {
  theirs: FieldKey[];
  mine: FieldKey[];
  current: ItemFormValues;
  values: ItemFormValues;
  onReload: () => void;
  onKeepMine: () => void;
}) {
  const fields = [...new Set([...theirs, ...mine])];
  const clashes = mine.filter((f) => theirs.includes(f));
  return (
    <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <div className="flex items-start gap-2.5">
        <TriangleExclamationPoint className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <p className="font-semibold">Someone else saved this item while you were editing.</p>
          <p className="mt-1">
            Your changes are not saved yet.{" "}
            {clashes.length > 0
              ? `You both changed ${clashes.map((f) => FIELD_LABELS[f].toLowerCase()).join(", ")}.`
              : theirs.length === 0
                ? "Their save did not touch the fields shown here."
                : "Your edits touch different fields from theirs."}
          </p>
        </div>
      </div>
      {fields.length > 0 && (
        <ul className="mt-3 flex flex-col divide-y divide-amber-100 rounded-lg border border-amber-200 bg-white text-slate-800">
          {fields.map((f) => (
            <li key={f} className="grid gap-x-4 gap-y-1 px-3 py-2 sm:grid-cols-[9rem_1fr_1fr]">
              <p className="font-semibold">
                {FIELD_LABELS[f]}
                {clashes.includes(f) && (
                  <span className="ml-1.5 text-xs font-semibold text-red-700">(both changed)</span>
                )}
              </p>
              <ConflictSide label="Saved now" changed={theirs.includes(f)}>
                {displayValue(f, current)}
              </ConflictSide>
              <ConflictSide label="Your edit" changed={mine.includes(f)}>
                {displayValue(f, values)}
              </ConflictSide>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        {mine.length > 0 && (
          <Button size="sm" onClick={onKeepMine}>
            Reapply my changes
          </Button>
        )}
        <Button size="sm" variant={mine.length > 0 ? "secondary" : "primary"} onClick={onReload}>
          Reload with their values
        </Button>
      </div>
      {mine.length > 0 && (
        <p className="mt-2 text-xs text-amber-900">
          Reapply puts your edits on top of the version saved now, for you to check and save again. Reload
          discards your edits.
        </p>
      )}
    </div>
  );
}

/** One side of a field in conflict: its value, or "unchanged" where this side left it alone. */
function ConflictSide({
  label,
  changed,
  children,
}: {
  label: string;
  changed: boolean;
  children: React.ReactNode;
}) {
  return (
    <p className="min-w-0 break-words">
      <span className="mr-1.5 text-xs font-semibold tracking-wide text-amber-900 uppercase">{label}</span>
      {changed ? children : <span className="text-slate-600">unchanged</span>}
    </p>
  );
}
