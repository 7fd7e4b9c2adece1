"use client";

import { Crown, MailPlus, UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { canOrg, type OrgRole } from "@/domain/permissions";
import { plural, ROLE_LABEL } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InitialsAvatar } from "@/components/ui/initials-avatar";
import { PendingInvitations } from "./pending-invitations";
import { InviteDialog } from "./invite-dialog";
import { RowList, RowListItem } from "@/components/ui/row-list";

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
  // Prefetched by the page (loading.tsx and error.tsx stand in otherwise).
  const [members] = api.org.members.useSuspenseQuery({ orgSlug });
  const canManage = canOrg(myRole, "org.manageMembers");
  const isOwner = myRole === "owner";
  const setRole = api.org.setMemberRole.useMutation();
  const remove = api.org.removeMember.useMutation();
  const transfer = api.org.transferOwnership.useMutation();
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busyRow, setBusyRow] = useState<string | null>(null);

  // The org's role decides the shell's menus, which the server renders.
  const refresh = () => router.refresh();

  async function changeRole(m: Member, role: OrgRole) {
    setBusyRow(m.id);
    try {
      await setRole.mutateAsync({ orgSlug, userId: m.id, role });
      toast.success("Role changed", `${m.name} is now ${ROLE_LABEL[role]?.toLowerCase() ?? role}.`);
      refresh();
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
      refresh();
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
            {" · "}
            {plural(members.length, "member")}
          </>
        }
        actions={
          canManage && (
            <Button icon={MailPlus} onClick={() => setInviting(true)}>
              Invite people
            </Button>
          )
        }
      />

      <section aria-labelledby="members-heading" className="mt-6">
        <h2 id="members-heading" className="sr-only">
          People in {orgName}
        </h2>
        <RowList>
          {members.map((m) => {
            const me = m.id === myUserId;
            // Only owners touch ownership; everyone with the right manages the rest.
            const mayEditRole = canManage && (isOwner || m.role !== "owner");
            return (
              <RowListItem key={m.id}>
                <InitialsAvatar name={m.name} email={m.email} className="size-10 shrink-0 text-sm" />
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
              </RowListItem>
            );
          })}
        </RowList>
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
