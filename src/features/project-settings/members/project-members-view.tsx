"use client";

import { UserPlus, Users } from "lucide-react";
import { useState } from "react";
import { z } from "zod";
import { PageContainer, PageHeader } from "@/components/page-header";
import { AppForm } from "@/components/ui/app-form";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { PROJECT_ROLES, type ProjectRole } from "@/domain/permissions";
import { plural, ROLE_LABEL } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { useAppForm } from "@/lib/use-app-form";
import { api } from "@/trpc/react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InitialsAvatar } from "@/components/ui/initials-avatar";
import { RowList, RowListItem } from "@/components/ui/row-list";

const ROLE_HELP: Record<ProjectRole, string> = {
  viewer: "sees everything, changes nothing",
  team_member: "adds items and notes, edits their own items",
  project_manager: "edits and deletes any item, manages workstreams and budget",
  admin: "also assigns roles and may delete the project",
};

export function ProjectMembersView({
  orgSlug,
  projectId,
  projectName,
  canManage,
}: {
  orgSlug: string;
  projectId: string;
  projectName: string;
  canManage: boolean;
}) {
  const toast = useToast();
  // Prefetched by the page (loading.tsx and error.tsx stand in otherwise).
  const [members] = api.project.members.useSuspenseQuery({ orgSlug, projectId });
  // Only for the "Add" picker (not prefetched): it shows its own loading state.
  const orgMembers = api.org.members.useQuery({ orgSlug }, { enabled: canManage });
  const setRole = api.project.setRole.useMutation();
  const [busy, setBusy] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ email: string; name: string } | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  async function change(email: string, name: string, role: ProjectRole | null) {
    await setRole.mutateAsync({ orgSlug, projectId, email, role });
    toast.success(role ? "Role saved" : "Access removed", role ? `${name}: ${ROLE_LABEL[role]}` : name);
  }

  const orgAdmins = (orgMembers.data ?? []).filter((m) => m.role === "owner" || m.role === "admin");
  const candidates = (orgMembers.data ?? []).filter(
    (m) => m.role === "member" && !members.some((pm) => pm.id === m.id),
  );

  return (
    <PageContainer className="max-w-4xl">
      <PageHeader
        eyebrow={projectName}
        title="Project members"
        description={plural(members.length, "person", "people") + " with a role on this project"}
      />

      {canManage && (
        <AddMember
          candidates={candidates.map((c) => ({ email: c.email, name: c.name }))}
          loading={orgMembers.isPending}
          onAdd={change}
        />
      )}

      <section aria-labelledby="project-members-heading" className="mt-6">
        <h2 id="project-members-heading" className="sr-only">
          People with a role on {projectName}
        </h2>
        {members.length === 0 ? (
          <EmptyState icon={Users} title="Nobody has a project role yet">
            Organization owners and admins act as project admins without one.
          </EmptyState>
        ) : (
          <RowList>
            {members.map((m) => (
              <RowListItem key={m.id}>
                <InitialsAvatar name={m.name} email={m.email} className="size-10 shrink-0 text-sm" />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-semibold text-slate-900">{m.name}</p>
                  <p className="truncate text-sm text-slate-600">{m.email}</p>
                </div>
                {canManage ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <Select
                      aria-label={`Project role of ${m.name}`}
                      value={m.role}
                      disabled={busy === m.id}
                      onChange={async (e) => {
                        setBusy(m.id);
                        try {
                          await change(m.email, m.name, e.target.value as ProjectRole);
                        } catch (err) {
                          toast.error("Could not change the role", errorInfo(err).message);
                        } finally {
                          setBusy(null);
                        }
                      }}
                      className="w-44"
                    >
                      {PROJECT_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </Select>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-red-700 hover:bg-red-50"
                      onClick={() => {
                        setRemoveError(null);
                        setRemoving({ email: m.email, name: m.name });
                      }}
                    >
                      Remove<span className="sr-only"> {m.name} from the project</span>
                    </Button>
                  </div>
                ) : (
                  <RoleBadge role={m.role} />
                )}
              </RowListItem>
            ))}
          </RowList>
        )}
        {canManage && orgAdmins.length > 0 && (
          <p className="mt-3 text-sm text-slate-600">
            Also acting as project admins (organization{" "}
            {plural(orgAdmins.length, "owner or admin", "owners and admins")}):{" "}
            {orgAdmins.map((a) => a.name).join(", ")}.
          </p>
        )}
      </section>

      <section aria-labelledby="roles-help" className="mt-8 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="roles-help" className="text-sm font-semibold text-slate-900">
          What each role can do
        </h2>
        <dl className="mt-2 grid gap-1 text-sm text-slate-700">
          {PROJECT_ROLES.map((r) => (
            <div key={r} className="flex flex-wrap gap-x-2">
              <dt className="font-medium">{ROLE_LABEL[r]}</dt>
              <dd className="text-slate-600">— {ROLE_HELP[r]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <ConfirmDialog
        open={!!removing}
        title="Remove from the project?"
        confirmLabel="Remove"
        danger
        pending={setRole.isPending}
        error={removeError}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            await change(removing.email, removing.name, null);
            setRemoving(null);
          } catch (err) {
            setRemoveError(errorInfo(err).message);
          }
        }}
      >
        <p>
          <strong className="font-semibold">{removing?.name}</strong> loses access to {projectName}. They stay
          a member of the organization.
        </p>
      </ConfirmDialog>
    </PageContainer>
  );
}

function AddMember({
  candidates,
  loading,
  onAdd,
}: {
  candidates: { email: string; name: string }[];
  loading: boolean;
  onAdd: (email: string, name: string, role: ProjectRole) => Promise<void>;
}) {
  const app = useAppForm({
    schema: z.object({ email: z.string().min(1, "Choose a person"), role: z.enum(PROJECT_ROLES) }),
    defaultValues: { email: "", role: "team_member" },
    onSubmit: async ({ email, role }) => {
      await onAdd(email, candidates.find((c) => c.email === email)?.name ?? email, role);
      form.reset();
    },
  });
  const { form, fieldError, submitting } = app;

  return (
    <AppForm
      app={app}
      aria-label="Give someone a role on this project"
      className="mt-6 flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field
          label="Person"
          className="flex-1"
          error={fieldError("email")}
          hint={
            !loading && !candidates.length ? "Every organization member already has a role here." : undefined
          }
        >
          <Select {...form.register("email")} disabled={loading || !candidates.length}>
            <option value="" disabled>
              {loading ? "Loading…" : "Choose an organization member"}
            </option>
            {candidates.map((c) => (
              <option key={c.email} value={c.email}>
                {c.name} ({c.email})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Role" className="sm:w-48" error={fieldError("role")}>
          <Select {...form.register("role")}>
            {PROJECT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" loading={submitting} disabled={!candidates.length}>
          <UserPlus className="size-4" aria-hidden="true" />
          Add
        </Button>
      </div>
      <p className="text-xs text-slate-600">
        To add someone from outside, invite them from the organization&apos;s members page.
      </p>
    </AppForm>
  );
}
