import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "@/lib/cn";

export type SortDir = "asc" | "desc";

/** A column heading that sorts the table; announces its state through aria-sort. */
export function SortHeader<K extends string>({
  label,
  column,
  sort,
  onSort,
  align = "left",
}: {
  label: string;
  column: K;
  sort: { key: K; dir: SortDir };
  onSort: (key: K) => void;
  align?: "left" | "right";
}) {
  const active = sort.key === column;
  const Icon = !active ? ArrowUpDown : sort.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
      className={cn("px-3 py-2 font-medium", align === "right" && "text-right")}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className={cn(
          "inline-flex min-h-9 items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600",
          align === "right" && "flex-row-reverse",
          active ? "text-slate-900" : "text-slate-700",
        )}
      >
        {label}
        <Icon className={cn("size-3.5", !active && "opacity-50")} aria-hidden="true" />
      </button>
    </th>
  );
}

/** Next sort state when a heading is pressed: a new column starts with `firstDir`, the same one flips. */
export function nextSort<K extends string>(
  sort: { key: K; dir: SortDir },
  key: K,
  firstDir: SortDir = "asc",
) {
  return sort.key === key
    ? { key, dir: sort.dir === "asc" ? ("desc" as const) : ("asc" as const) }
    : { key, dir: firstDir };
}
