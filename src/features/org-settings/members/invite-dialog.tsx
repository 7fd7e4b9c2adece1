"use client";

import { Send } from "lucide-react";
import { useState } from "react";
import { z } from "zod";
import { QueryError } from "@/components/query-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { PROJECT_ROLES, type ProjectRole } from "@/domain/permissions";
import { focusFirstInvalid } from "@/lib/focus-invalid";
import { ROLE_LABEL } from "@/lib/format";
import { errorInfo, firstError, type FieldErrors } from "@/lib/trpc-error";
import { INVITE_ROLES, ZInvite } from "@/server/api/routers/account.schema";
import { api } from "@/trpc/react";

const FORM_ID = "invite-form";

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
  const utils = api.useUtils();
  const invite = api.org.invite.useMutation();
  const projects = api.project.list.useQuery({ orgSlug }, { enabled: open });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [role, setRole] = useState<(typeof INVITE_ROLES)[number]>("member");
  const [grants, setGrants] = useState<Record<string, ProjectRole | "">>({});

  const close = () => {
    setErrors({});
    setFormError(null);
    setGrants({});
    setRole("member");
    invite.reset();
    onClose();
  };

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const input = {
      email: String(new FormData(form).get("email") ?? ""),
      role,
      projectRoles:
        role === "member"
          ? Object.entries(grants)
              .filter((g): g is [string, ProjectRole] => !!g[1])
              .map(([projectId, r]) => ({ projectId, role: r }))
          : [],
    };
    setFormError(null);
    const parsed = ZInvite.safeParse(input);
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors as FieldErrors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    try {
      const inv = await invite.mutateAsync({ orgSlug, ...parsed.data });
      await utils.org.invitations.invalidate({ orgSlug });
      toast.success(
        "Invitation sent",
        `We e-mailed ${inv.email} a link valid for 7 days. They join once they accept.`,
      );
      close();
    } catch (err) {
      const info = errorInfo(err);
      setErrors(info.fieldErrors);
      setFormError(info.message);
      focusFirstInvalid(form);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Invite people"
      description="They get an e-mail with a link to join (valid for 7 days, usable once). People who already have an account can also accept it after signing in. Nobody joins until they accept."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} loading={invite.isPending}>
            <Send className="size-4" aria-hidden="true" />
            {invite.isPending ? "Sending…" : "Send invitation"}
          </Button>
        </>
      }
    >
      <form
        id={FORM_ID}
        noValidate
        onSubmit={onSubmit}
        aria-busy={invite.isPending}
        className="flex flex-col gap-4"
      >
        <FormError>{formError}</FormError>
        <Field label="E-mail" error={firstError(errors, "email")}>
          <Input
            name="email"
            type="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            autoComplete="off"
            maxLength={320}
            required
            data-autofocus
          />
        </Field>
        <Field
          label="Organization role"
          error={firstError(errors, "role")}
          hint={
            role === "admin"
              ? "Admins manage members and settings and see every project."
              : "Members see only the projects you give them."
          }
        >
          <Select
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as (typeof INVITE_ROLES)[number])}
          >
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
            {firstError(errors, "projectRoles") && (
              <p className="text-sm font-medium text-red-700">{firstError(errors, "projectRoles")}</p>
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
                        setGrants((g) => ({ ...g, [p.id]: e.target.value as ProjectRole | "" }))
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
      </form>
    </Dialog>
  );
}
