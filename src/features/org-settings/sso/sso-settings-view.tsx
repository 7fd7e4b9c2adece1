"use client";

import { Copy, KeyRound } from "lucide-react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { FormCheckbox } from "@/components/ui/form-checkbox";
import { useToast } from "@/components/ui/toast";
import { type PublicSso, SSO_JIT_ROLES, ZSsoInput } from "@/domain/sso";
import { useAppForm } from "@/lib/use-app-form";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { SettingsSaveBar, TestConnection, TestResultFrame } from "../settings-form-parts";
import { MySsoLink, VerifiedDomains } from "./sso-domains";

/**
 * The form edits allowed domains as free text (one per line or comma-separated); everything
 * else is the server's own input schema, so a value the form accepts is one the server accepts.
 */
const ZSsoForm = ZSsoInput.extend({
  allowedDomains: z.string().transform((text, ctx) => {
    const list = splitDomains(text);
    const parsed = ZSsoInput.shape.allowedDomains.safeParse(list);
    if (parsed.success) return parsed.data;
    const bad = parsed.error.issues.map((i) => list[Number(i.path[0])]).find((d) => d !== undefined);
    ctx.addIssue({
      code: "custom",
      message: bad
        ? `"${bad}" is not a domain — use one such as example.com`
        : parsed.error.issues[0]!.message,
    });
    return z.NEVER;
  }),
});
type FormInput = z.input<typeof ZSsoForm>;
type TestResult = RouterOutputs["org"]["sso"]["test"];

