"use client";

import { CircleCheck, CircleExclamationPoint, Info } from "lucide-react";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { CloseButton } from "./button";

type ToastKind = "success" | "error" | "info";
export type ToastInput = {
  kind?: ToastKind;
  title: string;
  description?: string;
  action?: { label: string; onClick: () => void };
  /** ms; errors stay a little longer. */
  duration?: number;
};
type Toast = ToastInput & { id: number; kind: ToastKind };

type ToastApi = {
  toast: (t: ToastInput) => void;
  success: (title: string, description?: string) => void;
  error: (title: string, description?: string) => void;
};

const ToastCtx = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const ctx = useContext(ToastCtx);
  if (!ctx) throw new Error("useToast needs <ToastProvider>");
  return ctx;
}

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const toast = useCallback((t: ToastInput) => {
    const id = next.current++;
    setToasts((ts) => [...ts.slice(-3), { ...t, id, kind: t.kind ?? "info" }]);
  }, []);
  const api = useMemo<ToastApi>(
    () => ({
      toast,
      success: (title, description) => toast({ kind: "success", title, description }),
      error: (title, description) => toast({ kind: "error", title, description }),
    }),
    [toast],
  );
  return (
    <ToastCtx.Provider value={api}>
      {children}
      <div
        aria-live="polite"
        aria-relevant="additions"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 pb-[max(1rem,env(safe-area-inset-bottom))] sm:items-end"
      >
        {toasts.map((t) => (
          <ToastView key={t.id} toast={t} onDismiss={() => dismiss(t.id)} />
        ))}
      </div>
    </ToastCtx.Provider>
  );
}

const ICON = { success: CircleCheck, error: CircleExclamationPoint, info: Info };
const TONE = {
  success: "text-green-700",
  error: "text-red-700",
  info: "text-blue-700",
};

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  const [hover, setHover] = useState(false);
  useEffect(() => {
    if (hover) return;
    const ms = toast.duration ?? (toast.kind === "error" ? 8000 : toast.action ? 7000 : 4500);
    const t = setTimeout(onDismiss, ms);
    return () => clearTimeout(t);
  }, [hover, toast, onDismiss]);
  const Icon = ICON[toast.kind];
  return (
    <div
      role={toast.kind === "error" ? "alert" : "status"}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      onFocus={() => setHover(true)}
      onBlur={() => setHover(false)}
      className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-lg ring-1 ring-black/5"
    >
      <Icon className={cn("mt-0.5 size-5 shrink-0", TONE[toast.kind])} aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold text-slate-900">{toast.title}</p>
        {toast.description && (
          <p className="mt-0.5 text-sm break-words text-slate-700">{toast.description}</p>
        )}
        {toast.action && (
          <button
            type="button"
            onClick={() => {
              toast.action!.onClick();
              onDismiss();
            }}
            className="mt-1.5 min-h-8 rounded text-sm font-semibold text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            {toast.action.label}
          </button>
        )}
      </div>
      <CloseButton
        label="Dismiss"
        onClick={onDismiss}
        className="-m-1 size-8 rounded-md text-slate-500 hover:text-slate-800"
      />
    </div>
  );
}
