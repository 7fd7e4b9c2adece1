"use client";

import { Crown, MailPlus, Send, UserMinus, Users } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { PageContainer, PageHeader } from "@/components/page-header";
import { QueryError } from "@/components/query-error";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { canOrg, PROJECT_ROLES, type OrgRole, type ProjectRole } from "@/domain/permissions";
import { focusFirstInvalid } from "@/lib/focus-invalid";
import { initials, plural, ROLE_LABEL } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { INVITE_ROLES, ZInvite } from "@/server/api/routers/account.schema";
import { api, type RouterOutputs } from "@/trpc/react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Member = RouterOutputs["org"]["members"][number];

type Pending = { kind: "remove"; member: Member } | { kind: "transfer"; member: Member } | null;

export function OrgMembersView({
  orgSlug,
  orgName,
  myRole,
  myUserId,
}: {
  orgSlug: string;
  orgName: string;
  myRole: OrgRole;
  myUserId: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const utils = api.useUtils();
  const members = api.org.members.useQuery({ orgSlug });
  const canManage = canOrg(myRole, "org.manageMembers");
  const isOwner = myRole === "owner";
  const setRole = api.org.setMemberRole.useMutation();
  const remove = api.org.removeMember.useMutation();
  const transfer = api.org.transferOwnership.useMutation();
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busyRow, setBusyRow] = useState<string | null>(null);

  const refresh = async () => {
    await Promise.all([
      utils.org.members.invalidate({ orgSlug }),
      utils.org.invitations.invalidate({ orgSlug }),
    ]);
    router.refresh();
  };

  async function changeRole(m: Member, role: OrgRole) {
    setBusyRow(m.id);
    try {
      await setRole.mutateAsync({ orgSlug, userId: m.id, role });
      toast.success("Role changed", `${m.name} is now ${ROLE_LABEL[role]?.toLowerCase() ?? role}.`);
      await refresh();
    } catch (err) {
      toast.error("Could not change the role", errorInfo(err).message);
    } finally {
      setBusyRow(null);
    }
  }

  async function confirm() {
    if (!pending) return;
    setConfirmError(null);
    try {
      if (pending.kind === "remove") {
        await remove.mutateAsync({ orgSlug, userId: pending.member.id });
        toast.success("Member removed", `${pending.member.name} no longer has access to ${orgName}.`);
      } else {
        await transfer.mutateAsync({ orgSlug, userId: pending.member.id });
        toast.success(
          "Ownership transferred",
          `${pending.member.name} now owns ${orgName}. You are an admin.`,
        );
      }
      setPending(null);
      await refresh();
    } catch (err) {
      setConfirmError(errorInfo(err).message);
    }
  }

  return (
    <PageContainer className="max-w-4xl">
      <PageHeader
        title="Members"
        description={
          <>
            {orgName}
            {members.data && <> · {plural(members.data.length, "member")}</>}
          </>
        }
        actions={
          canManage && (
            <Button onClick={() => setInviting(true)}>
              <MailPlus className="size-4" aria-hidden="true" />
              Invite people
            </Button>
          )
        }
      />

      <section aria-labelledby="members-heading" className="mt-6">
        <h2 id="members-heading" className="sr-only">
          People in {orgName}
        </h2>
        {members.isPending ? (
          <LoadingRegion label="Loading members" className="flex flex-col gap-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-16 w-full rounded-xl" />
            ))}
          </LoadingRegion>
        ) : members.isError ? (
          <QueryError error={members.error} onRetry={() => void members.refetch()} what="the members" />
        ) : (
          <ul
            role="list"
            className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white"
          >
            {members.data.map((m) => {
              const me = m.id === myUserId;
              // Only owners touch ownership; everyone with the right manages the rest.
              const mayEditRole = canManage && (isOwner || m.role !== "owner");
              return (
                <li key={m.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                  <span
                    aria-hidden="true"
                    className="flex size-10 shrink-0 items-center justify-center rounded-full bg-blue-800 text-sm font-semibold text-white"
                  >
                    {initials(m.name, m.email)}
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-semibold text-slate-900">
                      {m.name}
                      {me && <span className="font-normal text-slate-600"> (you)</span>}
                    </p>
                    <p className="truncate text-sm text-slate-600">{m.email}</p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {mayEditRole ? (
                      <Select
                        aria-label={`Role of ${m.name}`}
                        value={m.role}
                        disabled={busyRow === m.id}
                        onChange={(e) => void changeRole(m, e.target.value as OrgRole)}
                        className="w-36"
                      >
                        {(isOwner
                          ? (["owner", "admin", "member"] as const)
                          : (["admin", "member"] as const)
                        ).map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <RoleBadge role={m.role} />
                    )}
                    {isOwner && !me && m.role !== "owner" && (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => {
                          setConfirmError(null);
                          setPending({ kind: "transfer", member: m });
                        }}
                      >
                        <Crown className="size-4" aria-hidden="true" />
                        <span>
                          Make owner<span className="sr-only"> ({m.name})</span>
                        </span>
                      </Button>
                    )}
                    {canManage && m.role !== "owner" && (
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-red-700 hover:bg-red-50"
                        onClick={() => {
                          setConfirmError(null);
                          setPending({ kind: "remove", member: m });
                        }}
                      >
                        <UserMinus className="size-4" aria-hidden="true" />
                        <span>
                          Remove<span className="sr-only"> {m.name}</span>
                        </span>
                      </Button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {canManage && (
          <p className="mt-2 text-xs text-slate-600">
            Owners and admins manage members and see every project; members see only the projects they have a
            role on. The owner cannot be removed: transfer ownership first.
          </p>
        )}
      </section>

      {canManage && <PendingInvitations orgSlug={orgSlug} onInvite={() => setInviting(true)} />}

      {canManage && <InviteDialog orgSlug={orgSlug} open={inviting} onClose={() => setInviting(false)} />}

      <ConfirmDialog
        open={pending?.kind === "remove"}
        title="Remove member?"
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        error={confirmError}
        onConfirm={() => void confirm()}
        onClose={() => setPending(null)}
      >
        <p>
          <strong className="font-semibold">{pending?.member.name}</strong> ({pending?.member.email}) loses
          access to {orgName} and all its projects at once. Their items and notes stay.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === "transfer"}
        title="Transfer ownership?"
        confirmLabel="Transfer ownership"
        danger
        pending={transfer.isPending}
        error={confirmError}
        onConfirm={() => void confirm()}
        onClose={() => setPending(null)}
      >
        <p>
          <strong className="font-semibold">{pending?.member.name}</strong> becomes the owner of {orgName}.
          You stay as an admin and can no longer delete the organization or transfer it.
        </p>
      </ConfirmDialog>
    </PageContainer>
  );
}

function PendingInvitations({ orgSlug, onInvite }: { orgSlug: string; onInvite: () => void }) {
  const toast = useToast();
  const utils = api.useUtils();
  const invitations = api.org.invitations.useQuery({ orgSlug });
  const revoke = api.org.revokeInvitation.useMutation();
  const [busy, setBusy] = useState<string | null>(null);

  return (
    <section aria-labelledby="invitations-heading" className="mt-10">
      <h2 id="invitations-heading" className="text-base font-semibold text-slate-900">
        Pending invitations
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        People join only when they accept (from the e-mail, or signed in with that address). Until then they
        are not members and cannot see this organization.
      </p>
      <div className="mt-3">
        {invitations.isPending ? (
          <LoadingRegion label="Loading invitations">
            <Skeleton className="h-14 w-full rounded-xl" />
          </LoadingRegion>
        ) : invitations.isError ? (
          <QueryError
            error={invitations.error}
            onRetry={() => void invitations.refetch()}
            what="the invitations"
          />
        ) : invitations.data.length === 0 ? (
          <EmptyState
            icon={Users}
            title="No pending invitations"
            action={
              <Button variant="secondary" onClick={onInvite}>
                <MailPlus className="size-4" aria-hidden="true" />
                Invite people
              </Button>
            }
          >
            Invitations are valid for 7 days and can be used once.
          </EmptyState>
        ) : (
          <ul
            role="list"
            className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white"
          >
            {invitations.data.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-semibold text-slate-900">{inv.email}</p>
                  <p className="text-sm text-slate-600">
                    <RoleBadge role={inv.role} />
                    {inv.projectRoles.length > 0 && <> · {plural(inv.projectRoles.length, "project")}</>}
                    {inv.invitedBy && <> · by {inv.invitedBy}</>} ·{" "}
                    {inv.status === "expired" ? (
                      <span className="font-medium text-amber-800">expired</span>
                    ) : inv.status === "declined" ? (
                      <span className="font-medium text-slate-800">declined</span>
                    ) : (
                      <>
                        expires <RelativeTime value={inv.expiresAt} />
                      </>
                    )}
                  </p>
                  {inv.status === "pending" && (
                    <p className="mt-0.5 text-sm font-medium text-blue-800" data-testid="invitation-status">
                      Invited — waiting for acceptance
                    </p>
                  )}
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  loading={busy === inv.id}
                  onClick={async () => {
                    setBusy(inv.id);
                    try {
                      await revoke.mutateAsync({ orgSlug, invitationId: inv.id });
                      await utils.org.invitations.invalidate({ orgSlug });
                      toast.success("Invitation withdrawn", inv.email);
                    } catch (err) {
                      toast.error("Could not withdraw the invitation", errorInfo(err).message);
                    } finally {
                      setBusy(null);
                    }
                  }}
                >
                  Withdraw<span className="sr-only"> the invitation to {inv.email}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

const FORM_ID = "invite-form";

function InviteDialog({ orgSlug, open, onClose }: { orgSlug: string; open: boolean; onClose: () => void }) {
  const toast = useToast();
  const utils = api.useUtils();
  const invite = api.org.invite.useMutation();
  const projects = api.project.list.useQuery({ orgSlug }, { enabled: open });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [role, setRole] = useState<(typeof INVITE_ROLES)[number]>("member");
  const [grants, setGrants] = useState<Record<string, ProjectRole | "">>({});

  const close = () => {
    setErrors({});
    setFormError(null);
    setGrants({});
    setRole("member");
    invite.reset();
    onClose();
  };

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const input = {
      email: String(new FormData(form).get("email") ?? ""),
      role,
      projectRoles:
        role === "member"
          ? Object.entries(grants)
              .filter((g): g is [string, ProjectRole] => !!g[1])
              .map(([projectId, r]) => ({ projectId, role: r }))
          : [],
    };
    setFormError(null);
    const parsed = ZInvite.safeParse(input);
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors as FieldErrors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    try {
      const inv = await invite.mutateAsync({ orgSlug, ...parsed.data });
      await utils.org.invitations.invalidate({ orgSlug });
      toast.success(
        "Invitation sent",
        `We e-mailed ${inv.email} a link valid for 7 days. They join once they accept.`,
      );
      close();
    } catch (err) {
      const info = errorInfo(err);
      setErrors(info.fieldErrors);
      setFormError(info.message);
      focusFirstInvalid(form);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Invite people"
      description="They get an e-mail with a link to join (valid for 7 days, usable once). People who already have an account can also accept it after signing in. Nobody joins until they accept."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} loading={invite.isPending}>
            <Send className="size-4" aria-hidden="true" />
            {invite.isPending ? "Sending…" : "Send invitation"}
          </Button>
        </>
      }
    >
      <form
        id={FORM_ID}
        noValidate
        onSubmit={onSubmit}
        aria-busy={invite.isPending}
        className="flex flex-col gap-4"
      >
        <FormError>{formError}</FormError>
        <Field label="E-mail" error={firstError(errors, "email")}>
          <Input
            name="email"
            type="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            autoComplete="off"
            maxLength={320}
            required
            data-autofocus
          />
        </Field>
        <Field
          label="Organization role"
          error={firstError(errors, "role")}
          hint={
            role === "admin"
              ? "Admins manage members and settings and see every project."
              : "Members see only the projects you give them."
          }
        >
          <Select
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as (typeof INVITE_ROLES)[number])}
          >
            {INVITE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        {role === "member" && (
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Project access</legend>
            {firstError(errors, "projectRoles") && (
              <p className="text-sm font-medium text-red-700">{firstError(errors, "projectRoles")}</p>
            )}
            {projects.isPending ? (
              <Skeleton className="h-10 w-full" />
            ) : projects.isError ? (
              <QueryError error={projects.error} what="the projects" />
            ) : projects.data.length === 0 ? (
              <p className="text-sm text-slate-600">No projects yet. You can give access later.</p>
            ) : (
              <ul role="list" className="flex flex-col gap-2">
                {projects.data.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2">
                    <label
                      htmlFor={`grant-${p.id}`}
                      className="min-w-0 flex-1 truncate text-sm text-slate-800"
                    >
                      {p.name}
                    </label>
                    <Select
                      id={`grant-${p.id}`}
                      value={grants[p.id] ?? ""}
                      onChange={(e) =>
                        setGrants((g) => ({ ...g, [p.id]: e.target.value as ProjectRole | "" }))
                      }
                      className="w-44"
                    >
                      <option value="">No access</option>
                      {PROJECT_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </Select>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
      </form>
    </Dialog>
  );
}
