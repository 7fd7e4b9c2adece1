"use client";

import { Send } from "lucide-react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import { QueryError } from "@/components/query-error";
import { AppForm } from "@/components/ui/app-form";
import { Dialog } from "@/components/ui/dialog";
import { EmailInput, Field, Select } from "@/components/ui/field";
import { FormDialogButtons } from "@/components/ui/form-dialog-buttons";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { PROJECT_ROLES, type ProjectRole } from "@/domain/permissions";
import { ROLE_LABEL } from "@/lib/format";
import { pipeTo, useAppForm } from "@/lib/use-app-form";
import { INVITE_ROLES, ZInvite } from "@/contracts/account";
import { api } from "@/trpc/react";

const FORM_ID = "invite-form";

/** The dialog's fields, turned into the server's invite input (project grants only for members). */
const ZInviteForm = pipeTo(
  z
    .object({
      email: z.string(),
      role: z.enum(INVITE_ROLES),
      grants: z.record(z.string(), z.enum([...PROJECT_ROLES, ""])),
    })
    .transform(({ email, role, grants }) => ({
      email,
      role,
      projectRoles:
        role === "member"
          ? Object.entries(grants)
              .filter((g): g is [string, ProjectRole] => !!g[1])
              .map(([projectId, r]) => ({ projectId, role: r }))
          : [],
    })),
  ZInvite,
);

export function InviteDialog({
  orgSlug,
  open,
  onClose,
}: {
  orgSlug: string;
  open: boolean;
  onClose: () => void;
}) {
  const toast = useToast();
  const invite = api.org.invite.useMutation();
  const projects = api.project.list.useQuery({ orgSlug }, { enabled: open });
  const app = useAppForm({
    schema: ZInviteForm,
    defaultValues: { email: "", role: "member", grants: {} },
    extraErrorKeys: ["projectRoles"],
    onSubmit: async (values) => {
      const inv = await invite.mutateAsync({ orgSlug, ...values });
      // The e-mailed link itself is never shown to the inviter: whoever holds it could sign up as the
      // invitee. What may be passed on by hand is the app's address, where the invitee finds the
      // invitation once signed in with that address.
      const appLink = `${window.location.origin}/orgs`;
      toast.toast({
        kind: "success",
        title: "Invitation sent",
        description: `We e-mailed ${inv.email} a link valid for 7 days. They join once they accept. If the mail goes astray, send them ${appLink}: signed in as ${inv.email}, they find the invitation there.`,
        action: { label: "Copy app link", onClick: () => void navigator.clipboard?.writeText(appLink) },
      });
      close();
    },
  });
  const { form, setFormError, fieldError } = app;
  const [role, grants = {}] = useWatch({ control: form.control, name: ["role", "grants"] });

  function close() {
    form.reset();
    setFormError(null);
    invite.reset();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Invite people"
      description="They get an e-mail with a link to join (valid for 7 days, usable once). People who already have an account can also accept it after signing in. Nobody joins until they accept."
      footer={
        <FormDialogButtons form={FORM_ID} loading={invite.isPending} onCancel={close}>
          <Send className="size-4" aria-hidden="true" />
          {invite.isPending ? "Sending…" : "Send invitation"}
        </FormDialogButtons>
      }
    >
      <AppForm app={app} busy={invite.isPending} id={FORM_ID}>
        <Field label="E-mail" error={fieldError("email")}>
          <EmailInput
            {...form.register("email")}
            autoComplete="off"
            maxLength={320}
            required
            data-autofocus
          />
        </Field>
        <Field
          label="Organization role"
          error={fieldError("role")}
          hint={
            role === "admin"
              ? "Admins manage members and settings and see every project."
              : "Members see only the projects you give them."
          }
        >
          <Select {...form.register("role")}>
            {INVITE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        {role === "member" && (
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Project access</legend>
            {fieldError("projectRoles") && (
              <p className="text-sm font-medium text-red-700">{fieldError("projectRoles")}</p>
            )}
            {projects.isPending ? (
              <Skeleton className="h-10 w-full" />
            ) : projects.isError ? (
              <QueryError error={projects.error} what="the projects" />
            ) : projects.data.length === 0 ? (
              <p className="text-sm text-slate-600">No projects yet. You can give access later.</p>
            ) : (
              <ul role="list" className="flex flex-col gap-2">
                {projects.data.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2">
                    <label
                      htmlFor={`grant-${p.id}`}
                      className="min-w-0 flex-1 truncate text-sm text-slate-800"
                    >
                      {p.name}
                    </label>
                    <Select
                      id={`grant-${p.id}`}
                      value={grants[p.id] ?? ""}
                      onChange={(e) =>
                        form.setValue("grants", { ...grants, [p.id]: e.target.value as ProjectRole | "" })
                      }
                      className="w-44"
                    >
                      <option value="">No access</option>
                      {PROJECT_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </Select>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
      </AppForm>
    </Dialog>
  );
}
