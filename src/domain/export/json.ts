/**
 * JSON export: the project and its items with their indicators, ordered by
 * item number. Items must already carry their indicator as of `asOf`.
 */
import type { IsoDate, ItemRecord, ProjectMeta } from "../types";

export type JsonExport = {
  format: "braidmgr.items";
  version: 1;
  generatedOn: IsoDate;
  asOf: IsoDate;
  project: ProjectMeta;
  items: ItemRecord[];
};

/**
 * `includeNotes: false` drops every note, for client reports (notes are
 * internal). The caller chooses the items (see `applyFilters`).
 */
export function jsonExport(
  project: ProjectMeta,
  items: readonly ItemRecord[],
  opts: { generatedOn: IsoDate; asOf: IsoDate; includeNotes?: boolean },
): JsonExport {
  const { includeNotes = true } = opts;
  return {
    format: "braidmgr.items",
    version: 1,
    generatedOn: opts.generatedOn,
    asOf: opts.asOf,
    project,
    items: [...items]
      .sort((a, b) => a.itemNum - b.itemNum)
      .map((item) => (includeNotes ? item : { ...item, notes: [] })),
  };
}
