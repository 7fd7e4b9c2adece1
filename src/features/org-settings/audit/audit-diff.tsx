"use client";

import { fieldLabel } from "@/domain/audit-text";
import { cn } from "@/lib/cn";

type Json = unknown;

const show = (v: Json) =>
  v === undefined ? "" : v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v, null, 2);
const isObj = (v: Json): v is Record<string, Json> => !!v && typeof v === "object" && !Array.isArray(v);

/** Before/after as text: changed fields only for updates, every field for creates and deletes. */
export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  if (before == null && after == null)
    return <p className="text-sm text-slate-600">No details were recorded.</p>;
  const rows: { key: string; before?: Json; after?: Json; changed: boolean }[] = [];
  if (isObj(before) || isObj(after)) {
    const b = isObj(before) ? before : {};
    const a = isObj(after) ? after : {};
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      const changed = JSON.stringify(b[key]) !== JSON.stringify(a[key]);
      rows.push({
        key,
        before: key in b ? b[key] : undefined,
        after: key in a ? a[key] : undefined,
        changed,
      });
    }
  } else rows.push({ key: "value", before: before ?? undefined, after: after ?? undefined, changed: true });
  const both = before != null && after != null;
  const changed = rows.filter((r) => r.changed);
  const unchanged = both ? rows.length - changed.length : 0;
  const list = both ? changed : rows;

  return (
    <div className="flex flex-col gap-2">
      {list.length === 0 && <p className="text-sm text-slate-600">No field changed.</p>}
      <div
        tabIndex={0}
        role="region"
        aria-label="Changed fields"
        className="overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 font-mono text-xs leading-5"
      >
        {list.map((r) => (
          <div key={r.key} className="border-b border-slate-200 px-3 py-1.5 last:border-b-0">
            <div className="font-semibold text-slate-800">{fieldLabel(r.key)}</div>
            {r.before !== undefined && (
              <pre className={cn("break-words whitespace-pre-wrap", both && "bg-red-50 text-red-900")}>
                {both ? "- " : ""}
                {show(r.before)}
              </pre>
            )}
            {r.after !== undefined && (
              <pre className={cn("break-words whitespace-pre-wrap", both && "bg-green-50 text-green-900")}>
                {both ? "+ " : ""}
                {show(r.after)}
              </pre>
            )}
          </div>
        ))}
      </div>
      {unchanged > 0 && <p className="text-xs text-slate-600">{unchanged} other fields unchanged.</p>}
    </div>
  );
}
