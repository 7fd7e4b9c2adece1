"use client";

import { FileUp, Plus, Upload, Wallet } from "lucide-react";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { can, canOrg } from "@/domain/permissions";
import { cn } from "@/lib/cn";
import { api } from "@/trpc/react";
import { AllocationDialog } from "./allocation-dialog";
import { AllocationsPanel } from "./allocations-panel";
import { BudgetOverview } from "./budget-overview";
import { RateCardPanel } from "./rate-card-panel";
import { TimesheetCsvDialog } from "./timesheet-csv-dialog";
import { TimesheetsPanel } from "./timesheets-panel";
import { YamlImportDialog } from "./yaml-import-dialog";
import { ProjectBreadcrumb } from "@/features/items/view-header";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "allocations", label: "Allocations" },
  { id: "timesheets", label: "Timesheets" },
  { id: "rates", label: "Rate card" },
] as const;
type TabId = (typeof TABS)[number]["id"];

const tabParser = parseAsStringLiteral(TABS.map((t) => t.id)).withDefault("overview");

/** The project's Budget page: overview (metrics, chart, resources) and the editing tabs. */
export function BudgetView({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const [tab, setTabParam] = useQueryState("tab", tabParser);
  const setTab = (t: TabId) => void setTabParam(t);

  const scope = { orgSlug, projectId };
  // Prefetched by the page and the layouts (loading.tsx and error.tsx stand in otherwise).
  const [project] = api.project.get.useSuspenseQuery(scope);
  const [org] = api.org.get.useSuspenseQuery({ orgSlug });
  const [overview] = api.budget.overview.useSuspenseQuery(scope);
  const [metrics] = api.budget.metrics.useSuspenseQuery(scope);
  // For "forecast + exposure vs budget"; prefetched by the page, its failure only hides that figure.
  const register = api.project.riskRegister.useQuery(scope);

  const canEdit = can(project.role, "project.manage");
  const canEditOrgRates = canOrg(org.role, "org.manageSettings");
  const [dialog, setDialog] = useState<null | "yaml" | "allocation" | "csv">(null);

  return (
    <PageContainer>
      <PageHeader
        eyebrow={
          <ProjectBreadcrumb
            orgSlug={orgSlug}
            projectName={project.name}
            projectHref={`/o/${orgSlug}/p/${projectId}`}
          />
        }
        title="Budget"
        description="Allocations, timesheets and the rate card, and how the burn is tracking against the total."
        actions={
          canEdit && overview.hasBudget ? (
            <>
              <Button variant="secondary" onClick={() => setDialog("csv")}>
                <Upload className="size-4" aria-hidden="true" />
                Upload timesheets
              </Button>
              <Button variant="secondary" onClick={() => setDialog("yaml")}>
                <FileUp className="size-4" aria-hidden="true" />
                Import Budget YAML
              </Button>
            </>
          ) : null
        }
      />

      <div className="mt-6">
        <>
          <div
            role="tablist"
            aria-label="Budget sections"
            className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200"
          >
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`budget-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`budget-panel-${t.id}`}
                onClick={() => setTab(t.id)}
                onKeyDown={(e) => {
                  const i = TABS.findIndex((x) => x.id === t.id);
                  const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : null;
                  if (next === null) return;
                  e.preventDefault();
                  const target = TABS[(next + TABS.length) % TABS.length]!;
                  setTab(target.id);
                  document.getElementById(`budget-tab-${target.id}`)?.focus();
                }}
                tabIndex={tab === t.id ? 0 : -1}
                className={cn(
                  "-mb-px min-h-11 border-b-2 px-3 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-blue-600 sm:min-h-10",
                  tab === t.id
                    ? "border-blue-700 text-blue-800"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
                {t.id === "allocations" && <Count n={overview.counts.allocations} />}
                {t.id === "timesheets" && <Count n={overview.counts.timesheets} />}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`budget-panel-${tab}`} aria-labelledby={`budget-tab-${tab}`}>
            {tab === "overview" &&
              (overview.hasBudget ? (
                <BudgetOverview
                  m={metrics}
                  projectName={project.name}
                  exposureCost={register.data?.exposure.cost}
                  risksHref={`/o/${orgSlug}/p/${projectId}/risks`}
                />
              ) : (
                <BudgetEmptyState canEdit={canEdit} onAction={setDialog} />
              ))}
            {tab === "allocations" && (
              <AllocationsPanel
                orgSlug={orgSlug}
                projectId={projectId}
                canEdit={canEdit}
                workstreams={overview.workstreams}
              />
            )}
            {tab === "timesheets" && (
              <TimesheetsPanel
                orgSlug={orgSlug}
                projectId={projectId}
                canEdit={canEdit}
                resources={overview.resources}
                onUpload={() => setDialog("csv")}
              />
            )}
            {tab === "rates" && (
              <RateCardPanel
                orgSlug={orgSlug}
                projectId={projectId}
                canEditProject={canEdit}
                canEditOrg={canEditOrgRates}
              />
            )}
          </div>
        </>
      </div>

      {canEdit && (
        <>
          <YamlImportDialog
            orgSlug={orgSlug}
            projectId={projectId}
            open={dialog === "yaml"}
            onClose={() => setDialog(null)}
            hasBudget={overview.hasBudget}
            counts={overview.counts}
          />
          <AllocationDialog
            orgSlug={orgSlug}
            projectId={projectId}
            open={dialog === "allocation"}
            onClose={() => setDialog(null)}
            workstreams={overview.workstreams}
            entry={null}
          />
          <TimesheetCsvDialog
            orgSlug={orgSlug}
            projectId={projectId}
            open={dialog === "csv"}
            onClose={() => setDialog(null)}
          />
        </>
      )}
    </PageContainer>
  );
}

function BudgetEmptyState({
  canEdit,
  onAction,
}: {
  canEdit: boolean;
  onAction: (d: "yaml" | "allocation" | "csv") => void;
}) {
  return (
    <EmptyState
      icon={Wallet}
      title="No budget yet"
      action={
        canEdit ? (
          <div className="flex flex-wrap justify-center gap-2">
            <Button onClick={() => onAction("yaml")}>
              <FileUp className="size-4" aria-hidden="true" />
              Import a Budget YAML
            </Button>
            <Button variant="secondary" onClick={() => onAction("allocation")}>
              <Plus className="size-4" aria-hidden="true" />
              Add an allocation
            </Button>
            <Button variant="secondary" onClick={() => onAction("csv")}>
              <Upload className="size-4" aria-hidden="true" />
              Upload timesheets
            </Button>
          </div>
        ) : undefined
      }
    >
      <p>
        The budget total is the sum of the project&apos;s allocations; the burn comes from weekly timesheets
        priced with the rate card.
      </p>
      <p className="mt-2">
        {canEdit
          ? "Import a v1 Budget file (Budget-*.yaml) to bring in all three at once, or start by adding an allocation and uploading a timesheet CSV."
          : "A project manager can import the budget file or add allocations and timesheets; the figures will show here."}
      </p>
    </EmptyState>
  );
}

function Count({ n }: { n: number }) {
  return (
    <span className="ml-1.5 rounded-full bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 tabular-nums">
      {n.toLocaleString("en")}
    </span>
  );
}
