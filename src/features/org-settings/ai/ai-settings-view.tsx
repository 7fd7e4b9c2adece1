"use client";

import { Bot } from "lucide-react";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import { PageContainer, PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { FormCheckbox } from "@/components/ui/form-checkbox";
import { useToast } from "@/components/ui/toast";
import {
  AI_SETTING_PROVIDERS,
  ZAiSettingsInput,
  type TAiSettingsView,
  type TAiTestResult,
} from "@/contracts/ai-settings";
import { pipeTo, useAppForm } from "@/lib/use-app-form";
import { api } from "@/trpc/react";
import { SettingsSaveBar, TestConnection, TestResultFrame } from "../settings-form-parts";

/** Budgets are typed as text (empty: the server's); the rest is the server's own input schema. */
const budget = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v.replace(/[\s,_]/g, ""));
    if (!Number.isInteger(n)) {
      ctx.addIssue({ code: "custom", message: "Enter a whole number of tokens, or leave it empty" });
      return z.NEVER;
    }
    return n;
  });
const ZAiFormFields = z.object({
  provider: z.enum(AI_SETTING_PROVIDERS),
  model: z.string(),
  baseUrl: z.string(),
  apiKey: z.string(),
  clearApiKey: z.boolean(),
  orgDailyTokens: budget,
  userDailyTokens: budget,
});
const ZAiForm = pipeTo(ZAiFormFields, ZAiSettingsInput);
type FormInput = z.input<typeof ZAiFormFields>;

const PROVIDER_LABELS: Record<(typeof AI_SETTING_PROVIDERS)[number], string> = {
  default: "The server's default",
  anthropic: "Anthropic (Claude)",
  openai: "OpenAI-compatible API (OpenAI, Ollama, vLLM, …)",
};

const fmt = (n: number) => n.toLocaleString("en-US");

function formValues(v: TAiSettingsView): FormInput {
  return {
    provider: v.provider,
    model: v.model,
    baseUrl: v.baseUrl,
    apiKey: "",
    clearApiKey: false,
    orgDailyTokens: v.orgDailyTokens === null ? "" : String(v.orgDailyTokens),
    userDailyTokens: v.userDailyTokens === null ? "" : String(v.userDailyTokens),
  };
}

/** Org settings → AI assistant: which model answers this org, its own key, daily budgets. */
export function AiSettingsView({
  orgSlug,
  orgName,
  mayManage,
}: {
  orgSlug: string;
  orgName: string;
  mayManage: boolean;
}) {
  return (
    <PageContainer className="max-w-3xl">
      <PageHeader
        title="AI assistant"
        description={`Choose the model that answers ${orgName}'s questions, and how much it may use a day.`}
      />
      <div className="mt-6 flex flex-col gap-6">
        {!mayManage ? (
          <EmptyState icon={Bot} title="Only owners and admins can change the AI settings">
            Ask an owner or admin of this organization.
          </EmptyState>
        ) : (
          <ManageAi orgSlug={orgSlug} />
        )}
      </div>
    </PageContainer>
  );
}

/** The form, from the settings the page prefetches for owners and admins. */
function ManageAi({ orgSlug }: { orgSlug: string }) {
  const [settings] = api.org.aiSettings.useSuspenseQuery({ orgSlug });
  return <AiForm key={settings.updatedAt ?? "new"} orgSlug={orgSlug} view={settings} />;
}

