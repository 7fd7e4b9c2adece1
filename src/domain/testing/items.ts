/** Test support: plain ItemRecords with every optional field empty, for the domain tests. */
import type { ItemRecord, ProjectMeta } from "../types";

/** Every field of an ItemRecord except its number, type and title, empty or at its default. */
export const EMPTY_ITEM_FIELDS = {
  description: null,
  workstream: null,
  assignedTo: null,
  start: null,
  finish: null,
  deadline: null,
  duration: null,
  percentComplete: 0,
  draft: false,
  clientVisible: true,
  priority: null,
  rptOut: [],
  budgetAmount: null,
  indicator: null,
  notes: [],
  dependsOn: [],
} satisfies Omit<ItemRecord, "itemNum" | "type" | "title">;

/** An Action Item titled `Item <n>` with every other field empty, overridden by `over`. */
export function itemRecord(over: Partial<ItemRecord> & { itemNum: number }): ItemRecord {
  return { type: "Action Item", title: `Item ${over.itemNum}`, ...EMPTY_ITEM_FIELDS, ...over };
}

/** A project's metadata but its name: no client, no dates, items numbered from 3, no workstreams. */
export const EMPTY_PROJECT_FIELDS = {
  clientName: null,
  projectStart: null,
  projectEnd: null,
  nextItemNum: 3,
  workstreams: [],
} satisfies Omit<ProjectMeta, "name">;
