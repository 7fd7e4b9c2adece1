import { cn } from "@/lib/cn";

/** One column heading: its text, right-aligned for numbers, and any classes of its own. */
export type HeadColumn = { label: React.ReactNode; key?: string; numeric?: boolean; className?: string };

/**
 * The <thead> of a data table: one row of <th scope="col">, each with `cellClassName`
 * (the table's padding and weight) and right-aligned where the column holds numbers.
 */
export function TableHead({
  columns,
  className,
  cellClassName,
  sticky = false,
}: {
  /** A plain string is a left-aligned heading with that text. */
  columns: (string | HeadColumn)[];
  className?: string;
  cellClassName: string;
  /** Keep the headings in view while the table's own box scrolls. */
  sticky?: boolean;
}) {
  return (
    <thead className={cn(sticky && "sticky top-0", className)}>
      <tr>
        {columns.map((c) => {
          const col = typeof c === "string" ? { label: c } : c;
          return (
            <th
              key={col.key ?? String(col.label)}
              scope="col"
              className={cn(cellClassName, col.numeric && "text-right", col.className)}
            >
              {col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
