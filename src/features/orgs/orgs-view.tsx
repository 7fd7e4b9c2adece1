"use client";

import { Building, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { QueryError } from "@/components/query-error";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FormError, Input } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { SLUG_RE } from "@/contracts/org";
import { api } from "@/trpc/react";
import { MyInvitations } from "./my-invitations";

export function OrgsView() {
  const orgs = api.org.list.useQuery();
  return (
    <PageContainer className="max-w-3xl">
      <PageHeader title="Organizations" description="Each organization keeps its own projects and members." />
      <MyInvitations />
      <section aria-labelledby="your-orgs" className="mt-6">
        <h2 id="your-orgs" className="sr-only">
          Your organizations
        </h2>
        {orgs.isPending ? (
          <LoadingRegion label="Loading organizations" className="flex flex-col gap-3">
            {[0, 1].map((i) => (
              <Skeleton key={i} className="h-16 w-full rounded-xl" />
            ))}
          </LoadingRegion>
        ) : orgs.isError ? (
          <QueryError what="your organizations" error={orgs.error} onRetry={() => void orgs.refetch()} />
        ) : orgs.data.length === 0 ? (
          <EmptyState icon={Building} title="You don't belong to an organization yet">
            <p>
              Create one below — you will be its owner — or ask a colleague to invite you to theirs (you
              accept the invitation here).
            </p>
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
            {orgs.data.map((o) => (
              <li key={o.id}>
                <OrgLink slug={o.slug} name={o.name} role={o.role} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <CreateOrgForm />
    </PageContainer>
  );
}

function OrgLink({ slug, name, role }: { slug: string; name: string; role: string }) {
  const { orgSlug, update } = useAppSession();
  return (
    <Link
      href={`/o/${slug}`}
      onClick={() => {
        if (slug !== orgSlug) void update({ orgSlug: slug });
      }}
      className="flex min-h-16 items-center gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:-outline-offset-2"
    >
      <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-slate-800 text-base font-semibold text-white">
        {name.slice(0, 1).toUpperCase()}
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate font-semibold text-slate-900">{name}</span>
        <span className="block truncate text-sm text-slate-600">/{slug}</span>
      </span>
      <RoleBadge role={role} />
      <ChevronRight className="size-5 shrink-0 text-slate-400" aria-hidden="true" />
    </Link>
  );
}

function CreateOrgForm() {
  const router = useRouter();
  const toast = useToast();
  const utils = api.useUtils();
  const { update } = useAppSession();
  const create = api.org.create.useMutation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const name = String(fd.get("name") ?? "").trim();
    const slug = String(fd.get("slug") ?? "")
      .trim()
      .toLowerCase();
    const next: FieldErrors = {};
    if (!name) next.name = ["Enter a name"];
    else if (name.length > 200) next.name = ["Use at most 200 characters"];
    if (slug && !SLUG_RE.test(slug))
      next.slug = ["Use 1–40 lower-case letters, digits and hyphens (not at either end)"];
    setFormError(null);
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      const org = await create.mutateAsync({ name, ...(slug ? { slug } : {}) });
      await utils.org.list.invalidate();
      toast.success("Organization created", `${org.name} is ready.`);
      void update({ orgSlug: org.slug });
      router.push(`/o/${org.slug}`);
    } catch (err) {
      const info = errorInfo(err);
      setErrors(info.fieldErrors);
      setFormError(info.fieldErrors.slug || info.fieldErrors.name ? null : info.message);
    }
  }

  return (
    <section
      id="new"
      aria-labelledby="new-org"
      className="mt-10 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2 id="new-org" className="text-base font-semibold text-slate-900">
        Create an organization
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        You become its owner. It gets its own database, so setting it up can take a few seconds.
      </p>
      <form noValidate onSubmit={onSubmit} className="mt-5 flex flex-col gap-4">
        <FormError>{formError}</FormError>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" required error={firstError(errors, "name")}>
            <Input name="name" maxLength={200} autoComplete="organization" required />
          </Field>
          <Field
            label="Web address (slug)"
            hint="Optional. Made from the name if left empty."
            error={firstError(errors, "slug")}
          >
            <Input
              name="slug"
              maxLength={40}
              autoCapitalize="none"
              spellCheck={false}
              placeholder="e.g. acme"
            />
          </Field>
        </div>
        <div>
          <Button type="submit" loading={create.isPending}>
            {create.isPending ? "Creating organization…" : "Create organization"}
          </Button>
        </div>
      </form>
    </section>
  );
}
