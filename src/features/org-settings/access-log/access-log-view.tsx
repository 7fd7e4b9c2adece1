"use client";

import { KeyRound, ShieldAlert } from "lucide-react";
import { useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { canOrg, type OrgRole } from "@/domain/permissions";
import { describeAccessEntry } from "@/lib/access-log";
import { formatDateTime } from "@/lib/format";
import { api } from "@/trpc/react";
import { AuditDiff } from "@/features/org-settings/audit/audit-diff";
import { LogEntries, LogEntry } from "@/features/org-settings/audit/log-entries";

const KINDS = [
  ["all", "Everything"],
  ["signins", "Sign-ins and sign-outs"],
  ["members", "Members and roles"],
  ["invitations", "Invitations"],
  ["sso", "Single sign-on and domains"],
] as const;
type Kind = (typeof KINDS)[number][0];

/** Org settings → Access log: the central audit entries of this organization (owners and admins). */
export function AccessLogView({ orgSlug, orgRole }: { orgSlug: string; orgRole: OrgRole }) {
  if (!canOrg(orgRole, "org.manageSettings"))
    return (
      <PageContainer>
        <PageHeader title="Access log" />
        <EmptyState
          icon={ShieldAlert}
          title="Only owners and admins can read the access log"
          className="mt-6"
        >
          Ask an organization owner or admin.
        </EmptyState>
      </PageContainer>
    );
  return <AccessLog orgSlug={orgSlug} />;
}

function AccessLog({ orgSlug }: { orgSlug: string }) {
  const [kind, setKind] = useState<Kind>("all");
  const log = api.audit.central.useInfiniteQuery(
    { orgSlug, kind, limit: 50 },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  return (
    <PageContainer>
      <PageHeader
        title="Access log"
        description="Sign-ins, members and roles, invitations and single sign-on changes, newest first."
      />
      <form aria-label="Access log filter" className="mt-6 max-w-sm" onSubmit={(e) => e.preventDefault()}>
        <Field label="Show">
          <Select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </Select>
        </Field>
      </form>
      <LogEntries
        query={log}
        what="the access log"
        rows={3}
        rowClassName="h-14 rounded-xl"
        empty={
          <EmptyState icon={KeyRound} title="Nothing here yet">
            Sign-ins, member changes and invitations will be listed here.
          </EmptyState>
        }
        data-testid="access-log"
      >
        {(e) => (
          <LogEntry
            key={e.id}
            summary={
              <>
                <p className="text-sm text-slate-900">{describeAccessEntry(e)}</p>
                <p className="mt-0.5 text-xs text-slate-600">
                  <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
                  {" · "}
                  {e.actor ? (e.actor.name ?? e.actor.email ?? "Unknown user") : "System"}
                  {e.ip && <> · {e.ip}</>}
                </p>
              </>
            }
          >
            <AuditDiff before={e.before} after={e.after} />
          </LogEntry>
        )}
      </LogEntries>
    </PageContainer>
  );
}
