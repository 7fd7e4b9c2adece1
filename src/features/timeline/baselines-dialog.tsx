"use client";

import { Camera, GitCompareArrows, Trash2 } from "lucide-react";
import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { QueryError } from "@/components/query-error";
import { formatIsoDate, plural } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { useAppForm } from "@/lib/use-app-form";
import { ZBaselineName } from "@/contracts/risk-schedule";
import { api, type RouterOutputs } from "@/trpc/react";

export type BaselineSummary = RouterOutputs["baseline"]["list"][number];

/** The day a baseline was taken, as a calendar date (UTC, so server and browser agree). */
export const takenOn = (b: { createdAt: Date | string }) => new Date(b.createdAt).toISOString().slice(0, 10);

const ZTakeBaseline = z.object({ name: ZBaselineName });

/**
 * Baselines of the project: take one (people who may manage the project —
 * baseline.create needs `project.manage`), see them all, compare with one,
 * delete one (asked twice). Viewers and team members only see and compare.
 */
export function BaselinesDialog({
  orgSlug,
  projectId,
  open,
  onClose,
  mayManage,
  comparedId,
  onCompare,
}: {
  orgSlug: string;
  projectId: string;
  open: boolean;
  onClose: () => void;
  mayManage: boolean;
  comparedId: string | null;
  onCompare: (id: string | null) => void;
}) {
  const scope = { orgSlug, projectId };
  const toast = useToast();
  const list = api.baseline.list.useQuery(scope, { enabled: open });
  const create = api.baseline.create.useMutation();
  const remove = api.baseline.delete.useMutation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const { form, formRef, formError, onSubmit, fieldError } = useAppForm({
    schema: ZTakeBaseline,
    defaultValues: { name: "" },
    onSubmit: async ({ name }) => {
      const b = await create.mutateAsync({ ...scope, name });
      form.reset({ name: "" });
      toast.success(`Baseline “${b.name}” taken`, `${plural(b.items, "item")} in the snapshot`);
    },
  });

  async function onDelete(b: BaselineSummary) {
    setDeleteError(null);
    try {
      await remove.mutateAsync({ ...scope, baselineId: b.id });
      setConfirming(null);
      if (comparedId === b.id) onCompare(null);
      toast.success(`Baseline “${b.name}” deleted`);
    } catch (err) {
      setDeleteError(errorInfo(err).message);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Baselines"
      description="A baseline is a snapshot of every item's dates. Compare the plan with one to see what slipped."
      size="md"
    >
      <div className="flex flex-col gap-5">
        {mayManage && (
          <form
            ref={formRef}
            noValidate
            onSubmit={onSubmit}
            aria-busy={create.isPending}
            className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-slate-50 p-3"
          >
            <FormError>{formError}</FormError>
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
              <Field label="Baseline name" error={fieldError("name")} className="flex-1">
                <Input
                  {...form.register("name")}
                  placeholder="e.g. Plan agreed with the client"
                  maxLength={200}
                  autoComplete="off"
                  data-autofocus
                />
              </Field>
              <Button type="submit" loading={create.isPending} className="sm:mt-7">
                <Camera className="size-4" aria-hidden="true" />
                Take baseline
              </Button>
            </div>
            <p className="text-xs text-slate-600">
              Takes today&apos;s start and finish of every item (drafts left out).
            </p>
          </form>
        )}

        <section aria-labelledby="baselines-list-h">
          <h3 id="baselines-list-h" className="text-sm font-semibold text-slate-900">
            Taken so far
          </h3>
          <FormError className="mt-2">{deleteError}</FormError>
          {list.isError ? (
            <QueryError what="the baselines" error={list.error} onRetry={() => void list.refetch()} />
          ) : !list.data ? (
            <LoadingRegion label="Loading the baselines" className="mt-2 flex flex-col gap-2">
              <Skeleton className="h-12" />
              <Skeleton className="h-12" />
            </LoadingRegion>
          ) : list.data.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">
              No baselines yet.{" "}
              {mayManage
                ? "Name one above to keep today's plan for later comparison."
                : "A project manager can take one."}
            </p>
          ) : (
            <ul
              className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200"
              aria-label="Baselines"
            >
              {list.data.map((b) => (
                <li key={b.id} className="flex flex-col gap-2 px-3 py-2.5" data-baseline={b.name}>
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
                    <div className="min-w-0 flex-1">
                      <p className="font-medium break-words text-slate-900">{b.name}</p>
                      <p className="text-xs text-slate-600">
                        Taken {formatIsoDate(takenOn(b))} · {plural(b.items, "item")}
                        {b.source === "import" ? " · on import" : ""}
                      </p>
                    </div>
                    {comparedId === b.id ? (
                      <Button size="sm" variant="secondary" onClick={() => onCompare(null)}>
                        Stop comparing
                      </Button>
                    ) : (
                      <Button
                        size="sm"
                        variant="secondary"
                        onClick={() => {
                          onCompare(b.id);
                          onClose();
                        }}
                      >
                        <GitCompareArrows className="size-4" aria-hidden="true" />
                        Compare
                      </Button>
                    )}
                    {mayManage && confirming !== b.id && (
                      <Button
                        size="sm"
                        variant="ghost"
                        className="text-red-700 hover:bg-red-50"
                        onClick={() => {
                          setDeleteError(null);
                          setConfirming(b.id);
                        }}
                      >
                        <Trash2 className="size-4" aria-hidden="true" />
                        Delete<span className="sr-only"> baseline {b.name}</span>
                      </Button>
                    )}
                  </div>
                  {confirming === b.id && (
                    <div
                      role="group"
                      aria-label={`Delete baseline ${b.name}?`}
                      className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900"
                    >
                      <span className="flex-1 font-medium">Delete “{b.name}”? This cannot be undone.</span>
                      <Button
                        size="sm"
                        variant="danger"
                        loading={remove.isPending}
                        onClick={() => void onDelete(b)}
                      >
                        Delete
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                        Keep
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Dialog>
  );
}
