"use client";

/**
 * The small editors that open from the Progress and Assignee cells of the All
 * items table. One panel at a time, drawn in a portal (the table scrolls inside
 * its own box, which would clip it) and kept beside the cell that opened it.
 * Escape or Cancel closes it and focus goes back to that cell's button.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import {
  assigneeSuggestions,
  normalizeAssignee,
  parsePercent,
  type QuickEditChanges,
} from "@/lib/item-list-cache";
import { PercentControls } from "./percent-controls";

export type QuickEditKind = "percent" | "assignee";
export type QuickEditTarget = {
  kind: QuickEditKind;
  itemNum: number;
  percentComplete: number;
  assignedTo: string | null;
  /** The cell button that opened the panel. */
  anchor: HTMLElement;
};

const PANEL_WIDTH = 272;
const GAP = 6;
const MARGIN = 8;

function usePanelPosition(
  anchor: HTMLElement,
  panel: React.RefObject<HTMLDivElement | null>,
  onGone: () => void,
) {
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);
  const place = useCallback(() => {
    if (!anchor.isConnected) {
      onGone();
      return;
    }
    const r = anchor.getBoundingClientRect();
    const h = panel.current?.offsetHeight ?? 0;
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const below = r.bottom + GAP;
    const top = below + h > vh - MARGIN && r.top - GAP - h >= MARGIN ? r.top - GAP - h : below;
    const left = Math.max(MARGIN, Math.min(r.left, vw - PANEL_WIDTH - MARGIN));
    setPos((p) => (p && p.top === top && p.left === left ? p : { top, left }));
  }, [anchor, panel, onGone]);

  useLayoutEffect(() => {
    place();
    // Follow the cell while the page or the table scrolls (and when a phone keyboard opens).
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    window.visualViewport?.addEventListener("resize", place);
    // The panel grows when its suggestions arrive or an error shows: it may need to flip above.
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => place());
    if (panel.current) ro?.observe(panel.current);
    return () => {
      ro?.disconnect();
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
      window.visualViewport?.removeEventListener("resize", place);
    };
  }, [place, panel]);
  return pos;
}

export function QuickEditPanel({
  target,
  assignees,
  onSave,
  onClose,
}: {
  target: QuickEditTarget;
  assignees: readonly string[];
  onSave: (changes: QuickEditChanges) => void;
  /** `restoreFocus`: put focus back on the cell button (Escape, Cancel, after saving). */
  onClose: (restoreFocus: boolean) => void;
}) {
  const panelRef = useRef<HTMLDivElement>(null);
  const onGone = useCallback(() => onClose(false), [onClose]);
  const pos = usePanelPosition(target.anchor, panelRef, onGone);
  const headingId = useId();

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      // A click on the cell button toggles the panel itself.
      if (panelRef.current?.contains(t) || target.anchor.contains(t)) return;
      onClose(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [onClose, target.anchor]);

  // Focus the first field; on touch screens the panel itself, so no keyboard pops up uninvited.
  useEffect(() => {
    const coarse = window.matchMedia?.("(pointer: coarse)").matches;
    const first = coarse ? null : panelRef.current?.querySelector<HTMLElement>("input");
    (first ?? panelRef.current)?.focus({ preventScroll: true });
    if (first instanceof HTMLInputElement) first.select();
  }, []);

  const commit = (changes: QuickEditChanges) => {
    onSave(changes);
    onClose(true);
  };

  return createPortal(
    <div
      ref={panelRef}
      role="dialog"
      aria-labelledby={headingId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose(true);
        }
      }}
      onBlur={(e) => {
        // Tabbing out of the panel closes it.
        if (e.relatedTarget && !panelRef.current?.contains(e.relatedTarget as Node)) onClose(false);
      }}
      style={{ top: pos?.top ?? -9999, left: pos?.left ?? -9999, width: PANEL_WIDTH }}
      className="fixed z-50 rounded-xl border border-slate-200 bg-white p-3 shadow-lg ring-1 ring-black/5 focus:outline-none"
      data-testid="quick-edit"
    >
      {target.kind === "percent" ? (
        <PercentForm
          headingId={headingId}
          itemNum={target.itemNum}
          current={target.percentComplete}
          onCommit={commit}
          onCancel={() => onClose(true)}
        />
      ) : (
        <AssigneeForm
          headingId={headingId}
          itemNum={target.itemNum}
          current={target.assignedTo}
          known={assignees}
          onCommit={commit}
          onCancel={() => onClose(true)}
        />
      )}
    </div>,
    document.body,
  );
}

