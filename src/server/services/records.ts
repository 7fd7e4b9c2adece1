/** Loading a project as the domain's plain records (ItemRecord, ProjectMeta). */
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import { dateToIso } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { isIndicator } from "@/domain/indicators";
import type { ItemRecord, ItemType, ProjectMeta } from "@/domain/types";

type Db = TenantDb | TenantPrisma.TransactionClient;
const iso = (d: Date | null) => (d ? dateToIso(d) : null);

export type ProjectRecords = { meta: ProjectMeta; items: (ItemRecord & { updatedAt: Date })[] };

/** The project columns of its ProjectMeta (its workstreams come separately). */
export const PROJECT_META_SELECT = {
  name: true,
  clientName: true,
  projectStart: true,
  projectEnd: true,
  nextItemNum: true,
} as const;

export async function loadProjectRecords(
  db: Db,
  projectId: string,
  opts: { withNotes?: boolean } = {},
): Promise<ProjectRecords> {
  const project = await db.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: {
      ...PROJECT_META_SELECT,
      workstreams: { select: { id: true, name: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] },
    },
  });
  if (!project) throw new DomainError("NOT_FOUND", "Project not found");
  // Flat queries joined in memory: much cheaper than nested relation loading on large projects.
  const [rows, deps, notes] = await Promise.all([
    db.item.findMany({
      where: { projectId, deletedAt: null },
      orderBy: { itemNum: "asc" },
      select: {
        id: true,
        itemNum: true,
        type: true,
        title: true,
        description: true,
        workstreamId: true,
        assignedTo: true,
        startDate: true,
        finishDate: true,
        deadline: true,
        duration: true,
        percentComplete: true,
        draft: true,
        clientVisible: true,
        priority: true,
        rptOut: true,
        budgetAmount: true,
        indicator: true,
        probability: true,
        impact: true,
        residualProbability: true,
        residualImpact: true,
        riskOwner: true,
        mitigation: true,
        contingency: true,
        costImpact: true,
        scheduleImpactDays: true,
        updatedAt: true,
      },
    }),
    db.$queryRaw<{ item: number; dep: number }[]>`
      SELECT a.item_num AS item, b.item_num AS dep
        FROM item_dependencies d
        JOIN items a ON a.id = d.item_id
        JOIN items b ON b.id = d.depends_on_id
       WHERE a.project_id = ${projectId}::uuid AND a.deleted_at IS NULL AND b.deleted_at IS NULL`,
    opts.withNotes === false
      ? Promise.resolve([])
      : db.itemNote.findMany({
          where: { deletedAt: null, item: { projectId, deletedAt: null } },
          select: { itemId: true, noteDate: true, content: true, authorName: true },
          orderBy: [{ noteDate: "desc" }, { createdAt: "desc" }],
        }),
  ]);
  const wsName = new Map(project.workstreams.map((w) => [w.id, w.name]));
  const depsOf = new Map<number, number[]>();
  for (const d of deps) depsOf.set(d.item, [...(depsOf.get(d.item) ?? []), d.dep]);
  const notesOf = new Map<string, ItemRecord["notes"]>();
  for (const n of notes) {
    const list = notesOf.get(n.itemId) ?? [];
    list.push({ date: dateToIso(n.noteDate), content: n.content, author: n.authorName });
    notesOf.set(n.itemId, list);
  }
  const items = rows.map((r) => ({
    itemNum: r.itemNum,
    type: r.type as ItemType,
    title: r.title,
    description: r.description,
    workstream: r.workstreamId ? (wsName.get(r.workstreamId) ?? null) : null,
    assignedTo: r.assignedTo,
    start: iso(r.startDate),
    finish: iso(r.finishDate),
    deadline: iso(r.deadline),
    duration: r.duration,
    percentComplete: r.percentComplete,
    draft: r.draft,
    clientVisible: r.clientVisible,
    priority: r.priority,
    rptOut: r.rptOut,
    budgetAmount: r.budgetAmount ? r.budgetAmount.toFixed(2) : null,
    indicator: isIndicator(r.indicator) ? r.indicator : null,
    notes: notesOf.get(r.id) ?? [],
    dependsOn: (depsOf.get(r.itemNum) ?? []).sort((a, b) => a - b),
    probability: r.probability,
    impact: r.impact,
    residualProbability: r.residualProbability,
    residualImpact: r.residualImpact,
    riskOwner: r.riskOwner,
    mitigation: r.mitigation,
    contingency: r.contingency,
    costImpact: r.costImpact ? r.costImpact.toFixed(2) : null,
    scheduleImpactDays: r.scheduleImpactDays,
    updatedAt: r.updatedAt,
  }));
  return {
    meta: {
      name: project.name,
      clientName: project.clientName,
      projectStart: iso(project.projectStart),
      projectEnd: iso(project.projectEnd),
      nextItemNum: project.nextItemNum,
      workstreams: project.workstreams.map((w) => w.name),
    },
    items,
  };
}
