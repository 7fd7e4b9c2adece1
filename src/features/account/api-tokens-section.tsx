"use client";

import { KeyRound, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { QueryError } from "@/components/query-error";
import { ShownOnce } from "@/components/shown-once";
import { formatDateTime } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { MAX_EXPIRY_DAYS } from "@/domain/api-tokens";
import { api, type RouterOutputs } from "@/trpc/react";
import { Section } from "./section";

type Token = RouterOutputs["apiToken"]["list"][number];

const EXPIRY_CHOICES = [
  { value: "", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

/**
 * Personal API tokens for scripts and agents (profile page): one org at a
 * time; list, create (the token is shown once, with a copy button), revoke.
 */
export function ApiTokensSection() {
  const session = useAppSession();
  const orgs = api.org.list.useQuery();
  const [picked, setPicked] = useState<string | null>(null);
  const slugs = orgs.data?.map((o) => o.slug) ?? [];
  const orgSlug =
    picked && slugs.includes(picked)
      ? picked
      : session.orgSlug && slugs.includes(session.orgSlug)
        ? session.orgSlug
        : (slugs[0] ?? null);
  return (
    <Section
      title="API tokens"
      description="Tokens let scripts and agents call the API as you, in one organization, with your roles there. Treat them like passwords."
    >
      {orgs.isPending ? (
        <LoadingRegion label="Loading your organizations">
          <Skeleton className="h-14 w-full rounded-lg" />
        </LoadingRegion>
      ) : orgs.isError ? (
        <QueryError what="your organizations" error={orgs.error} onRetry={() => void orgs.refetch()} />
      ) : !orgSlug ? (
        <p className="text-sm text-slate-600">Join an organization to create API tokens.</p>
      ) : (
        <div className="flex flex-col gap-4">
          {orgs.data.length > 1 && (
            <Field label="Organization" className="max-w-xs">
              <Select value={orgSlug} onChange={(e) => setPicked(e.target.value)}>
                {orgs.data.map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {o.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <OrgTokens orgSlug={orgSlug} key={orgSlug} />
        </div>
      )}
    </Section>
  );
}

function OrgTokens({ orgSlug }: { orgSlug: string }) {
  const toast = useToast();
  const tokens = api.apiToken.list.useQuery({ orgSlug });
  const create = api.apiToken.create.useMutation();
  const revoke = api.apiToken.revoke.useMutation();
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("90");
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  async function onCreate(e: React.FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Give the token a name");
      return;
    }
    setNameError(undefined);
    setError(null);
    try {
      const res = await create.mutateAsync({
        orgSlug,
        name: trimmed,
        expiresInDays: expiry ? Math.min(Number(expiry), MAX_EXPIRY_DAYS) : undefined,
      });
      setFresh({ name: trimmed, token: res.token });
      setName("");
    } catch (err) {
      const info = errorInfo(err);
      setError(info.message);
    }
  }

  return (
    <div className="flex flex-col gap-4 text-sm text-slate-700">
      {fresh && (
        <ShownOnce
          key={fresh.token}
          value={fresh.token}
          label="New API token"
          what="token"
          onDone={() => setFresh(null)}
          data-testid="new-api-token"
        >
          <p className="font-medium text-slate-900">
            Your new token “{fresh.name}”. Copy it now: it will not be shown again.
          </p>
        </ShownOnce>
      )}

      <form onSubmit={(e) => void onCreate(e)} className="flex flex-wrap items-end gap-3" noValidate>
        <Field label="Token name" error={nameError} className="min-w-48 flex-1">
          <Input
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Nightly export"
          />
        </Field>
        <Field label="Expires" className="w-40">
          <Select value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" loading={create.isPending}>
          <KeyRound className="size-4" aria-hidden="true" />
          Create token
        </Button>
      </form>
      <FormError>{error}</FormError>

      {tokens.isPending ? (
        <LoadingRegion label="Loading your tokens">
          <Skeleton className="h-14 w-full rounded-lg" />
        </LoadingRegion>
      ) : tokens.isError ? (
        <QueryError what="your tokens" error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <p className="text-slate-600">You have no API tokens in this organization.</p>
      ) : (
        <ul
          aria-label="Your API tokens"
          className="divide-y divide-slate-200 rounded-lg border border-slate-200"
        >
          {tokens.data.map((t) => {
            const expired = t.expiresAt !== null && t.expiresAt.getTime() <= Date.now();
            return (
              <li key={t.id} className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid="api-token">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">
                    {t.name}
                    {expired && (
                      <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset">
                        Expired
                      </span>
                    )}
                  </p>
                  <p className="text-xs text-slate-600">
                    Created {formatDateTime(t.createdAt)} ·{" "}
                    {t.expiresAt
                      ? `${expired ? "expired" : "expires"} ${formatDateTime(t.expiresAt)}`
                      : "never expires"}{" "}
                    · {t.lastUsedAt ? `last used ${formatDateTime(t.lastUsedAt)}` : "never used"}
                  </p>
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    setRevokeError(null);
                    setRevoking(t);
                  }}
                >
                  <Trash2 className="size-4" aria-hidden="true" />
                  <span>
                    Revoke<span className="sr-only"> {t.name}</span>
                  </span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        danger
        pending={revoke.isPending}
        error={revokeError}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          try {
            await revoke.mutateAsync({ orgSlug, id: revoking.id });
            toast.success("Token revoked", `“${revoking.name}” no longer works.`);
            setRevoking(null);
          } catch (err) {
            setRevokeError(errorInfo(err).message);
          }
        }}
      >
        <p>Scripts and agents using “{revoking?.name}” will stop working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
