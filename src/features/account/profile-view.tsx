"use client";

import { BadgeCheck, CircleAlert, LogOut } from "lucide-react";
import { signIn, signOut } from "next-auth/react";
import { useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import { AppForm } from "@/components/ui/app-form";
import { Button } from "@/components/ui/button";
import { EmailInput, Field, FormError, Input, UrlInput } from "@/components/ui/field";
import { InitialsAvatar } from "@/components/ui/initials-avatar";
import { useToast } from "@/components/ui/toast";
import { pipeTo, useAppForm } from "@/lib/use-app-form";
import { formatDateTime } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { passwordProblems } from "@/domain/password";
import { ZUpdateProfile } from "@/contracts/account";
import { api, type RouterOutputs } from "@/trpc/react";
import { NewPasswordFields, PasswordInput } from "@/features/auth/password-input";
import { ApiTokensSection } from "./api-tokens-section";
import { NotificationPrefsSection } from "./notification-prefs-section";
import { Section } from "./section";

type Profile = RouterOutputs["user"]["profile"];

const PROVIDER_NAMES: Record<string, string> = { google: "Google", "azure-ad": "Microsoft" };

export function ProfileView() {
  // Prefetched by the page (its loading.tsx and the error boundary stand in otherwise).
  const [profile] = api.user.profile.useSuspenseQuery();
  return (
    <div className="flex flex-col gap-6">
      <ProfileForm profile={profile} />
      <PasswordForm profile={profile} />
      <NotificationPrefsSection />
      <SessionsSection profile={profile} />
      <ApiTokensSection />
    </div>
  );
}

const emailHasChanged = (email: string, profile: Profile) => email.trim().toLowerCase() !== profile.email;

/** The profile as the server checks it; the current password is asked for only to change the e-mail. */
function profileSchema(profile: Profile) {
  return pipeTo(
    z
      .object({ name: z.string(), email: z.string(), avatarUrl: z.string(), currentPassword: z.string() })
      .transform(({ currentPassword, avatarUrl, ...v }) => ({
        ...v,
        avatarUrl: avatarUrl.trim(),
        currentPassword:
          emailHasChanged(v.email, profile) && profile.hasPassword ? currentPassword : undefined,
      })),
    ZUpdateProfile.extend({
      currentPassword: z.string().min(1, "Enter your current password").max(200).optional(),
    }),
  );
}

/** Current password (if the account has one), the password rules, then the repeat must match. */
function passwordSchema(hasPassword: boolean) {
  return z
    .object({ currentPassword: z.string(), newPassword: z.string(), confirm: z.string() })
    .superRefine((v, ctx) => {
      if (hasPassword && !v.currentPassword)
        ctx.addIssue({ code: "custom", path: ["currentPassword"], message: "Enter your current password" });
      const problems = passwordProblems(v.newPassword);
      for (const message of problems) ctx.addIssue({ code: "custom", path: ["newPassword"], message });
      if (!problems.length && v.confirm !== v.newPassword)
        ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords differ" });
    })
    .transform((v) => ({
      currentPassword: hasPassword ? v.currentPassword : undefined,
      newPassword: v.newPassword,
    }));
}

function ProfileForm({ profile }: { profile: Profile }) {
  const toast = useToast();
  const { update } = useAppSession();
  const save = api.user.updateProfile.useMutation();
  const resend = api.user.resendVerification.useMutation();
  const app = useAppForm({
    schema: useMemo(() => profileSchema(profile), [profile]),
    defaultValues: {
      name: profile.name,
      email: profile.email,
      avatarUrl: profile.avatarUrl ?? "",
      currentPassword: "",
    },
    onSubmit: async (values) => {
      const saved = await save.mutateAsync(values);
      await update({}).catch(() => undefined); // refresh the name and e-mail in the session
      toast.success(
        "Profile saved",
        emailHasChanged(values.email ?? "", profile)
          ? `We sent a confirmation link to ${saved.email}.`
          : undefined,
      );
    },
  });
  const { form, fieldError } = app;
  const [email = "", avatar = ""] = useWatch({ control: form.control, name: ["email", "avatarUrl"] });
  const emailChanged = emailHasChanged(email, profile);

  const avatarOk = /^https:\/\/\S+$/.test(avatar.trim());
  return (
    <Section title="Profile" description="How you appear to your teams.">
      <AppForm app={app} busy={save.isPending}>
        <div className="flex items-center gap-4">
          {avatarOk ? (
            // A plain <img>: any https image the user chose (next/image would need every host configured).
            <img
              src={avatar.trim()}
              alt=""
              className="size-16 rounded-full border border-slate-200 object-cover"
              referrerPolicy="no-referrer"
            />
          ) : (
            <InitialsAvatar name={profile.name} email={profile.email} className="size-16 text-lg" />
          )}
          <p className="text-sm text-slate-600">Member since {formatDateTime(profile.createdAt)}</p>
        </div>
        <Field label="Name" error={fieldError("name")}>
          <Input {...form.register("name")} autoComplete="name" maxLength={200} required />
        </Field>
        <Field
          label="E-mail"
          error={fieldError("email")}
          hint={emailChanged ? "You will need to confirm the new address." : undefined}
        >
          <EmailInput {...form.register("email")} autoComplete="email" maxLength={320} required />
        </Field>
        <div className="-mt-2 flex flex-wrap items-center gap-2 text-sm">
          {profile.emailVerified ? (
            <span className="inline-flex items-center gap-1.5 text-green-800">
              <BadgeCheck className="size-4" aria-hidden="true" /> Confirmed
            </span>
          ) : (
            <>
              <span className="inline-flex items-center gap-1.5 text-amber-800">
                <CircleAlert className="size-4" aria-hidden="true" /> Not confirmed yet
              </span>
              <Button
                variant="link"
                size="sm"
                loading={resend.isPending}
                onClick={async () => {
                  try {
                    const r = await resend.mutateAsync();
                    if (r.sent)
                      toast.success("Confirmation link sent", `Check the inbox of ${profile.email}.`);
                    else toast.toast({ title: "Already confirmed" });
                  } catch (err) {
                    toast.error("Could not send the link", errorInfo(err).message);
                  }
                }}
              >
                Send a confirmation link
              </Button>
            </>
          )}
        </div>
        {emailChanged && profile.hasPassword && (
          <Field
            label="Current password"
            hint="Needed to change your e-mail."
            error={fieldError("currentPassword")}
          >
            <PasswordInput
              {...form.register("currentPassword")}
              autoComplete="current-password"
              maxLength={200}
            />
          </Field>
        )}
        <Field
          label="Avatar image URL"
          hint="Optional. An https:// address of a square image."
          error={fieldError("avatarUrl")}
        >
          <UrlInput {...form.register("avatarUrl")} placeholder="https://…" maxLength={2000} />
        </Field>
        <div>
          <Button type="submit" loading={save.isPending}>
            {save.isPending ? "Saving…" : "Save profile"}
          </Button>
        </div>
      </AppForm>
    </Section>
  );
}

function PasswordForm({ profile }: { profile: Profile }) {
  const toast = useToast();
  const change = api.user.changePassword.useMutation();
  const app = useAppForm({
    schema: useMemo(() => passwordSchema(profile.hasPassword), [profile.hasPassword]),
    defaultValues: { currentPassword: "", newPassword: "", confirm: "" },
    onSubmit: async ({ currentPassword, newPassword }) => {
      await change.mutateAsync({ currentPassword, newPassword });
      // Every session ended, this one too: sign this browser in again with the new password.
      const res = await signIn("credentials", {
        email: profile.email,
        password: newPassword,
        redirect: false,
      }).catch(() => null);
      if (!res?.ok || res.error) {
        window.location.assign("/sign-in");
        return;
      }
      form.reset();
      toast.success(
        profile.hasPassword ? "Password changed" : "Password set",
        "You were signed out on your other devices.",
      );
    },
  });
  const { form, fieldError } = app;
  const password = useWatch({ control: form.control, name: "newPassword" });

  return (
    <Section
      title="Password"
      description={
        profile.hasPassword
          ? "Changing it signs you out on every other device."
          : "You sign in with another provider. You can add a password too."
      }
    >
      <AppForm app={app} busy={change.isPending}>
        <input type="email" name="username" autoComplete="username" value={profile.email} readOnly hidden />
        {profile.hasPassword && (
          <Field label="Current password" error={fieldError("currentPassword")}>
            <PasswordInput
              {...form.register("currentPassword")}
              autoComplete="current-password"
              maxLength={200}
              required
            />
          </Field>
        )}
        <NewPasswordFields
          label="New password"
          field={form.register("newPassword")}
          error={fieldError("newPassword")}
          password={password}
          confirm={{ field: form.register("confirm"), error: fieldError("confirm") }}
        />
        <div>
          <Button type="submit" loading={change.isPending}>
            {change.isPending ? "Saving…" : profile.hasPassword ? "Change password" : "Set password"}
          </Button>
        </div>
      </AppForm>
    </Section>
  );
}

function SessionsSection({ profile }: { profile: Profile }) {
  const toast = useToast();
  // Prefetched by the page.
  const [sessions] = api.user.sessions.useSuspenseQuery();
  const revoke = api.user.revokeSession.useMutation();
  const everywhere = api.user.signOutEverywhere.useMutation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Section title="Sign-in and sessions">
      <div className="flex flex-col gap-4 text-sm text-slate-700">
        <p>
          Sign-in methods: password{profile.hasPassword ? "" : " (not set)"}
          {profile.providers
            .map((p) => `, ${PROVIDER_NAMES[p] ?? (p.startsWith("sso-") ? "organization SSO" : p)}`)
            .join("")}
          .
        </p>
        <div>
          <h3 id="devices-heading" className="font-medium text-slate-900">
            Where you are signed in
          </h3>
          <p className="mt-0.5 text-slate-600">Signing out on a device ends that device only.</p>
          <FormError className="mt-2">{error}</FormError>
          <ul
            aria-labelledby="devices-heading"
            className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200"
          >
            {sessions.map((s) => (
              <li
                key={s.id}
                className="flex flex-wrap items-center gap-3 px-3 py-2"
                data-testid="device-session"
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">
                    {s.browser} on {s.device}
                    {s.current && (
                      <span className="ml-2 rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-green-200 ring-inset">
                        This device
                      </span>
                    )}
                  </p>
                  <p className="text-xs text-slate-600">
                    Signed in {formatDateTime(s.signedInAt)} · last active {formatDateTime(s.lastSeenAt)}
                  </p>
                </div>
                {!s.current && (
                  <Button
                    variant="ghost"
                    size="sm"
                    loading={revoke.isPending && revoke.variables?.id === s.id}
                    onClick={() => {
                      setError(null);
                      revoke.mutate(
                        { id: s.id },
                        {
                          onSuccess: () =>
                            toast.success("Signed out", `${s.browser} on ${s.device} is signed out.`),
                          onError: (err) => setError(errorInfo(err).message),
                        },
                      );
                    }}
                  >
                    <LogOut className="size-4" aria-hidden="true" />
                    <span>
                      Sign out
                      <span className="sr-only">
                        {" "}
                        {s.browser} on {s.device}
                      </span>
                    </span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <Button
            variant="secondary"
            loading={busy === "everywhere"}
            onClick={async () => {
              setBusy("everywhere");
              setError(null);
              try {
                await everywhere.mutateAsync();
              } catch (err) {
                // The session may already be over; signing out locally still follows.
                if (errorInfo(err).code !== "UNAUTHORIZED") {
                  setError(errorInfo(err).message);
                  setBusy(null);
                  return;
                }
              }
              void signOut({ callbackUrl: "/sign-in" });
            }}
          >
            <LogOut className="size-4" aria-hidden="true" />
            Sign out everywhere
          </Button>
        </div>
      </div>
    </Section>
  );
}
