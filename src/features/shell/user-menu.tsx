"use client";

import { Building, CircleUser, LogOut } from "lucide-react";
import Link from "next/link";
import { Popover, popoverItemClasses } from "@/components/ui/popover";
import { initials } from "@/lib/format";
import { useAppSession } from "@/lib/use-app-session";
import { useSignOut } from "@/features/offline/use-sign-out";
import { ThemeSwitcher } from "./theme";

export function UserMenu() {
  const { user } = useAppSession();
  const { signOut, signingOut, unsent, dialog } = useSignOut();
  return (
    <>
      <Popover
        align="end"
        triggerClassName="inline-flex size-11 items-center justify-center rounded-full"
        trigger={
          // The name is the sr-only text (not aria-label): a label that leaves out the visible initials
          // fails WCAG 2.5.3 (label in name).
          <>
            <span
              aria-hidden="true"
              className="flex size-9 items-center justify-center rounded-full bg-blue-800 text-sm font-semibold text-white"
            >
              {initials(user?.name, user?.email)}
            </span>
            <span className="sr-only">{`Account menu for ${user?.name || user?.email || "you"}`}</span>
          </>
        }
        panelClassName="w-72"
      >
        {(close) => (
          <div className="flex flex-col">
            <div className="border-b border-slate-100 px-2.5 pt-1.5 pb-2.5">
              <p className="truncate text-sm font-semibold text-slate-900">{user?.name || "Signed in"}</p>
              <p className="truncate text-sm text-slate-600">{user?.email}</p>
            </div>
            <ThemeSwitcher className="border-b border-slate-100 px-1 py-2.5" />
            <div className="flex flex-col pt-1.5">
              <Link href="/profile" onClick={close} className={popoverItemClasses}>
                <CircleUser className="size-4 text-slate-600" aria-hidden="true" />
                Profile and security
              </Link>
              <Link href="/orgs" onClick={close} className={popoverItemClasses}>
                <Building className="size-4 text-slate-600" aria-hidden="true" />
                Organizations
              </Link>
              <button
                type="button"
                disabled={signingOut}
                onClick={() => {
                  // With unsent changes the question opens instead, over a closed menu.
                  if (unsent) close();
                  signOut();
                }}
                className={popoverItemClasses}
              >
                <LogOut className="size-4 text-slate-600" aria-hidden="true" />
                {signingOut ? "Signing out…" : "Sign out"}
              </button>
            </div>
          </div>
        )}
      </Popover>
      {dialog}
    </>
  );
}
