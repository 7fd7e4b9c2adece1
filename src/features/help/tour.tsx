"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Button, CloseButton } from "@/components/ui/button";
import { useAppSession } from "@/lib/use-app-session";

const RESTART_EVENT = "braidmgr:tour-restart";
const storageKey = (userId: string) => `braidmgr.tour.v1.${userId}`;

/** Shows the tour again (used by the Help page). */
export function restartTour(userId: string | undefined) {
  try {
    if (userId) localStorage.removeItem(storageKey(userId));
  } catch {
    // storage unavailable: the event still opens the tour
  }
  window.dispatchEvent(new Event(RESTART_EVENT));
}

type Step = { title: string; body: React.ReactNode };

function steps(orgSlug: string): Step[] {
  return [
    {
      title: "Your projects",
      body: "Everything lives in a project. Pick one from Projects (or the sidebar) to see its BRAID log: Budget, Risks, Action items, Issues and Decisions.",
    },
    {
      title: "The items table and its filters",
      body: "All items lists every entry with sortable columns. Filter by type, workstream, assignee or indicator; filters are kept in the address so you can share a view. Double-click a row or press Enter to open the editor.",
    },
    {
      title: "Indicators",
      body: "Each item gets a coloured indicator from its dates and progress: red is critical (late), amber is trending late, blue is active, purple is starting soon and green was completed recently.",
    },
    {
      title: "Ask AI",
      body: "On any project page, the Ask AI button answers questions about the project's items and budget and links straight to the items it mentions. ⌘K / Ctrl+K opens the command palette anywhere: search, jump, #12, or type “?” to ask AI.",
    },
    {
      title: "Help is always here",
      body: (
        <>
          The{" "}
          <Link href={`/o/${orgSlug}/help`} className="font-medium text-blue-700 underline">
            Help page
          </Link>{" "}
          (sidebar, or press <kbd className="rounded border border-slate-300 px-1 font-mono text-xs">?</kbd>)
          has the full guide and keyboard shortcuts, and can restart this tour.
        </>
      ),
    },
  ];
}

/** A short first-run tour, shown once per user on this device; skippable and restartable. */
export function FirstRunTour({ orgSlug }: { orgSlug: string }) {
  const { user } = useAppSession();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState(0);
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const list = steps(orgSlug);

  useEffect(() => {
    if (!user) return;
    let seen = true;
    try {
      seen = localStorage.getItem(storageKey(user.id)) === "done";
    } catch {
      // no storage: never nag
    }
    // Browser-only state (localStorage), read after mount.
    if (!seen) setOpen(true);
    const onRestart = () => {
      setStep(0);
      setOpen(true);
    };
    window.addEventListener(RESTART_EVENT, onRestart);
    return () => window.removeEventListener(RESTART_EVENT, onRestart);
  }, [user]);

  useEffect(() => {
    if (open) panel.current?.focus();
  }, [open, step]);

  const finish = useCallback(() => {
    try {
      if (user) localStorage.setItem(storageKey(user.id), "done");
    } catch {
      // ignore
    }
    setOpen(false);
  }, [user]);

  if (!open) return null;
  const s = list[step]!;
  const last = step === list.length - 1;
  // Portalled: the header (backdrop-filter) would otherwise be the containing block of `fixed`.
  return createPortal(
    <div
      ref={panel}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === "Escape") finish();
      }}
      data-testid="first-run-tour"
      className="fixed inset-x-3 bottom-3 z-50 rounded-xl border border-slate-200 bg-white p-4 shadow-xl ring-1 ring-black/5 focus-visible:outline-2 focus-visible:outline-blue-600 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96"
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold tracking-wide text-blue-700 uppercase">
            Tour · step {step + 1} of {list.length}
          </p>
          <h2 id={titleId} className="mt-1 text-base font-semibold text-slate-900">
            {s.title}
          </h2>
        </div>
        <CloseButton
          label="Close the tour"
          onClick={finish}
          className="-mt-1 -mr-1 size-10 rounded-lg text-slate-600"
        />
      </div>
      <p className="mt-2 text-sm text-slate-700">{s.body}</p>
      <div className="mt-4 flex items-center gap-2">
        <div className="flex flex-1 gap-1" aria-hidden="true">
          {list.map((_, i) => (
            <span
              key={i}
              className={`h-1.5 w-5 rounded-full ${i <= step ? "bg-blue-700" : "bg-slate-200"}`}
            />
          ))}
        </div>
        {!last && (
          <Button variant="ghost" size="sm" onClick={finish}>
            Skip tour
          </Button>
        )}
        {step > 0 && (
          <Button variant="secondary" size="sm" onClick={() => setStep(step - 1)}>
            Back
          </Button>
        )}
        <Button size="sm" onClick={() => (last ? finish() : setStep(step + 1))}>
          {last ? "Done" : "Next"}
        </Button>
      </div>
    </div>,
    document.body,
  );
}
