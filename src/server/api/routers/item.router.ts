import { createTRPCRouter, projectAction } from "@/server/api/trpc";
import { today } from "@/server/clock";
import { canEditItem } from "@/domain/permissions";
import { createItem, getItem, listItems, setItemDeleted, updateItem } from "@/server/services/items";
import { recalculateIndicators } from "@/server/services/indicators";
import { z } from "zod";
import { ZIsoDate } from "./common.schema";
import { ZCreateItem, ZItemRef, ZListItems, ZUpdateItem } from "./item.schema";

export const itemRouter = createTRPCRouter({
  create: projectAction("item.create")
    .input(ZCreateItem)
    .mutation(({ ctx, input }) => createItem(ctx.db, ctx.audit, ctx.project.id, input, today())),

  get: projectAction("project.view")
    .input(ZItemRef)
    .query(({ ctx, input }) => getItem(ctx.db, ctx.project.id, input.itemNum)),

  list: projectAction("project.view")
    .input(ZListItems)
    .query(({ ctx, input }) => listItems(ctx.db, ctx.project.id, input)),

  update: projectAction("item.editOwn")
    .input(ZUpdateItem)
    .mutation(({ ctx, input }) => {
      const caller =
        ctx.actor.kind === "user"
          ? { userId: ctx.actor.userId, names: [ctx.actor.name, ctx.actor.email] }
          : { userId: null, names: [] };
      return updateItem(ctx.db, ctx.audit, ctx.project.id, input, today(), (item) =>
        canEditItem(ctx.projectRole, caller, item),
      );
    }),

  delete: projectAction("item.delete")
    .input(ZItemRef)
    .mutation(({ ctx, input }) => setItemDeleted(ctx.db, ctx.audit, ctx.project.id, input.itemNum, true)),

  /** "Update indicators": recompute every item as of today (or `asOf`) and stamp the project. */
  recalculateIndicators: projectAction("project.manage")
    .input(z.object({ asOf: ZIsoDate.optional() }))
    .mutation(({ ctx, input }) => recalculateIndicators(ctx.db, ctx.audit, ctx.project.id, input.asOf ?? today())),

  restore: projectAction("item.delete")
    .input(ZItemRef)
    .mutation(({ ctx, input }) => setItemDeleted(ctx.db, ctx.audit, ctx.project.id, input.itemNum, false)),
});
