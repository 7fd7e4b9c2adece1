import { indicatorRank } from "@/domain/indicators";
import type { Indicator } from "@/domain/types";
import type { SortState } from "./item-filters";

type Sortable = {
  itemNum: number;
  type: string;
  workstream: string | null;
  title: string;
  assignedTo: string | null;
  indicator: Indicator | null;
  deadline: string | null;
  updatedAt: Date | string;
};

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function value(item: Sortable, by: SortState["by"]): string | number | null {
  switch (by) {
    case "indicator":
      return item.indicator ? indicatorRank(item.indicator) : null;
    case "updatedAt":
      return new Date(item.updatedAt).getTime();
    default:
      return item[by] || (by === "itemNum" ? item.itemNum : null);
  }
}

/** A sorted copy; empty values go last in either direction, ties by item number. */
export function sortRows<T extends Sortable>(rows: readonly T[], { by, dir }: SortState): T[] {
  const sign = dir === "desc" ? -1 : 1;
  return [...rows].sort((x, y) => {
    const a = value(x, by);
    const b = value(y, by);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const c = typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b));
      if (c !== 0) return sign * c;
    }
    return x.itemNum - y.itemNum;
  });
}
