"use client";

import { ArrowLeft, Briefcase, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BurnedBar } from "@/features/budget/burn-progress";
import { BudgetStatusBadge } from "@/features/budget/status-badge";
import { formatMoney } from "@/features/budget/format";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead } from "@/components/ui/table-head";
import { useToast } from "@/components/ui/toast";
import { canOrg, type OrgRole } from "@/domain/permissions";
import type { Severity } from "@/domain/types";
import { cn } from "@/lib/cn";
import { SEVERITY_META } from "@/lib/item-meta";
import { api } from "@/trpc/react";
import { PortfolioFormDialog } from "./portfolio-form";

const SHOWN: Severity[] = ["critical", "warning", "active", "upcoming"];

export function PortfolioDashboard({
  orgSlug,
  portfolioId,
  orgRole,
}: {
  orgSlug: string;
  portfolioId: string;
  orgRole: OrgRole;
}) {
  const router = useRouter();
  const toast = useToast();
  const isAdmin = canOrg(orgRole, "org.manageSettings");
  // Prefetched by the page (loading.tsx and error.tsx stand in otherwise).
  const [dash] = api.portfolio.dashboard.useSuspenseQuery({ orgSlug, portfolioId });
  const [editing, setEditing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [deleting, setDeleting] = useState(false);
  const update = api.portfolio.update.useMutation({
    onSuccess: () => {
      setEditing(false);
      toast.success("Portfolio saved");
    },
    onError: (e) => toast.error("Couldn't save the portfolio", e.message),
  });
  const del = api.portfolio.delete.useMutation({
    onSuccess: () => {
      toast.success("Portfolio deleted", "Its projects were not changed.");
      router.push(`/o/${orgSlug}/portfolios`);
    },
    onError: (e) => toast.error("Couldn't delete the portfolio", e.message),
  });

  const back = (
    <Link href={`/o/${orgSlug}/portfolios`} className="inline-flex items-center gap-1 hover:underline">
      <ArrowLeft className="size-3.5" aria-hidden="true" />
      Portfolios
    </Link>
  );

  const { portfolio, counts, budget, projects } = dash;
  const open = SHOWN.reduce((n, s) => n + counts[s], 0);

  return (
    <PageContainer>
      <PageHeader
        eyebrow={back}
        title={portfolio.name}
        description={portfolio.description || undefined}
        actions={
          isAdmin && (
            <>
              <Button
                variant="secondary"
                onClick={() => {
                  update.reset();
                  setFormKey((k) => k + 1);
                  setEditing(true);
                }}
              >
                <Pencil className="size-4" aria-hidden="true" />
                Edit
              </Button>
              <Button variant="secondary" onClick={() => setDeleting(true)}>
                <Trash2 className="size-4 text-red-700" aria-hidden="true" />
                Delete
              </Button>
            </>
          )
        }
      />

      <section aria-labelledby="pf-counts" className="mt-6">
        <h2 id="pf-counts" className="sr-only">
          Items by severity
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {SHOWN.map((s) => (
            <div key={s} className="rounded-xl border border-slate-200 bg-white p-4">
              <dt className="flex items-center gap-1.5 text-sm font-medium text-slate-700">
                <span className={cn("size-2 rounded-full", SEVERITY_META[s].dot)} aria-hidden="true" />
                {SEVERITY_META[s].label}
              </dt>
              <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{counts[s]}</dd>
            </div>
          ))}
          <div className="rounded-xl border border-slate-200 bg-white p-4">
            <dt className="text-sm font-medium text-slate-700">Completed</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">
              {counts.completed + counts.done}
            </dd>
          </div>
          <div className="rounded-xl border border-slate-200 bg-white p-4">
            <dt className="text-sm font-medium text-slate-700">Total</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">
              {counts.total}
              <span className="ml-1 text-sm font-normal text-slate-600">({open} open)</span>
            </dd>
          </div>
        </dl>
      </section>

      <section
        aria-labelledby="pf-budget"
        className="mt-6 rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
      >
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="pf-budget" className="text-base font-semibold text-slate-900">
            Budget (all projects)
          </h2>
          {budget.budgetStatus && <BudgetStatusBadge status={budget.budgetStatus} />}
        </div>
        {budget.budgetTotal > 0 || budget.burnToDate > 0 ? (
          <>
            <dl className="mt-4 grid grid-cols-2 gap-4 lg:grid-cols-4">
              {[
                ["Budget total", budget.budgetTotal],
                ["Burn to date", budget.burnToDate],
                ["Estimated total", budget.estTotalBurn],
                ["Forecast headroom", budget.budgetRemaining],
              ].map(([label, v]) => (
                <div key={label as string}>
                  <dt className="text-sm text-slate-600">{label}</dt>
                  <dd
                    className={cn(
                      "text-lg font-semibold tabular-nums",
                      (v as number) < 0 ? "text-red-700" : "text-slate-900",
                    )}
                  >
                    {formatMoney(v as number)}
                  </dd>
                </div>
              ))}
            </dl>
            <div className="mt-4">
              <div className="flex justify-between text-sm text-slate-600">
                <span>Burned</span>
                <span className="tabular-nums">{budget.burnPct.toFixed(1)}%</span>
              </div>
              <BurnedBar
                burnPct={budget.burnPct}
                className="mt-1 h-2.5 overflow-hidden rounded-full bg-slate-100"
              >
                <div
                  className={cn("h-full rounded-full", budget.burnPct > 100 ? "bg-red-600" : "bg-blue-700")}
                  style={{ width: `${Math.min(100, Math.max(0, budget.burnPct))}%` }}
                />
              </BurnedBar>
            </div>
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600">None of these projects has budget data yet.</p>
        )}
      </section>

      <section aria-labelledby="pf-projects" className="mt-6">
        <h2 id="pf-projects" className="text-base font-semibold text-slate-900">
          Projects
        </h2>
        {projects.length === 0 ? (
          <EmptyState
            icon={Briefcase}
            title="No projects in this portfolio"
            className="mt-3"
            action={
              isAdmin && (
                <Button
                  onClick={() => {
                    setFormKey((k) => k + 1);
                    setEditing(true);
                  }}
                >
                  Add projects
                </Button>
              )
            }
          >
            {isAdmin
              ? "Add projects to see their numbers together."
              : "There are no projects here that you can see."}
          </EmptyState>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <TableHead
                className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase"
                cellClassName="px-3 py-2.5 font-semibold"
                columns={[
                  { label: "Project", className: "px-4" },
                  ...SHOWN.map((s) => ({ label: SEVERITY_META[s].label, key: s, numeric: true })),
                  { label: "Total", numeric: true },
                  { label: "Budget", numeric: true },
                  { label: "Status", className: "px-4" },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {projects.map((p) => (
                  <tr key={p.id} className="hover:bg-slate-50">
                    <th scope="row" className="px-4 py-2.5 font-medium">
                      <Link
                        href={`/o/${orgSlug}/p/${p.id}/dashboard`}
                        className="text-blue-800 hover:underline"
                      >
                        {p.name}
                      </Link>
                      {p.clientName && (
                        <span className="block text-xs font-normal text-slate-600">{p.clientName}</span>
                      )}
                    </th>
                    {SHOWN.map((s) => (
                      <td
                        key={s}
                        className={cn(
                          "px-3 py-2.5 text-right tabular-nums",
                          s === "critical" && p.counts[s] > 0 && "font-semibold text-red-700",
                        )}
                      >
                        {p.counts[s]}
                      </td>
                    ))}
                    <td className="px-3 py-2.5 text-right tabular-nums">{p.counts.total}</td>
                    <td className="px-3 py-2.5 text-right tabular-nums">
                      {p.budget?.hasBudget ? (
                        formatMoney(p.budget.budgetTotal)
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                    <td className="px-4 py-2.5">
                      {p.budget?.budgetStatus ? (
                        <BudgetStatusBadge status={p.budget.budgetStatus} />
                      ) : (
                        <span className="text-slate-500">No budget</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {isAdmin && editing && (
        <PortfolioFormDialog
          key={formKey}
          open={editing}
          onClose={() => setEditing(false)}
          orgSlug={orgSlug}
          title="Edit portfolio"
          submitLabel="Save"
          initial={{
            name: portfolio.name,
            description: portfolio.description ?? "",
            projectIds: portfolio.projectIds,
          }}
          pending={update.isPending}
          onSubmit={(v) =>
            update.mutateAsync({
              orgSlug,
              portfolioId,
              name: v.name,
              description: v.description || null,
              projectIds: v.projectIds,
            })
          }
        />
      )}
      {isAdmin && (
        <ConfirmDialog
          open={deleting}
          title="Delete this portfolio?"
          confirmLabel="Delete portfolio"
          danger
          pending={del.isPending}
          error={del.error?.message}
          onConfirm={() => del.mutate({ orgSlug, portfolioId })}
          onClose={() => setDeleting(false)}
        >
          &ldquo;{portfolio.name}&rdquo; will be removed. Its projects and their items are not affected.
        </ConfirmDialog>
      )}
    </PageContainer>
  );
}
