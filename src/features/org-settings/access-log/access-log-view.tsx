"use client";

import { ChevronRight, KeyRound, ShieldAlert } from "lucide-react";
import { useState } from "react";
import { LoadMore } from "@/components/load-more";
import { PageContainer, PageHeader } from "@/components/page-header";
import { QueryError } from "@/components/query-error";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { canOrg, type OrgRole } from "@/domain/permissions";
import { describeAccessEntry } from "@/lib/access-log";
import { formatDateTime } from "@/lib/format";
import { api } from "@/trpc/react";
import { AuditDiff } from "@/features/org-settings/audit/audit-diff";

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
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
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
      <div className="mt-6" aria-busy={log.isFetching || undefined}>
        {log.isPending ? (
          <LoadingRegion label="Loading the access log" className="flex flex-col gap-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-14 rounded-xl" />
            ))}
          </LoadingRegion>
        ) : log.isError ? (
          <QueryError error={log.error} what="the access log" onRetry={() => void log.refetch()} />
        ) : entries.length === 0 ? (
          <EmptyState icon={KeyRound} title="Nothing here yet">
            Sign-ins, member changes and invitations will be listed here.
          </EmptyState>
        ) : (
          <>
            <ol className="flex flex-col gap-2" data-testid="access-log">
              {entries.map((e) => (
                <li key={e.id}>
                  <details className="group rounded-xl border border-slate-200 bg-white open:shadow-sm">
                    <summary className="flex cursor-pointer list-none items-start gap-3 rounded-xl px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600 [&::-webkit-details-marker]:hidden">
                      <ChevronRight
                        className="mt-0.5 size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-90"
                        aria-hidden="true"
                      />
                      <div className="min-w-0 flex-1">
                        <p className="text-sm text-slate-900">{describeAccessEntry(e)}</p>
                        <p className="mt-0.5 text-xs text-slate-600">
                          <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
                          {" · "}
                          {e.actor ? (e.actor.name ?? e.actor.email ?? "Unknown user") : "System"}
                          {e.ip && <> · {e.ip}</>}
                        </p>
                      </div>
                    </summary>
                    <div className="border-t border-slate-100 px-4 py-3">
                      <AuditDiff before={e.before} after={e.after} />
                    </div>
                  </details>
                </li>
              ))}
            </ol>
            <LoadMore query={log} count={entries.length} />
          </>
        )}
      </div>
    </PageContainer>
  );
}
