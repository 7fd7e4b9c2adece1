"use client";

import { Search } from "lucide-react";
import { createContext, useContext, useId } from "react";
import { cn } from "@/lib/cn";

type FieldCtx = { id: string; errorId: string; hintId: string; hasError: boolean; hasHint: boolean };
const Ctx = createContext<FieldCtx | null>(null);

/** Wires a label, hint and error message to the one control inside. */
export function Field({
  label,
  hint,
  error,
  required,
  className,
  labelClassName,
  children,
}: {
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  required?: boolean;
  className?: string;
  labelClassName?: string;
  children: React.ReactNode;
}) {
  const id = useId();
  const ctx: FieldCtx = {
    id,
    errorId: `${id}-err`,
    hintId: `${id}-hint`,
    hasError: !!error,
    hasHint: !!hint,
  };
  return (
    <Ctx.Provider value={ctx}>
      <div className={cn("flex flex-col gap-1.5", className)}>
        <label htmlFor={id} className={cn("text-sm font-medium text-slate-800", labelClassName)}>
          {label}
          {required && (
            <span className="text-red-700" aria-hidden="true">
              {" "}
              *
            </span>
          )}
        </label>
        {children}
        {hint && !error && (
          <p id={ctx.hintId} className="text-xs text-slate-600">
            {hint}
          </p>
        )}
        {error && (
          <p id={ctx.errorId} className="text-sm font-medium text-red-700">
            {error}
          </p>
        )}
      </div>
    </Ctx.Provider>
  );
}

/** Props that connect a control to its Field (id, aria-invalid, aria-describedby). */
function useFieldProps(props: { id?: string; "aria-describedby"?: string }) {
  const ctx = useContext(Ctx);
  if (!ctx) return { id: props.id, invalid: false, describedBy: props["aria-describedby"] };
  const describedBy = [
    ctx.hasError ? ctx.errorId : ctx.hasHint ? ctx.hintId : null,
    props["aria-describedby"],
  ]
    .filter(Boolean)
    .join(" ");
  return { id: props.id ?? ctx.id, invalid: ctx.hasError, describedBy: describedBy || undefined };
}

export const controlClasses = cn(
  "block w-full rounded-lg border border-slate-300 bg-white px-3 text-base text-slate-900 shadow-sm sm:text-sm",
  "placeholder:text-slate-500",
  "focus:border-blue-600 focus:outline-2 focus:outline-offset-0 focus:outline-blue-600/40",
  "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600",
  "aria-invalid:border-red-600 aria-invalid:focus:outline-red-600/40",
);

/** A search box: its label (visually hidden), the magnifier inside the field, then the input (type=search). */
export function SearchInput({
  label,
  id,
  className,
  ...props
}: Omit<React.ComponentProps<"input">, "type"> & { label: string; id: string }) {
  return (
    <div className={cn("relative", className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500"
        aria-hidden="true"
      />
      <Input {...props} id={id} type="search" className="pl-9" />
    </div>
  );
}

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  const f = useFieldProps(props);
  return (
    <input
      {...props}
      id={f.id}
      aria-invalid={f.invalid || undefined}
      aria-describedby={f.describedBy}
      className={cn(controlClasses, "min-h-11 sm:min-h-10", className)}
    />
  );
}

/** An e-mail address: the e-mail keyboard, no automatic capitals, no spell check. */
export function EmailInput(props: Omit<React.ComponentProps<"input">, "type">) {
  return <Input type="email" inputMode="email" autoCapitalize="none" spellCheck={false} {...props} />;
}

/** A web address: the URL keyboard. */
export function UrlInput(props: Omit<React.ComponentProps<"input">, "type">) {
  return <Input type="url" inputMode="url" {...props} />;
}

export function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  const f = useFieldProps(props);
  return (
    <textarea
      {...props}
      id={f.id}
      aria-invalid={f.invalid || undefined}
      aria-describedby={f.describedBy}
      className={cn(controlClasses, "min-h-24 py-2", className)}
    />
  );
}

export function Select({ className, children, ...props }: React.ComponentProps<"select">) {
  const f = useFieldProps(props);
  return (
    <select
      {...props}
      id={f.id}
      aria-invalid={f.invalid || undefined}
      aria-describedby={f.describedBy}
      className={cn(controlClasses, "min-h-11 pr-8 sm:min-h-10", className)}
    >
      {children}
    </select>
  );
}

/** A checkbox with its label to the right; the whole row is the touch target. */
export function Checkbox({
  label,
  description,
  className,
  ...props
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & {
  label: React.ReactNode;
  description?: React.ReactNode;
}) {
  const id = useId();
  return (
    <label
      htmlFor={props.id ?? id}
      className={cn(
        "flex min-h-11 cursor-pointer items-start gap-3 rounded-lg py-2 text-sm text-slate-800 sm:min-h-10",
        props.disabled && "cursor-not-allowed opacity-70",
        className,
      )}
    >
      <input
        id={id}
        type="checkbox"
        {...props}
        className="mt-0.5 size-4.5 shrink-0 rounded border-slate-400 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      />
      <span className="flex flex-col">
        <span className="font-medium">{label}</span>
        {description && <span className="text-xs text-slate-600">{description}</span>}
      </span>
    </label>
  );
}

/** A form-level error (the message that is not about one field). */
export function FormError({ children, className }: { children: React.ReactNode; className?: string }) {
  if (!children) return null;
  return (
    <div
      role="alert"
      className={cn(
        "rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-800",
        className,
      )}
    >
      {children}
    </div>
  );
}
