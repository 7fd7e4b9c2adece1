import { z } from "zod";
import { createTRPCRouter, projectAction } from "@/server/api/trpc";
import { today } from "@/server/clock";
import { can, canEditItem, type ProjectRole } from "@/domain/permissions";
import type { Actor } from "@/server/context-types";
import { createItem, setItemDeleted, updateItem } from "@/server/services/items";
import { findItem, getItem, itemFacets, listItems, type ItemDto } from "@/server/services/item-reads";
import { cachedProjectRead } from "@/server/cache/project-reads";
import { recalculateIndicators } from "@/server/services/indicators";
import { addNote, deleteNote } from "@/server/services/notes";
import { getItemHistory } from "@/server/services/item-history";
import { setDependencies } from "@/server/services/dependencies";
import { withAssignee } from "@/server/services/assignees";
import type { NotificationSource } from "@/server/services/notifications";
import {
  notifyItemChange,
  notifyMentions,
  notifyTurnedCritical,
} from "@/server/services/notification-triggers";
import { ZIsoDate } from "@/contracts/common";
import { ZAddNote, ZCreateItem, ZItemRef, ZListItems, ZSetDependencies, ZUpdateItem } from "@/contracts/item";

/** May this caller edit this item? (team members: items they created or are assigned to, by user id) */
const editor =
  (ctx: { actor: Actor; projectRole: ProjectRole }) =>
  (item: ItemDto): boolean =>
    canEditItem(ctx.projectRole, { userId: ctx.actor.kind === "user" ? ctx.actor.userId : null }, item) ||
    ctx.actor.kind === "system";

/** Where a project procedure's notifications come from (used after its write commits). */
const source = (ctx: {
  centralDb: NotificationSource["central"];
  db: NotificationSource["db"];
  org: NotificationSource["org"];
  project: NotificationSource["project"];
  audit: { userId: string | null };
}): NotificationSource => ({
  central: ctx.centralDb,
  db: ctx.db,
  org: ctx.org,
  project: ctx.project,
  actorUserId: ctx.audit.userId,
});

/** The person to name in a notification ("… by Ana"); nobody for the system (admin scripts, jobs). */
const actorName = (ctx: { audit: { userId: string | null; name: string | null } }) =>
  ctx.audit.userId ? ctx.audit.name : null;

export const itemRouter = createTRPCRouter({
  create: projectAction("item.create")
    .input(ZCreateItem)
    .mutation(async ({ ctx, input }) => {
      const item = await createItem(
        ctx.db,
        ctx.audit,
        ctx.project.id,
        await withAssignee(ctx.centralDb, ctx.org.id, input),
        today(),
      );
      await notifyItemChange(source(ctx), null, item, actorName(ctx));
      return item;
    }),

  get: projectAction("project.view")
    .input(ZItemRef)
    .query(({ ctx, input }) => getItem(ctx.db, ctx.project.id, input.itemNum, editor(ctx))),

  list: projectAction("project.view")
    .input(ZListItems)
    .query(({ ctx, input }) =>
      cachedProjectRead(ctx, "item.list", input, () => listItems(ctx.db, ctx.project.id, input)),
    ),

  /** Who changed what on this item, when, before → after (its notes and dependencies too). */
  history: projectAction("project.view")
    .input(ZItemRef)
    .query(({ ctx, input }) => getItemHistory(ctx.db, ctx.project.id, input.itemNum)),

  /** Assignees, report codes and workstreams in use (for filter controls). */
  facets: projectAction("project.view").query(({ ctx }) =>
    cachedProjectRead(ctx, "item.facets", undefined, () => itemFacets(ctx.db, ctx.project.id)),
  ),

  update: projectAction("item.editOwn")
    .input(ZUpdateItem)
    .mutation(async ({ ctx, input }) =>
      updateItem(
        ctx.db,
        ctx.audit,
        ctx.project.id,
        await withAssignee(ctx.centralDb, ctx.org.id, input),
        today(),
        editor(ctx),
        (before, after) => notifyItemChange(source(ctx), before, after, actorName(ctx)),
      ),
    ),

  delete: projectAction("item.delete")
    .input(ZItemRef)
    .mutation(({ ctx, input }) => setItemDeleted(ctx.db, ctx.audit, ctx.project.id, input.itemNum, true)),

  restore: projectAction("item.delete")
    .input(ZItemRef)
    .mutation(({ ctx, input }) => setItemDeleted(ctx.db, ctx.audit, ctx.project.id, input.itemNum, false)),

  addNote: projectAction("item.create")
    .input(ZAddNote)
    .mutation(async ({ ctx, input }) => {
      const note = await addNote(ctx.db, ctx.audit, ctx.project.id, input, today());
      if (input.content.includes("@")) {
        const item = await findItem(ctx.db, ctx.project.id, input.itemNum);
        if (item) await notifyMentions(source(ctx), item, input.content, actorName(ctx));
      }
      return note;
    }),

  deleteNote: projectAction("item.create")
    .input(ZItemRef.extend({ noteId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      deleteNote(ctx.db, ctx.audit, ctx.project.id, input, can(ctx.projectRole, "item.delete")),
    ),

  setDependencies: projectAction("item.editOwn")
    .input(ZSetDependencies)
    .mutation(({ ctx, input }) => setDependencies(ctx.db, ctx.audit, ctx.project.id, input, editor(ctx))),

  /** "Update indicators": recompute every item as of today (or `asOf`) and stamp the project. */
  recalculateIndicators: projectAction("project.manage")
    .input(z.object({ asOf: ZIsoDate.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { turnedCritical, ...result } = await recalculateIndicators(
        ctx.db,
        ctx.audit,
        ctx.project.id,
        input.asOf ?? today(),
        today(),
      );
      await notifyTurnedCritical(source(ctx), turnedCritical);
      return result;
    }),
});
