"use client";

import { Briefcase, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { canOrg, type OrgRole } from "@/domain/permissions";
import { plural } from "@/lib/format";
import { api } from "@/trpc/react";
import { PortfolioFormDialog } from "./portfolio-form";

export function PortfolioList({ orgSlug, orgRole }: { orgSlug: string; orgRole: OrgRole }) {
  const router = useRouter();
  const toast = useToast();
  // Prefetched by the page (loading.tsx and error.tsx stand in otherwise).
  const [portfolios] = api.portfolio.list.useSuspenseQuery({ orgSlug });
  const isAdmin = canOrg(orgRole, "org.manageSettings");
  const [creating, setCreating] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const create = api.portfolio.create.useMutation({
    onSuccess: async (p) => {
      setCreating(false);
      toast.success("Portfolio created", p.name);
      router.push(`/o/${orgSlug}/portfolios/${p.id}`);
    },
    onError: (e) => toast.error("Couldn't create the portfolio", e.message),
  });
  const openCreate = () => {
    create.reset();
    setFormKey((k) => k + 1);
    setCreating(true);
  };
  const newButton = isAdmin && (
    <Button icon={Plus} onClick={openCreate}>
      New portfolio
    </Button>
  );

  return (
    <PageContainer>
      <PageHeader
        title="Portfolios"
        description="Groups of projects with their severity counts and budgets added up."
        actions={newButton}
      />
      <div className="mt-6">
        {portfolios.length === 0 ? (
          <EmptyState icon={Briefcase} title="No portfolios yet" action={newButton || undefined}>
            {isAdmin
              ? "Create a portfolio to see several projects' risks, issues and budgets together."
              : "An organization admin can group projects into portfolios; they will appear here."}
          </EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {portfolios.map((p) => (
              <li key={p.id}>
                <Link
                  href={`/o/${orgSlug}/portfolios/${p.id}`}
                  className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-300 hover:shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
                >
                  <span className="flex items-center gap-2 font-semibold text-slate-900">
                    <Briefcase className="size-4 shrink-0 text-blue-700" aria-hidden="true" />
                    <span className="truncate">{p.name}</span>
                  </span>
                  {p.description && (
                    <span className="mt-1.5 line-clamp-2 text-sm text-slate-600">{p.description}</span>
                  )}
                  <span className="mt-auto pt-3 text-sm text-slate-600">
                    {plural(p.projectIds.length, "project")}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      {isAdmin && creating && (
        <PortfolioFormDialog
          key={formKey}
          open={creating}
          onClose={() => setCreating(false)}
          orgSlug={orgSlug}
          title="New portfolio"
          submitLabel="Create portfolio"
          initial={{ name: "", description: "", projectIds: [] }}
          pending={create.isPending}
          onSubmit={(v) =>
            create.mutateAsync({
              orgSlug,
              name: v.name,
              description: v.description || null,
              projectIds: v.projectIds,
            })
          }
        />
      )}
    </PageContainer>
  );
}
