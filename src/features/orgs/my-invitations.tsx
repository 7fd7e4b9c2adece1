"use client";

import { Building2, Check, MailOpen, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { useMounted } from "@/features/shell/use-mounted";
import { plural } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { api } from "@/trpc/react";
import { RowList, RowListItem } from "@/components/ui/row-list";

/**
 * Invitations waiting for the signed-in person's answer (the orgs page). Nobody becomes a member of
 * an organization without accepting here or through the e-mailed link. Shown only once the
 * account's address is confirmed: until then the address may not be theirs.
 */
export function MyInvitations() {
  const router = useRouter();
  const toast = useToast();
  const { update } = useAppSession();
  // Prefetched by the page.
  const [mine] = api.user.invitations.useSuspenseQuery();
  const accept = api.user.acceptInvitation.useMutation();
  const decline = api.user.declineInvitation.useMutation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!mine.emailVerified) {
    return (
      <p className="mt-6 rounded-xl border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
        Invitations to your e-mail address appear here once you have confirmed it.{" "}
        <Link
          href="/profile"
          className="font-medium text-blue-700 underline underline-offset-2 hover:text-blue-800"
        >
          Confirm it from your profile
        </Link>
        , or open the invitation e-mail.
      </p>
    );
  }
  const list = mine.invitations;
  if (list.length === 0) return null;

  async function answer(id: string, orgName: string, kind: "accept" | "decline") {
    setBusy(`${kind}:${id}`);
    setError(null);
    try {
      if (kind === "accept") {
        const r = await accept.mutateAsync({ invitationId: id });
        toast.success("Invitation accepted", `You joined ${orgName}.`);
        await update({ orgSlug: r.orgSlug }).catch(() => undefined);
        router.push(`/o/${r.orgSlug}`);
      } else {
        await decline.mutateAsync({ invitationId: id });
        toast.success("Invitation declined", `You did not join ${orgName}.`);
      }
    } catch (err) {
      const info = errorInfo(err);
      setError(info.fieldErrors.invitationId?.[0] ?? info.message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section id="invitations" aria-labelledby="invitations-heading" className="mt-6 scroll-mt-20">
      <h2 id="invitations-heading" className="text-base font-semibold text-slate-900">
        Invitations waiting for you
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        You join an organization only when you accept. Declining tells its admins.
      </p>
      <FormError className="mt-3">{error}</FormError>
      <RowList className="mt-3 border-blue-200 shadow-sm">
        {list.map((inv) => (
          <RowListItem key={inv.id}>
            <span
              aria-hidden="true"
              className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-blue-50 text-blue-700"
            >
              <Building2 className="size-5" />
            </span>
            <div className="min-w-0 flex-1 text-sm text-slate-700">
              <p className="truncate font-semibold text-slate-900">{inv.orgName}</p>
              <p>
                {inv.invitedBy ? `${inv.invitedBy} invited you` : "You are invited"} as{" "}
                <RoleBadge role={inv.role} />
                {inv.projectCount > 0 && <> · {plural(inv.projectCount, "project")}</>} · expires{" "}
                <RelativeTime value={inv.expiresAt} />
              </p>
            </div>
            <div className="flex gap-2">
              <Button
                size="sm"
                loading={busy === `accept:${inv.id}`}
                disabled={busy !== null}
                onClick={() => void answer(inv.id, inv.orgName, "accept")}
              >
                <Check className="size-4" aria-hidden="true" />
                <span>
                  Accept<span className="sr-only"> the invitation to {inv.orgName}</span>
                </span>
              </Button>
              <Button
                size="sm"
                variant="secondary"
                loading={busy === `decline:${inv.id}`}
                disabled={busy !== null}
                onClick={() => void answer(inv.id, inv.orgName, "decline")}
              >
                <X className="size-4" aria-hidden="true" />
                <span>
                  Decline<span className="sr-only"> the invitation to {inv.orgName}</span>
                </span>
              </Button>
            </div>
          </RowListItem>
        ))}
      </RowList>
    </section>
  );
}

/** A line above every org page while invitations wait for an answer (after hydration: it is the shell's own query). */
export function InvitationsBanner() {
  const mounted = useMounted();
  const mine = api.user.invitations.useQuery(undefined, { enabled: mounted, staleTime: 60_000 });
  const n = mine.data?.invitations.length ?? 0;
  if (!mounted || n === 0) return null;
  return (
    <div
      role="region"
      aria-label="Invitations"
      className="flex flex-wrap items-center gap-2 border-b border-blue-200 bg-blue-50 px-4 py-2 text-sm text-blue-950"
    >
      <MailOpen className="size-4 shrink-0" aria-hidden="true" />
      <span>
        {n === 1
          ? `${mine.data!.invitations[0]!.orgName} invited you to join.`
          : `${plural(n, "organization")} invited you to join.`}
      </span>
      <Link
        href="/orgs#invitations"
        className="font-semibold text-blue-800 underline underline-offset-2 hover:text-blue-900"
      >
        Review {n === 1 ? "the invitation" : "invitations"}
      </Link>
    </div>
  );
}
