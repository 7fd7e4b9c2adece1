"use client";

import { RefreshCw, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { AppForm } from "@/components/ui/app-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageContainer, PageHeader } from "@/components/page-header";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { can } from "@/domain/permissions";
import { pipeTo, useAppForm } from "@/lib/use-app-form";
import { formatIsoDate, plural } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorInfo } from "@/lib/trpc-error";
import { ZUpdateProject } from "@/contracts/project";
import { api, type RouterOutputs } from "@/trpc/react";
import { WorkstreamsPanel } from "./workstreams-panel";
import { WebhooksPanel } from "./webhooks/webhooks-panel";
import { ProjectDetailsFields } from "@/features/projects/project-details-fields";

type Scope = { orgSlug: string; projectId: string };

export function Section({
  title,
  description,
  children,
  tone,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  tone?: "danger";
}) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section
      aria-labelledby={id}
      className={
        tone === "danger"
          ? "rounded-xl border border-red-200 bg-white p-4 sm:p-6"
          : "rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
      }
    >
      <h2
        id={id}
        className={
          tone === "danger"
            ? "text-base font-semibold text-red-800"
            : "text-base font-semibold text-slate-900"
        }
      >
        {title}
      </h2>
      {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** Project settings: details, workstreams, indicators, webhooks and (admins) deletion. */
export function ProjectSettingsView({ orgSlug, projectId }: Scope) {
  const scope = { orgSlug, projectId };
  // In the cache from the project layout's prefetch.
  const [p] = api.project.get.useSuspenseQuery(scope);
  const manage = can(p.role, "project.manage");
  const admin = can(p.role, "project.admin");

  return (
    <PageContainer className="max-w-3xl">
      <PageHeader
        eyebrow={p.name}
        title="Project settings"
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            Your role <RoleBadge role={p.role} />
            {!manage && (
              <span>· You can view these settings; a project manager or admin can change them.</span>
            )}
          </span>
        }
      />
      <div className="mt-6 flex flex-col gap-6">
        <DetailsSection scope={scope} project={p} canEdit={manage} />
        <Section
          title="Workstreams"
          description="Used to group items. The order here is the order in filters, reports and the editor."
        >
          <WorkstreamsPanel scope={scope} canEdit={manage} />
        </Section>
        {manage && <IndicatorsSection scope={scope} updated={p.indicatorsUpdated} />}
        {manage && (
          <Section
            title="Webhooks"
            description="Send signed HTTP requests to another system when items are created, updated or deleted, or notes are added."
          >
            <WebhooksPanel scope={scope} />
          </Section>
        )}
        {admin && <DeleteSection scope={scope} name={p.name} />}
      </div>
    </PageContainer>
  );
}

type ProjectData = RouterOutputs["project"]["get"];

/** The details form's text fields, turned into the server's update input (blanks are "not set"). */
const ZDetailsForm = pipeTo(
  z
    .object({ name: z.string(), clientName: z.string(), projectStart: z.string(), projectEnd: z.string() })
    .transform((v) => ({
      name: v.name.trim(),
      clientName: v.clientName.trim() || null,
      projectStart: v.projectStart.trim() || null,
      projectEnd: v.projectEnd.trim() || null,
    })),
  ZUpdateProject,
);

function DetailsSection({
  scope,
  project,
  canEdit,
}: {
  scope: Scope;
  project: ProjectData;
  canEdit: boolean;
}) {
  const toast = useToast();
  const update = api.project.update.useMutation();
  const app = useAppForm({
    schema: ZDetailsForm,
    defaultValues: {
      name: project.name,
      clientName: project.clientName ?? "",
      projectStart: project.projectStart ?? "",
      projectEnd: project.projectEnd ?? "",
    },
    onSubmit: async (values) => {
      await update.mutateAsync({ ...scope, ...values });
      toast.success("Project details saved");
    },
  });
  const { form, fieldError } = app;

  if (!canEdit) {
    return (
      <Section title="Details">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          {[
            ["Name", project.name],
            ["Client", project.clientName || "—"],
            ["Start", formatIsoDate(project.projectStart) || "—"],
            ["End", formatIsoDate(project.projectEnd) || "—"],
          ].map(([k, v]) => (
            <div key={k}>
              <dt className="font-medium text-slate-600">{k}</dt>
              <dd className="text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
      </Section>
    );
  }

  return (
    <Section title="Details">
      <AppForm app={app} busy={update.isPending}>
        <ProjectDetailsFields register={(f) => form.register(f)} fieldError={fieldError} />
        <div className="flex justify-end">
          <Button type="submit" loading={update.isPending}>
            {update.isPending ? "Saving…" : "Save details"}
          </Button>
        </div>
      </AppForm>
    </Section>
  );
}

function IndicatorsSection({ scope, updated }: { scope: Scope; updated: Date | string | null }) {
  const toast = useToast();
  const recalc = api.item.recalculateIndicators.useMutation({
    onSuccess: (r) => {
      toast.success(
        "Indicators updated",
        `${plural(r.items, "item")} checked, ${plural(r.changed, "indicator")} changed.`,
      );
    },
    onError: (err) => toast.error("Couldn't update indicators", errorInfo(err).message),
  });
  return (
    <Section
      title="Status indicators"
      description={
        <>
          Indicators are recalculated every day. Run it now after changing many dates.
          {updated && (
            <span>
              {" "}
              Last updated <RelativeTime value={updated} />.
            </span>
          )}
        </>
      }
    >
      <Button variant="secondary" loading={recalc.isPending} onClick={() => recalc.mutate(scope)}>
        {!recalc.isPending && <RefreshCw className="size-4" aria-hidden="true" />}
        {recalc.isPending ? "Updating…" : "Update indicators"}
      </Button>
    </Section>
  );
}

function DeleteSection({ scope, name }: { scope: Scope; name: string }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const del = api.project.delete.useMutation();
  const matches = typed.trim() === name;

  const close = () => {
    setOpen(false);
    setTyped("");
    setMismatch(false);
    del.reset();
  };
  const confirm = async () => {
    if (!matches) {
      setMismatch(true);
      return;
    }
    try {
      await del.mutateAsync({ ...scope, confirmName: typed });
      toast.success("Project deleted", name);
      router.push(`/o/${scope.orgSlug}`);
    } catch {
      // shown in the dialog
    }
  };

  return (
    <Section
      title="Delete project"
      tone="danger"
      description="Removes the project, its items, budget and attachments for everyone. Only admins can do this."
    >
      <Button variant="danger" onClick={() => setOpen(true)}>
        <Trash2 className="size-4" aria-hidden="true" />
        Delete project…
      </Button>
      <ConfirmDialog
        open={open}
        title="Delete this project?"
        confirmLabel="Delete project"
        danger
        pending={del.isPending}
        error={del.error ? errorInfo(del.error).message : null}
        onConfirm={() => void confirm()}
        onClose={close}
      >
        <p>
          This deletes <strong className="font-semibold text-slate-900">{name}</strong> for everyone in the
          organization. Type the project&apos;s name to confirm.
        </p>
        <Field
          label="Project name"
          hint="Must match exactly."
          error={mismatch && !matches ? "Type the project's name exactly as shown" : undefined}
        >
          <Input
            value={typed}
            data-autofocus
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void confirm();
              }
            }}
          />
        </Field>
      </ConfirmDialog>
    </Section>
  );
}
