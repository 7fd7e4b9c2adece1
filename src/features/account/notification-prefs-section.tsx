"use client";

import { useMemo } from "react";
import { AppForm } from "@/components/ui/app-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, Input, Select } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { QueryError } from "@/components/query-error";
import { useAppForm } from "@/lib/use-app-form";
import { ZNotificationPrefs, type TNotificationPrefs } from "@/contracts/notification";
import { api } from "@/trpc/react";
import { Section } from "./section";

const KINDS = [
  ["assigned", "An item is assigned to me", "Someone else makes me the assignee."],
  ["mentioned", "I am mentioned in a note", "A note names me with @ and my name."],
  ["critical", "An item of mine turns critical", "Beyond deadline, late finish or late start."],
  ["dueTomorrow", "Something of mine is due tomorrow", "Added each morning at my digest hour."],
] as const;

const HOURS = Array.from({ length: 24 }, (_, h) => h);

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

/** Which notifications I get in the app, and the daily e-mail digest (hour and time zone). */
export function NotificationPrefsSection() {
  const prefs = api.user.notificationPrefs.useQuery();
  return (
    <div id="notifications" className="scroll-mt-20">
      <Section
        title="Notifications"
        description="What the bell shows you, and a daily e-mail of what is new and what is due tomorrow."
      >
        {prefs.isPending ? (
          <Skeleton className="h-64 w-full rounded-xl" />
        ) : prefs.isError ? (
          <QueryError
            error={prefs.error}
            onRetry={() => void prefs.refetch()}
            what="your notification settings"
          />
        ) : (
          <PrefsForm prefs={prefs.data} />
        )}
      </Section>
    </div>
  );
}

function PrefsForm({ prefs }: { prefs: TNotificationPrefs }) {
  const toast = useToast();
  const utils = api.useUtils();
  const save = api.user.setNotificationPrefs.useMutation();
  const zones = useMemo(timeZones, []);
  const app = useAppForm({
    schema: ZNotificationPrefs,
    defaultValues: prefs,
    onSubmit: async (values) => {
      const saved = await save.mutateAsync(values);
      utils.user.notificationPrefs.setData(undefined, saved);
      form.reset(saved);
      toast.success("Notification settings saved");
    },
  });
  const { form, fieldError, submitting } = app;
  return (
    <AppForm app={app} busy={submitting}>
      <fieldset className="flex flex-col">
        <legend className="mb-1 text-sm font-medium text-slate-800">In the app, tell me when</legend>
        {KINDS.map(([name, label, description]) => (
          <Checkbox key={name} {...form.register(name)} label={label} description={description} />
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-3 border-t border-slate-100 pt-4">
        <legend className="sr-only">Daily e-mail digest</legend>
        <Checkbox
          {...form.register("digest")}
          label="Send me a daily e-mail digest"
          description="Unread notifications and what is due tomorrow, grouped by project. Nothing is sent on a quiet day."
        />
        <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
          <Field label="Digest hour" error={fieldError("digestHour")}>
            <Select {...form.register("digestHour", { setValueAs: (v: string | number) => Number(v) })}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {`${String(h).padStart(2, "0")}:00`}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Time zone"
            hint="For example Europe/Paris or America/New_York."
            error={fieldError("timeZone")}
          >
            <Input
              {...form.register("timeZone")}
              list="notification-time-zones"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={64}
            />
          </Field>
          <datalist id="notification-time-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
      </fieldset>
      <div>
        <Button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : "Save notification settings"}
        </Button>
      </div>
    </AppForm>
  );
}
