/**
 * Drafting from notes and the weekly status report (SPEC §14; names in
 * CONTRACT.md "Assistant actions and notifications").
 */
import { z } from "zod";
import { ITEM_TYPES } from "@/domain/types";
import { ZInt4, ZIsoDate } from "./common";
import { ZItemFields } from "./item";

const ZItemNum = ZInt4.positive({ error: "Not an item number" });

export const ZCreateProposal = z.object({
  kind: z.literal("create"),
  type: z.enum(ITEM_TYPES, { error: `Choose one of: ${ITEM_TYPES.join(", ")}` }),
  title: z.string().trim().min(1, "Enter a title").max(500, "Use at most 500 characters"),
  assignedTo: z.string().trim().max(200, "Use at most 200 characters").optional(),
  finish: ZIsoDate.optional(),
  deadline: ZIsoDate.optional(),
});

export const ZNoteProposal = z.object({
  kind: z.literal("note"),
  itemNum: ZItemNum,
  content: z.string().trim().min(1, "Write something").max(10_000, "Use at most 10,000 characters"),
});

/** The fields an update proposal may change (no type changes, no budget or risk scoring). */
export const ZProposalChanges = ZItemFields.pick({
  title: true,
  description: true,
  assignedTo: true,
  start: true,
  finish: true,
  deadline: true,
  percentComplete: true,
})
  .partial()
  .refine((c) => Object.keys(c).length > 0, "Change at least one field");

export const ZUpdateProposal = z.object({
  kind: z.literal("update"),
  itemNum: ZItemNum,
  changes: ZProposalChanges,
});

export const ZProposal = z.discriminatedUnion("kind", [ZCreateProposal, ZNoteProposal, ZUpdateProposal]);
export type TProposal = z.infer<typeof ZProposal>;

/** A proposal as proposeFromNotes returns it: for `#N`, the item's title, or why it cannot be applied. */
export type TProposalOut = TProposal & { itemTitle?: string; problem?: string };

export const ZProposeFromNotes = z.object({
  text: z.string().trim().min(1, "Paste some notes").max(20_000, "Keep pasted notes under 20,000 characters"),
});

export const ZApplyProposals = z.object({
  proposals: z.array(ZProposal).min(1, "Choose at least one proposal").max(100, "At most 100 at a time"),
});
export type TApplyProposals = z.infer<typeof ZApplyProposals>;

export const ZStatusReport = z.object({ asOf: ZIsoDate.optional() });
