/**
 * The bulk inserts of an import's items, notes and dependencies (see
 * import.ts), shared by every way in: v1 YAML, CSV and Excel.
 */
import type { IsoDate, ItemRecord } from "@/domain/types";
import { computeIndicator } from "@/domain/indicators";
import type { BulkInsert } from "./bulk-insert";
import { indicatorColumns } from "./items";

export function itemInsert(
  projectId: string,
  actorId: string | null,
  wsId: ReadonlyMap<string, string>,
  idOf: (itemNum: number) => string,
  memberOf: (assignee: string | null) => string | null,
  today: IsoDate,
): BulkInsert<ItemRecord> {
  const indicator = (i: ItemRecord) => indicatorColumns(computeIndicator(i, today));
  return {
    table: "items",
    describe: (i) => `item ${i.itemNum}`,
    columns: [
      { name: "id", type: "uuid", value: (i) => idOf(i.itemNum) },
      { name: "project_id", type: "uuid", value: () => projectId },
      { name: "item_num", type: "int", value: (i) => i.itemNum },
      { name: "type", type: "text", value: (i) => i.type },
      { name: "title", type: "text", value: (i) => i.title },
      { name: "description", type: "text", value: (i) => i.description },
      {
        name: "workstream_id",
        type: "uuid",
        value: (i) => (i.workstream ? (wsId.get(i.workstream.toLowerCase()) ?? null) : null),
      },
      { name: "assigned_to", type: "text", value: (i) => i.assignedTo },
      { name: "assigned_to_user_id", type: "uuid", value: (i) => memberOf(i.assignedTo) },
      { name: "start_date", type: "date", value: (i) => i.start },
      { name: "finish_date", type: "date", value: (i) => i.finish },
      { name: "deadline", type: "date", value: (i) => i.deadline },
      { name: "duration", type: "int", value: (i) => i.duration },
      { name: "draft", type: "bool", value: (i) => i.draft },
      { name: "client_visible", type: "bool", value: (i) => i.clientVisible },
      { name: "percent_complete", type: "int", value: (i) => i.percentComplete },
      { name: "priority", type: "text", value: (i) => i.priority },
      {
        name: "rpt_out",
        type: "jsonb",
        value: (i) => JSON.stringify(i.rptOut),
        select: "ARRAY(SELECT jsonb_array_elements_text(u.rpt_out))::varchar(20)[]",
      },
      { name: "budget_amount", type: "numeric", value: (i) => i.budgetAmount },
      { name: "probability", type: "int", value: (i) => i.probability ?? null },
      { name: "impact", type: "int", value: (i) => i.impact ?? null },
      { name: "residual_probability", type: "int", value: (i) => i.residualProbability ?? null },
      { name: "residual_impact", type: "int", value: (i) => i.residualImpact ?? null },
      { name: "risk_owner", type: "text", value: (i) => i.riskOwner ?? null },
      { name: "mitigation", type: "text", value: (i) => i.mitigation ?? null },
      { name: "contingency", type: "text", value: (i) => i.contingency ?? null },
      { name: "cost_impact", type: "numeric", value: (i) => i.costImpact ?? null },
      { name: "schedule_impact_days", type: "int", value: (i) => i.scheduleImpactDays ?? null },
      { name: "indicator", type: "text", value: (i) => indicator(i).indicator },
      { name: "severity_rank", type: "int", value: (i) => indicator(i).severityRank },
      { name: "created_by_id", type: "uuid", value: () => actorId },
      { name: "updated_by_id", type: "uuid", value: () => actorId },
    ],
    computed: [{ name: "updated_at", select: "now()" }],
  };
}

export type NoteRow = { itemNum: number; itemId: string; note: ItemRecord["notes"][number] };

export function* notesOf(
  items: readonly ItemRecord[],
  idOf: (itemNum: number) => string,
): Generator<NoteRow> {
  for (const i of items)
    for (const note of i.notes) yield { itemNum: i.itemNum, itemId: idOf(i.itemNum), note };
}

export const NOTE_INSERT: BulkInsert<NoteRow> = {
  table: "item_notes",
  describe: (n) => `item ${n.itemNum}, note of ${n.note.date}`,
  columns: [
    { name: "item_id", type: "uuid", value: (n) => n.itemId },
    { name: "note_date", type: "date", value: (n) => n.note.date },
    { name: "content", type: "text", value: (n) => n.note.content },
    { name: "author_name", type: "text", value: (n) => n.note.author ?? null },
  ],
  computed: [{ name: "id", select: "gen_random_uuid()" }],
};

type DependencyRow = { itemNum: number; itemId: string; dependsOnNum: number; dependsOnId: string };

export function* dependenciesOf(
  items: readonly ItemRecord[],
  idOf: (itemNum: number) => string,
): Generator<DependencyRow> {
  for (const i of items) {
    for (const d of i.dependsOn)
      yield { itemNum: i.itemNum, itemId: idOf(i.itemNum), dependsOnNum: d, dependsOnId: idOf(d) };
  }
}

export const DEPENDENCY_INSERT: BulkInsert<DependencyRow> = {
  table: "item_dependencies",
  describe: (d) => `item ${d.itemNum}, dependency on #${d.dependsOnNum}`,
  columns: [
    { name: "item_id", type: "uuid", value: (d) => d.itemId },
    { name: "depends_on_id", type: "uuid", value: (d) => d.dependsOnId },
  ],
};

/** One answer per distinct text (a log names the same few people thousands of times). */
export function memo(match: (text: string | null) => string | null): (text: string | null) => string | null {
  const seen = new Map<string | null, string | null>();
  return (text) => {
    if (!seen.has(text)) seen.set(text, match(text));
    return seen.get(text)!;
  };
}
