"use client";

import { BadgeCheck, Copy, Globe, Link2, ShieldCheck, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ZDomainInput } from "@/domain/identity";
import { formatDateTime } from "@/lib/format";
import { useAppForm } from "@/lib/use-app-form";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { startProviderSignIn } from "@/features/auth/sign-in-extras";

type Domain = RouterOutputs["org"]["domain"]["list"][number];

function copy(text: string, toast: ReturnType<typeof useToast>, what: string) {
  void navigator.clipboard
    ?.writeText(text)
    .then(() => toast.success(`${what} copied`))
    .catch(() => toast.error("Could not copy", "Select the text and copy it by hand."));
}

/**
 * Org settings → Single sign-on → Verified domains. A domain counts only once verified: by a DNS TXT
 * record, or confirmed by an owner whose own confirmed address is on it.
 */
export function VerifiedDomains({ orgSlug, orgName }: { orgSlug: string; orgName: string }) {
  const toast = useToast();
  // Prefetched by the page for owners and admins, the only ones shown this.
  const [domains] = api.org.domain.list.useSuspenseQuery({ orgSlug });
  const add = api.org.domain.add.useMutation();
  const verify = api.org.domain.verifyDns.useMutation();
  const confirm = api.org.domain.confirm.useMutation();
  const remove = api.org.domain.remove.useMutation();
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Domain | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const adding = useAppForm({
    schema: ZDomainInput,
    defaultValues: { domain: "" },
    onSubmit: async (values) => {
      const d = await add.mutateAsync({ orgSlug, ...values });
      adding.form.reset();
      toast.success("Domain added", `Publish its TXT record, then verify ${d.domain}.`);
    },
  });

  async function run(d: Domain, kind: "verify" | "confirm") {
    setBusy(`${kind}:${d.id}`);
    setRowError(null);
    try {
      if (kind === "verify") await verify.mutateAsync({ orgSlug, domainId: d.id });
      else await confirm.mutateAsync({ orgSlug, domainId: d.id });
      toast.success("Domain verified", `${d.domain} now belongs to ${orgName}.`);
    } catch (err) {
      const info = errorInfo(err);
      setRowError({ id: d.id, message: info.fieldErrors.domain?.[0] ?? info.message });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Panel id="domains-heading" icon={Globe} title="Verified domains">
      <p className="mt-1 text-sm text-slate-600">
        Prove that {orgName} controls an e-mail domain. On a verified domain your provider may create accounts
        for new people at their first sign-in, and “Require single sign-on” applies to members with an address
        there. Only a domain verified through DNS lets a sign-in attach to an account that already exists;
        everyone else links their account themselves, signed in.
      </p>

      <form
        ref={adding.formRef}
        noValidate
        onSubmit={adding.onSubmit}
        className="mt-4 flex flex-wrap items-end gap-3"
      >
        <FormError className="basis-full">{adding.formError}</FormError>
        <Field label="Domain" error={adding.fieldError("domain")} className="min-w-0 flex-1">
          <Input
            {...adding.form.register("domain")}
            placeholder="example.com"
            autoCapitalize="none"
            spellCheck={false}
            autoComplete="off"
            maxLength={253}
          />
        </Field>
        <Button type="submit" variant="secondary" loading={add.isPending}>
          Add domain
        </Button>
      </form>

      <div className="mt-4">
        {domains.length === 0 ? (
          <p className="text-sm text-slate-600">No domains yet.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {domains.map((d) => (
              <li key={d.id} className="rounded-lg border border-slate-200 p-3" data-testid="sso-domain">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold text-slate-900">{d.domain}</span>
                  {d.verified ? (
                    <span className="inline-flex items-center gap-1 rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-green-200 ring-inset">
                      <BadgeCheck className="size-3.5" aria-hidden="true" />
                      {d.verifiedBy === "dns" ? "Verified by DNS" : "Confirmed by an owner"}
                    </span>
                  ) : (
                    <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200 ring-inset">
                      Not verified
                    </span>
                  )}
                  <Button
                    variant="ghost"
                    size="sm"
                    className="ml-auto text-red-700 hover:bg-red-50"
                    onClick={() => {
                      setRemoveError(null);
                      setRemoving(d);
                    }}
                  >
                    <Trash2 className="size-4" aria-hidden="true" />
                    <span>
                      Remove<span className="sr-only"> {d.domain}</span>
                    </span>
                  </Button>
                </div>
                {d.verified && d.verifiedAt && (
                  <p className="mt-1 text-xs text-slate-600">Since {formatDateTime(d.verifiedAt)}</p>
                )}
                {(!d.verified || d.verifiedBy !== "dns") && (
                  <div className="mt-3 text-sm text-slate-700">
                    <p>
                      {d.verified
                        ? "To let sign-ins attach to existing accounts too, publish this DNS record and verify:"
                        : "Publish this DNS record at your domain's DNS provider, then verify:"}
                    </p>
                    <dl className="mt-2 grid gap-x-3 gap-y-1 rounded-lg bg-slate-50 p-3 text-xs sm:grid-cols-[auto_1fr_auto]">
                      <dt className="font-medium">Type</dt>
                      <dd className="sm:col-span-2">TXT</dd>
                      <dt className="font-medium">Name</dt>
                      <dd className="sm:col-span-2">
                        <code>{d.record.name}</code>
                      </dd>
                      <dt className="font-medium">Value</dt>
                      <dd className="min-w-0 break-all">
                        <code data-testid="sso-domain-record">{d.record.value}</code>
                      </dd>
                      <dd>
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => copy(d.record.value, toast, "Record value")}
                        >
                          <Copy className="size-4" aria-hidden="true" />
                          <span>
                            Copy<span className="sr-only"> the TXT value for {d.domain}</span>
                          </span>
                        </Button>
                      </dd>
                    </dl>
                    {rowError?.id === d.id && <FormError className="mt-2">{rowError.message}</FormError>}
                    <div className="mt-3 flex flex-wrap items-center gap-2">
                      <Button
                        size="sm"
                        loading={busy === `verify:${d.id}`}
                        onClick={() => void run(d, "verify")}
                      >
                        <ShieldCheck className="size-4" aria-hidden="true" />
                        <span>
                          Verify<span className="sr-only"> {d.domain}</span> with DNS
                        </span>
                      </Button>
                      {!d.verified &&
                        (d.ownerConfirm.allowed ? (
                          <Button
                            size="sm"
                            variant="secondary"
                            loading={busy === `confirm:${d.id}`}
                            onClick={() => void run(d, "confirm")}
                          >
                            Confirm as owner<span className="sr-only"> of {d.domain}</span>
                          </Button>
                        ) : (
                          <p className="text-xs text-slate-600">No DNS access? {d.ownerConfirm.reason}</p>
                        ))}
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>

      <ConfirmDialog
        open={removing !== null}
        title="Remove domain?"
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        error={removeError}
        onConfirm={async () => {
          if (!removing) return;
          try {
            await remove.mutateAsync({ orgSlug, domainId: removing.id });
            toast.success("Domain removed", removing.domain);
            setRemoving(null);
          } catch (err) {
            setRemoveError(errorInfo(err).message);
          }
        }}
        onClose={() => setRemoving(null)}
      >
        <p>
          New sign-ins for <strong className="font-semibold">{removing?.domain}</strong> no longer create
          accounts, and single sign-on stops being required for its addresses. Accounts already linked keep
          working.
        </p>
      </ConfirmDialog>
    </Panel>
  );
}

/** Every member: whether their account is linked to the org's SSO, and "Link my <org> SSO". */
export function MySsoLink({ orgSlug, orgName }: { orgSlug: string; orgName: string }) {
  // Prefetched by the page.
  const [status] = api.org.sso.linkStatus.useSuspenseQuery({ orgSlug });
  const start = api.org.sso.startLink.useMutation();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!status.enabled) return null;
  return (
    <Panel id="my-sso-heading" icon={Link2} title="Your sign-in">
      {status.linked ? (
        <p className="mt-1 text-sm text-slate-700" data-testid="sso-link-status">
          Your account is linked to {orgName}&apos;s single sign-on. You can sign in with it.
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700" data-testid="sso-link-status">
            Your account is not linked to {orgName}&apos;s single sign-on yet. Sign in once with your provider
            to link it — only you can do this, from this signed-in session.
          </p>
          <FormError className="mt-2">{error}</FormError>
          <Button
            className="mt-3"
            variant="secondary"
            loading={pending}
            onClick={async () => {
              setError(null);
              setPending(true);
              try {
                const { providerId } = await start.mutateAsync({ orgSlug });
                await startProviderSignIn(providerId, window.location.href);
              } catch (err) {
                setError(errorInfo(err).message);
                setPending(false);
              }
            }}
          >
            Link my {orgName} single sign-on
          </Button>
        </>
      )}
    </Panel>
  );
}

/** A settings panel with an icon before its title (the title names the section). */
function Panel({
  id,
  icon: Icon,
  title,
  children,
}: {
  id: string;
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" }>;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id={id} className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <Icon className="size-4 text-slate-500" aria-hidden="true" />
        {title}
      </h2>
      {children}
    </section>
  );
}
