"use client";

import { ChevronDown, ChevronUp, KeyRound, Plus, Send, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Checkbox } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ShownOnce } from "@/components/shown-once";
import { errorInfo } from "@/lib/trpc-error";
import { WEBHOOK_EVENT_LABELS, type TWebhookEvent } from "@/contracts/webhook";
import { api, type RouterOutputs } from "@/trpc/react";
import { DeliveryStatus, WebhookDeliveries } from "./webhook-deliveries";
import { WebhookForm } from "./webhook-form";

type Scope = { orgSlug: string; projectId: string };
type Hook = RouterOutputs["webhook"]["list"][number];

/** Project webhooks (project managers and admins): add, show the secret once, toggle, test, log, delete. */
export function WebhooksPanel({ scope }: { scope: Scope }) {
  // Prefetched by the page (loading.tsx and error.tsx stand in otherwise).
  const [hooks] = api.webhook.list.useSuspenseQuery(scope);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);

  return (
    <div className="flex flex-col gap-4">
      {secret && <SecretOnce {...secret} onDone={() => setSecret(null)} />}
      {hooks.length === 0 && !adding && <p className="text-sm text-slate-600">No webhooks yet.</p>}
      {hooks.length > 0 && (
        <ul aria-label="Webhooks" className="flex flex-col gap-3">
          {hooks.map((h) => (
            <WebhookRow key={h.id} scope={scope} hook={h} onSecret={setSecret} />
          ))}
        </ul>
      )}
      {adding ? (
        <WebhookForm
          scope={scope}
          onCancel={() => setAdding(false)}
          onCreated={(s) => {
            setAdding(false);
            setSecret(s);
          }}
        />
      ) : (
        <Button icon={Plus} variant="secondary" className="self-start" onClick={() => setAdding(true)}>
          Add webhook
        </Button>
      )}
    </div>
  );
}

function SecretOnce({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  return (
    <ShownOnce
      value={secret}
      label="Signing secret"
      what="secret"
      onDone={onDone}
      data-testid="webhook-secret"
      className="text-sm"
    >
      <p className="font-medium break-all text-slate-900">
        Signing secret for {url}. Copy it now: it will not be shown again.
      </p>
    </ShownOnce>
  );
}

function WebhookRow({
  scope,
  hook,
  onSecret,
}: {
  scope: Scope;
  hook: Hook;
  onSecret: (s: { url: string; secret: string }) => void;
}) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const ref = { ...scope, webhookId: hook.id };
  const update = api.webhook.update.useMutation({
    onSuccess: (h) => {
      toast.success(h.active ? "Webhook turned on" : "Webhook turned off");
    },
    onError: (err) => toast.error("Couldn't change the webhook", errorInfo(err).message),
  });
  const test = api.webhook.test.useMutation({
    onSuccess: (r) => {
      setOpen(true);
      if (r.outcome?.status === "succeeded")
        toast.success("Test event delivered", `HTTP ${r.outcome.httpStatus}`);
      else toast.error("Test event failed", r.outcome?.error ?? "It will be retried");
    },
    onError: (err) => toast.error("Couldn't send a test event", errorInfo(err).message),
  });
  const rotate = api.webhook.rotateSecret.useMutation({
    onSuccess: (r) => onSecret({ url: hook.url, secret: r.secret }),
    onError: (err) => toast.error("Couldn't rotate the secret", errorInfo(err).message),
  });
  const del = api.webhook.delete.useMutation();

  return (
    <li className="rounded-lg border border-slate-200 p-3 sm:p-4" data-testid="webhook">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="font-mono text-sm break-all text-slate-900">{hook.url}</p>
          {hook.description && <p className="text-sm text-slate-700">{hook.description}</p>}
          <p className="text-xs text-slate-600">
            {hook.events.map((e) => WEBHOOK_EVENT_LABELS[e as TWebhookEvent] ?? e).join(" · ")}
          </p>
          {hook.lastDelivery && (
            <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
              Last delivery <DeliveryStatus status={hook.lastDelivery.status} />
              {hook.lastDelivery.lastStatus !== null && `HTTP ${hook.lastDelivery.lastStatus}`}
            </p>
          )}
        </div>
        <Checkbox
          label="Active"
          checked={hook.active}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ ...ref, active: e.target.checked })}
          className="shrink-0"
        />
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" loading={test.isPending} onClick={() => test.mutate(ref)}>
          {!test.isPending && <Send className="size-4" aria-hidden="true" />}
          Send test
        </Button>
        <Button variant="ghost" size="sm" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? (
            <ChevronUp className="size-4" aria-hidden="true" />
          ) : (
            <ChevronDown className="size-4" aria-hidden="true" />
          )}
          Deliveries
        </Button>
        <Button variant="ghost" size="sm" loading={rotate.isPending} onClick={() => rotate.mutate(ref)}>
          <KeyRound className="size-4" aria-hidden="true" />
          New secret
        </Button>
        <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setDeleting(true)}>
          <Trash2 className="size-4" aria-hidden="true" />
          Delete
        </Button>
      </div>
      {open && (
        <div className="mt-3">
          <WebhookDeliveries scope={scope} webhookId={hook.id} />
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
        danger
        pending={del.isPending}
        error={del.error ? errorInfo(del.error).message : null}
        onClose={() => {
          setDeleting(false);
          del.reset();
        }}
        onConfirm={() =>
          del.mutate(ref, {
            onSuccess: () => {
              setDeleting(false);
              toast.success("Webhook deleted");
            },
          })
        }
      >
        <p>
          Events stop going to <span className="font-mono break-all">{hook.url}</span> and its delivery log is
          deleted.
        </p>
      </ConfirmDialog>
    </li>
  );
}
