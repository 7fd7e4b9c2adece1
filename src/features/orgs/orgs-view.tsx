"use client";

import { Building, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { PageContainer, PageHeader } from "@/components/page-header";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FormError, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useAppForm } from "@/lib/use-app-form";
import { useAppSession } from "@/lib/use-app-session";
import { ZCreateOrgForm } from "@/contracts/org";
import { api } from "@/trpc/react";
import { MyInvitations } from "./my-invitations";
import { RowList } from "@/components/ui/row-list";

export function OrgsView() {
  // Prefetched by the page (loading.tsx and the error boundary stand in otherwise).
  const [orgs] = api.org.list.useSuspenseQuery();
  return (
    <PageContainer className="max-w-3xl">
      <PageHeader title="Organizations" description="Each organization keeps its own projects and members." />
      <MyInvitations />
      <section aria-labelledby="your-orgs" className="mt-6">
        <h2 id="your-orgs" className="sr-only">
          Your organizations
        </h2>
        {orgs.length === 0 ? (
          <EmptyState icon={Building} title="You don't belong to an organization yet">
            <p>
              Create one below — you will be its owner — or ask a colleague to invite you to theirs (you
              accept the invitation here).
            </p>
          </EmptyState>
        ) : (
          <RowList className="shadow-sm">
            {orgs.map((o) => (
              <li key={o.id}>
                <OrgLink slug={o.slug} name={o.name} role={o.role} />
              </li>
            ))}
          </RowList>
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
  const { update } = useAppSession();
  const create = api.org.create.useMutation();
  const { form, formRef, formError, onSubmit, fieldError } = useAppForm({
    schema: ZCreateOrgForm,
    defaultValues: { name: "", slug: "" },
    onSubmit: async (values) => {
      const org = await create.mutateAsync(values);
      toast.success("Organization created", `${org.name} is ready.`);
      void update({ orgSlug: org.slug });
      router.push(`/o/${org.slug}`);
    },
  });

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
      <form ref={formRef} noValidate onSubmit={onSubmit} className="mt-5 flex flex-col gap-4">
        <FormError>{formError}</FormError>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" required error={fieldError("name")}>
            <Input {...form.register("name")} maxLength={200} autoComplete="organization" required />
          </Field>
          <Field
            label="Web address (slug)"
            hint="Optional. Made from the name if left empty."
            error={fieldError("slug")}
          >
            <Input
              {...form.register("slug")}
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
