"use client";

import { Plus } from "lucide-react";
import { z } from "zod";
import { AppForm } from "@/components/ui/app-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, Input, UrlInput } from "@/components/ui/field";
import { pipeTo, useAppForm } from "@/lib/use-app-form";
import {
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENTS,
  ZCreateWebhook,
  type TWebhookEvent,
} from "@/contracts/webhook";
import { api } from "@/trpc/react";

type Scope = { orgSlug: string; projectId: string };

const ZForm = pipeTo(
  z
    .object({ url: z.string(), description: z.string(), events: z.array(z.string()).or(z.literal(false)) })
    .transform((v) => ({
      url: v.url.trim(),
      description: v.description.trim() || null,
      events: (v.events || []) as TWebhookEvent[],
    })),
  ZCreateWebhook,
);

/** Adds a webhook; the new secret goes to `onCreated` (shown once by the panel). */
export function WebhookForm({
  scope,
  onCreated,
  onCancel,
}: {
  scope: Scope;
  onCreated: (hook: { url: string; secret: string }) => void;
  onCancel: () => void;
}) {
  const create = api.webhook.create.useMutation();
  const app = useAppForm({
    schema: ZForm,
    defaultValues: { url: "", description: "", events: [...WEBHOOK_EVENTS] },
    onSubmit: async (values) => {
      const hook = await create.mutateAsync({ ...scope, ...values });
      onCreated({ url: hook.url, secret: hook.secret });
    },
  });
  const { form, fieldError } = app;
  const eventsError = fieldError("events");
  return (
    <AppForm
      app={app}
      busy={create.isPending}
      aria-label="Add a webhook"
      className="rounded-lg border border-slate-200 bg-slate-50 p-3 sm:p-4"
    >
      <Field
        label="Payload URL"
        required
        hint="We POST a JSON body to this address (https://) for every event you pick."
        error={fieldError("url")}
      >
        <UrlInput {...form.register("url")} placeholder="https://example.com/braid-hook" autoComplete="off" />
      </Field>
      <fieldset
        aria-invalid={eventsError ? true : undefined}
        aria-describedby={eventsError ? "webhook-events-error" : undefined}
      >
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <div className="grid sm:grid-cols-2">
          {WEBHOOK_EVENTS.map((e) => (
            <Checkbox
              key={e}
              value={e}
              label={WEBHOOK_EVENT_LABELS[e]}
              description={e}
              {...form.register("events")}
            />
          ))}
        </div>
        {eventsError && (
          <p id="webhook-events-error" className="text-sm font-medium text-red-700">
            {eventsError}
          </p>
        )}
      </fieldset>
      <Field
        label="Description"
        hint="Optional. What receives these events."
        error={fieldError("description")}
      >
        <Input {...form.register("description")} autoComplete="off" maxLength={200} />
      </Field>
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending}>
          {!create.isPending && <Plus className="size-4" aria-hidden="true" />}
          {create.isPending ? "Adding…" : "Add webhook"}
        </Button>
      </div>
    </AppForm>
  );
}