export function splitDomains(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

function formValues(sso: PublicSso | null): FormInput {
  return {
    enabled: sso?.enabled ?? false,
    issuer: sso?.issuer ?? "",
    clientId: sso?.clientId ?? "",
    clientSecret: "",
    ssoOnly: sso?.ssoOnly ?? false,
    jitRole: sso?.jitRole ?? "member",
    allowedDomains: (sso?.allowedDomains ?? []).join("\n"),
  };
}

/** Org settings → Single sign-on: an OpenID Connect connection per organization. */
export function SsoSettingsView({
  orgSlug,
  orgId,
  orgName,
  mayManage,
}: {
  orgSlug: string;
  orgId: string;
  orgName: string;
  mayManage: boolean;
}) {
  return (
    <PageContainer className="max-w-3xl">
      <PageHeader
        title="Single sign-on"
        description={`Let ${orgName}'s people sign in with your identity provider (OpenID Connect).`}
      />
      <div className="mt-6 flex flex-col gap-6">
        <MySsoLink orgSlug={orgSlug} orgName={orgName} />
        {!mayManage ? (
          <EmptyState icon={KeyRound} title="Only owners and admins can change single sign-on">
            Ask an owner or admin of this organization if your sign-in needs to change.
          </EmptyState>
        ) : (
          <ManageSso orgSlug={orgSlug} orgId={orgId} orgName={orgName} />
        )}
      </div>
    </PageContainer>
  );
}

/** The connection and the domains (owners and admins; the page prefetches both for them). */
function ManageSso({ orgSlug, orgId, orgName }: { orgSlug: string; orgId: string; orgName: string }) {
  const [sso] = api.org.sso.get.useSuspenseQuery({ orgSlug });
  return (
    <>
      <SsoForm key={sso?.updatedAt ?? "new"} orgSlug={orgSlug} orgId={orgId} sso={sso} />
      <VerifiedDomains orgSlug={orgSlug} orgName={orgName} />
    </>
  );
}

function SsoForm({ orgSlug, orgId, sso }: { orgSlug: string; orgId: string; sso: PublicSso | null }) {
  const toast = useToast();
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  // Keyed by the org's id (never its slug, which a later org could take).
  const [callbackUrl, setCallbackUrl] = useState(`/api/auth/callback/sso-${orgId}`);
  useEffect(() => setCallbackUrl(`${window.location.origin}/api/auth/callback/sso-${orgId}`), [orgId]);

  const update = api.org.sso.update.useMutation();
  const test = api.org.sso.test.useMutation();
  const { form, formRef, formError, onSubmit } = useAppForm({
    schema: ZSsoForm,
    defaultValues: formValues(sso),
    invalidMessage: "Please correct the highlighted fields.",
    onSubmit: async (values) => {
      await update.mutateAsync({ orgSlug, ...values, clientSecret: values.clientSecret || undefined });
      toast.success(
        "Single sign-on saved",
        values.enabled ? "People can now sign in with your provider." : "Single sign-on is off.",
      );
    },
  });
  const { register, control, formState, setError, getValues } = form;
  const errors = formState.errors;

  async function runTest() {
    setTestResult(null);
    const issuer = getValues("issuer").trim();
    const ok = await form.trigger("issuer");
    if (!ok) return;
    try {
      setTestResult(await test.mutateAsync({ orgSlug, issuer }));
    } catch (err) {
      setError("issuer", { message: errorInfo(err).message });
    }
  }

  const pending = formState.isSubmitting;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-6" aria-busy={pending}>
      <FormError>{formError}</FormError>

      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-base font-semibold text-slate-900">Identity provider</h2>
        <p className="mt-1 text-sm text-slate-600">
          Register braidMgr as a web application with your provider (Okta, Microsoft Entra ID, Google
          Workspace, Keycloak, …) and give it this redirect URL:
        </p>
        <div className="mt-3 flex min-w-0 items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2">
          <code className="min-w-0 flex-1 truncate text-sm text-slate-800" data-testid="sso-callback-url">
            {callbackUrl}
          </code>
          <Button
            variant="ghost"
            size="sm"
            onClick={() =>
              void navigator.clipboard
                ?.writeText(callbackUrl)
                .then(() => toast.success("Redirect URL copied"))
                .catch(() => toast.error("Could not copy", "Select the URL and copy it by hand."))
            }
          >
            <Copy className="size-4" aria-hidden="true" />
            Copy
          </Button>
        </div>

        <div className="mt-5 grid gap-4">
          <Field
            label="Issuer URL"
            required
            error={errors.issuer?.message}
            hint="The address whose /.well-known/openid-configuration describes your provider."
          >
            <Input
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://login.example.com/realms/acme"
              disabled={pending}
              {...register("issuer")}
            />
          </Field>
          <TestConnection onTest={() => void runTest()} testing={test.isPending}>
            {testResult && <TestResultPanel result={testResult} />}
          </TestConnection>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Client ID" required error={errors.clientId?.message}>
              <Input autoComplete="off" disabled={pending} {...register("clientId")} />
            </Field>
            <Field
              label="Client secret"
              error={errors.clientSecret?.message}
              hint={
                sso?.hasClientSecret
                  ? "A secret is stored (encrypted). Leave empty to keep it."
                  : "Stored encrypted; never shown again."
              }
            >
              <Input
                type="password"
                autoComplete="new-password"
                disabled={pending}
                {...register("clientSecret")}
              />
            </Field>
          </div>
        </div>
      </section>

      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-base font-semibold text-slate-900">Who may sign in, and how</h2>
        <div className="mt-4 grid gap-4">
          <FormCheckbox
            control={control}
            name="enabled"
            label="Turn on single sign-on"
            description="Shows “Sign in with your organization” on the sign-in page for this organization."
            disabled={pending}
          />
          <FormCheckbox
            control={control}
            name="ssoOnly"
            label="Require single sign-on"
            description="Members whose address is on one of your verified domains must sign in through your provider (Google, Microsoft and passwords are refused for them). Test the connection first."
            disabled={pending}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Role for new people"
              error={errors.jitRole?.message}
              hint="Given at their first sign-in through your provider (only on verified domains)."
            >
              <Select disabled={pending} {...register("jitRole")}>
                {SSO_JIT_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r === "member" ? "Member" : "Admin"}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Allowed e-mail domains"
              error={errors.allowedDomains?.message}
              hint="One per line. Empty: no extra limit. New accounts are only created on verified domains."
            >
              <Textarea rows={3} autoComplete="off" disabled={pending} {...register("allowedDomains")} />
            </Field>
          </div>
        </div>
      </section>

      <SettingsSaveBar
        updatedAt={sso?.updatedAt}
        busy={pending}
        dirty={formState.isDirty}
        onDiscard={() => form.reset()}
      />
    </form>
  );
}

function TestResultPanel({ result }: { result: TestResult }) {
  return (
    <TestResultFrame ok={result.ok} message={result.message} testId="sso-test-result">
      <p className="mt-1 break-all text-xs opacity-90">
        {result.url}
        {result.status !== null && ` · HTTP ${result.status}`} · {result.ms} ms
      </p>
      {result.ok && (
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Authorization</dt>
          <dd className="break-all">{result.authorizationEndpoint ?? "—"}</dd>
          <dt className="font-medium">Token</dt>
          <dd className="break-all">{result.tokenEndpoint ?? "—"}</dd>
          <dt className="font-medium">Keys (JWKS)</dt>
          <dd className="break-all">{result.jwksUri ?? "—"}</dd>
        </dl>
      )}
      {result.missing.length > 0 && <p className="mt-2 text-xs">Missing: {result.missing.join(", ")}</p>}
    </TestResultFrame>
  );
}
