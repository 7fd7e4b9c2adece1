"use client";

import { CircleCheck, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { FormError } from "@/components/ui/field";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import { linkClasses } from "./auth-card";
import { useStripTokenFromUrl } from "./strip-token";

/** Confirms the address as soon as the page opens (once, even under React strict mode). */
export function VerifyEmail({ token }: { token: string }) {
  useStripTokenFromUrl();
  const verify = api.auth.verifyEmail.useMutation();
  const started = useRef(false);
  const { mutate } = verify;

  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  if (!token || verify.isError) {
    const message = token
      ? errorInfo(verify.error).message
      : "This link is incomplete. Open the link from the e-mail again.";
    return (
      <div className="mt-6 flex flex-col gap-3">
        <FormError>{message}</FormError>
        <p className="text-sm text-slate-600">
          You can ask for a new confirmation link on your{" "}
          <Link href="/profile" className={linkClasses}>
            profile page
          </Link>
          .
        </p>
      </div>
    );
  }
  if (verify.isSuccess) {
    return (
      <div role="status" className="mt-6 flex flex-col gap-4">
        <p className="flex items-start gap-3 rounded-lg bg-green-50 p-3 text-sm text-green-900">
          <CircleCheck className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
          <span>
            Thanks — <strong className="font-semibold">{verify.data.email}</strong> is confirmed.
          </span>
        </p>
        <Link href="/" className={`${linkClasses} text-sm`}>
          Continue to braidMgr
        </Link>
      </div>
    );
  }
  return (
    <p role="status" className="mt-6 flex items-center gap-2 text-sm text-slate-700">
      <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
      Confirming your e-mail address…
    </p>
  );
}
