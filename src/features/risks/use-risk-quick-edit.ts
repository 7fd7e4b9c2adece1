"use client";

/**
 * Optimistic quick edit of probability / impact from the risk register, like
 * the All-items quick edits (use-item-quick-edit.ts): the cached register
 * (row scores, heat maps, exposure) changes at once; the save reads the
 * item's current version and refuses (as a conflict) when someone else has
 * changed its probability or impact since the register was loaded; a failure
 * puts the row back (a CONFLICT shows their values instead) and ends in a
 * toast; afterwards what an item.update makes stale is refetched.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useToast } from "@/components/ui/toast";
import type { RiskLevel } from "@/domain/risk-assessment";
import type { RegisterRow } from "@/domain/risk";
import { errorInfo } from "@/lib/trpc-error";
import { refreshAfter } from "@/trpc/query-client";
import { api } from "@/trpc/react";
import { patchRegister } from "./register-state";

export type RiskQuickChanges = { probability?: RiskLevel; impact?: RiskLevel };

class StaleRow extends Error {}

export function useRiskQuickEdit(scope: { orgSlug: string; projectId: string }) {
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { orgSlug, projectId } = scope;
  const [pending, setPending] = useState<ReadonlySet<number>>(() => new Set());

  const save = useCallback(
    async (row: RegisterRow, changes: RiskQuickChanges) => {
      const { itemNum } = row;
      const key = { orgSlug, projectId };
      setPending((s) => new Set(s).add(itemNum));
      // A refetch landing now would overwrite the optimistic row with the old one.
      await utils.project.riskRegister.cancel(key);
      utils.project.riskRegister.setData(key, (reg) => (reg ? patchRegister(reg, itemNum, changes) : reg));
      try {
        const current = await utils.item.get.fetch({ ...key, itemNum }, { staleTime: 0 });
        if (current.probability !== row.probability || current.impact !== row.impact) throw new StaleRow();
        await utils.client.item.update.mutate({ ...key, itemNum, version: current.version, ...changes });
        const what = [
          changes.probability !== undefined && `probability ${changes.probability}`,
          changes.impact !== undefined && `impact ${changes.impact}`,
        ].filter(Boolean);
        toast.success(`Saved item #${itemNum}`, `Set ${what.join(" and ")}.`);
      } catch (err) {
        const info = errorInfo(err);
        if (err instanceof StaleRow || info.code === "CONFLICT") {
          // Someone else saved first: the refetch below shows their values.
          toast.error(
            `Item #${itemNum} was changed by someone else`,
            "Your change was not saved. The register now shows their version; try again.",
          );
        } else {
          utils.project.riskRegister.setData(key, (reg) =>
            reg
              ? patchRegister(reg, itemNum, {
                  probability: row.probability as RiskLevel | null,
                  impact: row.impact as RiskLevel | null,
                })
              : reg,
          );
          toast.error(`Couldn't save item #${itemNum}`, info.message);
        }
      } finally {
        setPending((s) => {
          const next = new Set(s);
          next.delete(itemNum);
          return next;
        });
        void refreshAfter(queryClient, "item.update", key);
      }
    },
    [utils, queryClient, toast, orgSlug, projectId],
  );

  const saving = useCallback((itemNum: number) => pending.has(itemNum), [pending]);
  return { save, saving };
}
