/**
 * `project.timeline`: what the Gantt chart draws — every item of the project
 * with its dates, progress, indicator as of today and the item numbers it
 * depends on — as typed data (the chart used to parse the JSON export).
 */
import type { TenantDb } from "@/server/db/tenant";
import { computeIndicator } from "@/domain/indicators";
import type { IsoDate } from "@/domain/types";
import { loadProjectRecords } from "./records";

export async function projectTimeline(db: TenantDb, projectId: string, today: IsoDate) {
  const { items } = await loadProjectRecords(db, projectId, { withNotes: false });
  return {
    today,
    items: items.map((i) => ({
      itemNum: i.itemNum,
      type: i.type,
      title: i.title,
      workstream: i.workstream,
      assignedTo: i.assignedTo,
      start: i.start,
      finish: i.finish,
      deadline: i.deadline,
      duration: i.duration,
      percentComplete: i.percentComplete,
      draft: i.draft,
      indicator: computeIndicator(i, today),
      dependsOn: i.dependsOn,
    })),
  };
}
