/** Loading a project as the domain's plain records (ItemRecord, ProjectMeta). */
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import { dateToIso } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { isIndicator } from "@/domain/indicators";
import type { ItemRecord, ItemType, ProjectMeta } from "@/domain/types";

type Db = TenantDb | TenantPrisma.TransactionClient;
const iso = (d: Date | null) => (d ? dateToIso(d) : null);

export type ProjectRecords = { meta: ProjectMeta; items: (ItemRecord & { updatedAt: Date })[] };

export async function loadProjectRecords(db: Db, projectId: string, opts: { withNotes?: boolean } = {}): Promise<ProjectRecords> {
  const project = await db.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: {
      name: true,
      clientName: true,
      projectStart: true,
      projectEnd: true,
      nextItemNum: true,
      workstreams: { select: { name: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] },
    },
  });
  if (!project) throw new DomainError("NOT_FOUND", "Project not found");
  const rows = await db.item.findMany({
    where: { projectId, deletedAt: null },
    orderBy: { itemNum: "asc" },
    select: {
      id: true,
      itemNum: true,
      type: true,
      title: true,
      description: true,
      workstream: { select: { name: true } },
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
      updatedAt: true,
      dependencies: { where: { dependsOn: { deletedAt: null } }, select: { dependsOn: { select: { itemNum: true } } } },
      ...(opts.withNotes !== false
        ? {
            notes: {
              where: { deletedAt: null },
              select: { noteDate: true, content: true, authorName: true },
              orderBy: [{ noteDate: "desc" as const }, { createdAt: "desc" as const }],
            },
          }
        : {}),
    },
  });
  const items = rows.map((r) => ({
    itemNum: r.itemNum,
    type: r.type as ItemType,
    title: r.title,
    description: r.description,
    workstream: r.workstream?.name ?? null,
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
    notes: ((r as { notes?: { noteDate: Date; content: string; authorName: string | null }[] }).notes ?? []).map((n) => ({
      date: dateToIso(n.noteDate),
      content: n.content,
      author: n.authorName,
    })),
    dependsOn: r.dependencies.map((d) => d.dependsOn.itemNum).sort((a, b) => a - b),
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