function AiForm({ orgSlug, view }: { orgSlug: string; view: TAiSettingsView }) {
  const toast = useToast();
  const save = api.org.setAiSettings.useMutation();
  const test = api.org.testAiSettings.useMutation();
  const [testResult, setTestResult] = useState<TAiTestResult | null>(null);
  const { form, formRef, formError, onSubmit, fieldError, showServerError, submitting } = useAppForm({
    schema: ZAiForm,
    defaultValues: formValues(view),
    invalidMessage: "Please correct the highlighted fields.",
    onSubmit: async (values) => {
      await save.mutateAsync({ orgSlug, ...values });
      toast.success("AI settings saved");
    },
  });
  const provider = useWatch({ control: form.control, name: "provider" });
  const server = view.server;

  async function runTest() {
    setTestResult(null);
    if (!(await form.trigger())) return; // the field errors show; nothing is sent
    const parsed = ZAiForm.safeParse(form.getValues());
    if (!parsed.success) return;
    try {
      setTestResult(await test.mutateAsync({ orgSlug, ...parsed.data }));
    } catch (err) {
      showServerError(err);
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-6" aria-busy={submitting}>
      <FormError>{formError}</FormError>
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-base font-semibold text-slate-900">Model</h2>
        <p className="mt-1 text-sm text-slate-600">
          The server&apos;s default is{" "}
          {server.model ? (
            <>
              <strong>{server.model}</strong> (
              {server.provider === "openai" ? "OpenAI-compatible" : "Anthropic"})
            </>
          ) : (
            "offline mode (no model configured): the assistant answers from the data without AI"
          )}
          .
        </p>
        <div className="mt-4 grid gap-4">
          <Field label="Provider" error={fieldError("provider")}>
            <Select disabled={submitting} {...form.register("provider")}>
              {AI_SETTING_PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {PROVIDER_LABELS[p]}
                </option>
              ))}
            </Select>
          </Field>
          {provider !== "default" && (
            <Field
              label="Model"
              required
              error={fieldError("model")}
              hint={
                provider === "openai"
                  ? "As the server names it, e.g. llama3.1 or gpt-4o-mini."
                  : "e.g. claude-sonnet-4-5"
              }
            >
              <Input autoComplete="off" disabled={submitting} {...form.register("model")} />
            </Field>
          )}
          {provider === "openai" && (
            <Field
              label="Base URL"
              required
              error={fieldError("baseUrl")}
              hint={
                view.privateBaseUrlsAllowed
                  ? "The address before /chat/completions, e.g. http://localhost:11434/v1 for Ollama."
                  : "The address before /chat/completions, e.g. https://api.openai.com/v1. This server only contacts public https:// addresses."
              }
            >
              <Input
                type="url"
                inputMode="url"
                autoComplete="off"
                disabled={submitting}
                {...form.register("baseUrl")}
              />
            </Field>
          )}
          {provider !== "default" && (
            <Field
              label="API key"
              error={fieldError("apiKey")}
              hint={
                view.hasApiKey
                  ? `A key is stored (encrypted${view.apiKeyLast4 ? `, ending in …${view.apiKeyLast4}` : ""}). Leave empty to keep it.`
                  : provider === "anthropic"
                    ? "Optional: without one, the server's key is used. Stored encrypted; never shown again."
                    : "Optional (Ollama needs none). Stored encrypted; never shown again."
              }
            >
              <Input
                type="password"
                autoComplete="new-password"
                disabled={submitting}
                {...form.register("apiKey")}
              />
            </Field>
          )}
          {view.hasApiKey && (
            <FormCheckbox
              control={form.control}
              name="clearApiKey"
              label="Remove the stored key"
              disabled={submitting}
            />
          )}
          <TestConnection onTest={() => void runTest()} testing={test.isPending}>
            {testResult && <TestResultPanel result={testResult} />}
          </TestConnection>
        </div>
      </section>

      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-base font-semibold text-slate-900">Daily budgets</h2>
        <p className="mt-1 text-sm text-slate-600">
          Tokens per day; empty uses the server&apos;s. On the server&apos;s key a budget cannot exceed the
          server&apos;s.
        </p>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field
            label="For the whole organization"
            error={fieldError("orgDailyTokens")}
            hint={`Server: ${fmt(server.orgDailyTokens)}`}
          >
            <Input
              inputMode="numeric"
              autoComplete="off"
              disabled={submitting}
              {...form.register("orgDailyTokens")}
            />
          </Field>
          <Field
            label="For each person"
            error={fieldError("userDailyTokens")}
            hint={`Server: ${fmt(server.userDailyTokens)}`}
          >
            <Input
              inputMode="numeric"
              autoComplete="off"
              disabled={submitting}
              {...form.register("userDailyTokens")}
            />
          </Field>
        </div>
      </section>

      <SettingsSaveBar
        updatedAt={view.updatedAt}
        busy={submitting}
        dirty={form.formState.isDirty}
        onDiscard={() => form.reset()}
      />
    </form>
  );
}

function TestResultPanel({ result }: { result: TAiTestResult }) {
  return (
    <TestResultFrame ok={result.ok} message={result.message} testId="ai-test-result">
      <p className="mt-1 text-xs opacity-90">{result.ms} ms</p>
    </TestResultFrame>
  );
}