function Heading({ id, label, itemNum }: { id: string; label: string; itemNum: number }) {
  return (
    <p id={id} className="flex items-baseline justify-between gap-2 text-sm font-semibold text-slate-900">
      {label}
      <span className="text-xs font-medium text-slate-500">
        <span className="sr-only">of </span>#{itemNum}
      </span>
    </p>
  );
}

const PRESETS = [0, 25, 50, 75, 100];

function PercentForm({
  headingId,
  itemNum,
  current,
  onCommit,
  onCancel,
}: {
  headingId: string;
  itemNum: number;
  current: number;
  onCommit: (c: QuickEditChanges) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(String(current));
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const parsed = parsePercent(text);

  const save = (value: number | null) => {
    if (value === null) {
      setError("Use a whole number from 0 to 100");
      return;
    }
    if (value === current) onCancel();
    else onCommit({ percentComplete: value });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save(parsed);
      }}
    >
      <Heading id={headingId} label="Progress" itemNum={itemNum} />
      <PercentControls
        slider={parsed ?? current}
        step={5}
        onSlide={(v) => {
          setText(String(v));
          setError(null);
        }}
        className="mt-3"
      >
        <label htmlFor={inputId} className="sr-only">
          % complete
        </label>
        <div className="relative">
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            className={cn(
              "block min-h-10 w-[4.5rem] rounded-lg border bg-white pr-6 pl-2.5 text-right text-base text-slate-900 tabular-nums shadow-sm sm:min-h-9 sm:text-sm",
              "focus:border-blue-600 focus:outline-2 focus:outline-offset-0 focus:outline-blue-600/40",
              "[appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none",
              error ? "border-red-600" : "border-slate-300",
            )}
          />
          <span
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 text-sm text-slate-500"
          >
            %
          </span>
        </div>
      </PercentControls>
      {error && (
        <p id={errorId} role="alert" className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
      <div role="group" aria-label="Set progress to" className="mt-3 grid grid-cols-5 gap-1">
        {PRESETS.map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={current === v}
            onClick={() => save(v)}
            className={cn(
              "min-h-10 rounded-md text-sm font-medium tabular-nums ring-1 ring-inset sm:min-h-8",
              "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600",
              current === v
                ? "bg-blue-50 text-blue-900 ring-blue-300"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
            )}
          >
            {v}%
          </button>
        ))}
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <CancelSave onCancel={onCancel} />
      </div>
    </form>
  );
}

function AssigneeForm({
  headingId,
  itemNum,
  current,
  known,
  onCommit,
  onCancel,
}: {
  headingId: string;
  itemNum: number;
  current: string | null;
  known: readonly string[];
  onCommit: (c: QuickEditChanges) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(current ?? "");
  const inputId = useId();
  const listId = useId();
  const suggestions = assigneeSuggestions(
    known.filter((n) => n !== current),
    text === current ? "" : text,
    5,
  );

  const save = (name: string | null) => {
    if ((name ?? null) === (current ?? null)) onCancel();
    else onCommit({ assignedTo: name });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save(normalizeAssignee(text));
      }}
    >
      <Heading id={headingId} label="Assignee" itemNum={itemNum} />
      <label htmlFor={inputId} className="sr-only">
        Assigned to
      </label>
      <input
        id={inputId}
        type="text"
        value={text}
        maxLength={200}
        autoComplete="off"
        placeholder="Name"
        aria-describedby={suggestions.length ? listId : undefined}
        onChange={(e) => setText(e.target.value)}
        className="mt-3 block min-h-10 w-full rounded-lg border border-slate-300 bg-white px-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-blue-600 focus:outline-2 focus:outline-offset-0 focus:outline-blue-600/40 sm:min-h-9 sm:text-sm"
      />
      {suggestions.length > 0 && (
        <ul id={listId} aria-label="People on this project" className="mt-2 flex flex-col gap-0.5">
          {suggestions.map((name) => (
            <li key={name}>
              <button
                type="button"
                onClick={() => save(name)}
                className="flex min-h-10 w-full items-center rounded-md px-2 text-left text-sm text-slate-800 hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 sm:min-h-8"
              >
                <span className="truncate">{name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3 flex items-center justify-end gap-2">
        {current && (
          <Button variant="ghost" size="sm" className="mr-auto" onClick={() => save(null)}>
            Unassign
          </Button>
        )}
        <CancelSave onCancel={onCancel} />
      </div>
    </form>
  );
}

/** The quick editor's own Cancel and Save (submit) buttons. */
function CancelSave({ onCancel }: { onCancel: () => void }) {
  return (
    <>
      <Button variant="ghost" size="sm" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" size="sm">
        Save
      </Button>
    </>
  );
}
