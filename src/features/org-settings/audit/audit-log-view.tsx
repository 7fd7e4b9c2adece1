"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { History, ShieldAlert } from "lucide-react";
import { useMemo, useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { canOrg, type OrgRole } from "@/domain/permissions";
import { formatDateTime } from "@/lib/format";
import { api } from "@/trpc/react";
import { auditHeadline } from "@/domain/audit-text";
import { AuditDiff } from "./audit-diff";
import { LogEntries, LogEntry } from "./log-entries";

const ACTIONS = [
  "CREATE",
  "UPDATE",
  "DELETE",
  "RESTORE",
  "IMPORT",
  "PERMISSION_CHANGE",
  "RECALCULATE",
  "LOGIN",
  "LOGIN_FAILED",
  "LOGOUT",
];
const ENTITY_TYPES = [
  "item",
  "item_note",
  "item_dependencies",
  "attachment",
  "project",
  "project_role",
  "workstream",
  "workstream_order",
  "budget",
  "budget_allocation",
  "rate_card",
  "timesheet_entry",
  "timesheet_import",
  "portfolio",
  "organization",
  "organization_sso",
  "organization_ai",
  "org_membership",
  "invitation",
  "user",
  "registration",
];
const label = (s: string) =>
  s
    .replace(/_/g, " ")
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

type Filters = {
  projectId: string;
  entityType: string;
  action: string;
  actorId: string;
  from: string;
  to: string;
};
const NONE: Filters = { projectId: "", entityType: "", action: "", actorId: "", from: "", to: "" };

function dayStart(iso: string, addDays = 0): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d + addDays);
}

export function AuditLogView({ orgSlug, orgRole }: { orgSlug: string; orgRole: OrgRole }) {
  const allowed = canOrg(orgRole, "org.manageSettings");
  if (!allowed)
    return (
      <PageContainer>
        <PageHeader title="Audit log" />
        <EmptyState icon={ShieldAlert} title="Only owners and admins can read the audit log" className="mt-6">
          Ask an organization owner or admin if you need to know who changed what.
        </EmptyState>
      </PageContainer>
    );
  return <AuditLog orgSlug={orgSlug} />;
}

function AuditLog({ orgSlug }: { orgSlug: string }) {
  const [f, setF] = useState<Filters>(NONE);
  const projects = api.project.list.useQuery({ orgSlug });
  const members = api.org.members.useQuery({ orgSlug });
  const projectName = useMemo(() => new Map(projects.data?.map((p) => [p.id, p.name])), [projects.data]);
  const input = {
    orgSlug,
    projectId: f.projectId || undefined,
    entityType: f.entityType || undefined,
    action: f.action || undefined,
    actorId: f.actorId || undefined,
    from: dayStart(f.from),
    to: dayStart(f.to, 1),
    limit: 50,
  };
  const log = api.audit.list.useInfiniteQuery(input, {
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const active = Object.values(f).filter(Boolean).length;
  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setF({ ...f, [k]: e.target.value });

  return (
    <PageContainer>
      <PageHeader title="Audit log" description="Who changed what in this organization, newest first." />

      <form
        aria-label="Audit log filters"
        className="mt-6 grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-3 sm:grid-cols-3 sm:p-4 lg:grid-cols-6"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label="Project">
          <Select value={f.projectId} onChange={set("projectId")}>
            <option value="">All projects</option>
            {projects.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Record type">
          <Select value={f.entityType} onChange={set("entityType")}>
            <option value="">All types</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {label(t)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Action">
          <Select value={f.action} onChange={set("action")}>
            <option value="">All actions</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {label(a)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Who">
          <Select value={f.actorId} onChange={set("actorId")}>
            <option value="">Anyone</option>
            {members.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name || m.email}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="From">
          <Input type="date" value={f.from} max={f.to || undefined} onChange={set("from")} />
        </Field>
        <Field label="To">
          <Input type="date" value={f.to} min={f.from || undefined} onChange={set("to")} />
        </Field>
        {active > 0 && (
          <div className="col-span-2 sm:col-span-3 lg:col-span-6">
            <Button variant="link" size="sm" onClick={() => setF(NONE)}>
              Clear {active === 1 ? "filter" : `all ${active} filters`}
            </Button>
          </div>
        )}
      </form>

      <LogEntries
        query={log}
        what="the audit log"
        rows={5}
        rowClassName="h-16 rounded-xl"
        empty={
          <EmptyState
            icon={History}
            title={active ? "Nothing matches these filters" : "No audit entries yet"}
          >
            {active
              ? "Try a wider date range or fewer filters."
              : "Changes to projects, items, members and settings will be listed here."}
          </EmptyState>
        }
      >
        {(e) => (
          <LogEntry
            key={e.id}
            summary={
              <>
                <p className="text-sm text-slate-900">
                  <span className="font-semibold">
                    {e.actorName || (e.actorId ? "Unknown user" : "System")}
                  </span>{" "}
                  {auditHeadline(e)}
                </p>
                <p className="mt-0.5 text-xs text-slate-600">
                  <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time>
                  {e.projectId && <> · {projectName.get(e.projectId) ?? "Deleted project"}</>}
                  {e.correlationId && (
                    <span className="max-sm:hidden"> · ref {e.correlationId.slice(0, 8)}</span>
                  )}
                </p>
              </>
            }
            aside={
              <span className="shrink-0 text-xs text-blue-700 group-open:hidden max-sm:sr-only">
                Show changes
              </span>
            }
          >
            <AuditDiff before={e.before} after={e.after} />
            {e.entityId && (
              <p className="mt-2 text-xs text-slate-600">
                {label(e.entityType)} id <span className="font-mono break-all">{e.entityId}</span>
              </p>
            )}
          </LogEntry>
        )}
      </LogEntries>
    </PageContainer>
  );
}
