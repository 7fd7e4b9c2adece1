"use client";

import { MailPlus, Users } from "lucide-react";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { plural } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import { RowList, RowListItem } from "@/components/ui/row-list";

export function PendingInvitations({ orgSlug, onInvite }: { orgSlug: string; onInvite: () => void }) {
  const toast = useToast();
  // Prefetched by the page (loading.tsx and error.tsx stand in otherwise).
  const [invitations] = api.org.invitations.useSuspenseQuery({ orgSlug });
  const revoke = api.org.revokeInvitation.useMutation();

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
        {invitations.length === 0 ? (
          <EmptyState
            icon={Users}
            title="No pending invitations"
            action={
              <Button icon={MailPlus} variant="secondary" onClick={onInvite}>
                Invite people
              </Button>
            }
          >
            Invitations are valid for 7 days and can be used once.
          </EmptyState>
        ) : (
          <RowList>
            {invitations.map((inv) => (
              <RowListItem key={inv.id}>
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
                  loading={revoke.isPending && revoke.variables?.invitationId === inv.id}
                  onClick={() =>
                    revoke.mutate(
                      { orgSlug, invitationId: inv.id },
                      {
                        onSuccess: () => toast.success("Invitation withdrawn", inv.email),
                        onError: (err) =>
                          toast.error("Could not withdraw the invitation", errorInfo(err).message),
                      },
                    )
                  }
                >
                  Withdraw<span className="sr-only"> the invitation to {inv.email}</span>
                </Button>
              </RowListItem>
            ))}
          </RowList>
        )}
      </div>
    </section>
  );
}
