import { LoaderCircle, type LucideIcon, X } from "lucide-react";
import { forwardRef } from "react";
import { cn } from "@/lib/cn";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger" | "link";
export type ButtonSize = "sm" | "md" | "icon";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-blue-700 text-white shadow-sm hover:bg-blue-800 active:bg-blue-900 disabled:bg-blue-700/60",
  secondary:
    "bg-white text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 active:bg-slate-100 disabled:text-slate-500",
  ghost: "text-slate-700 hover:bg-slate-100 active:bg-slate-200 disabled:text-slate-400",
  danger: "bg-red-700 text-white shadow-sm hover:bg-red-800 active:bg-red-900 disabled:bg-red-700/60",
  link: "text-blue-700 underline-offset-4 hover:underline px-0! min-h-0!",
};

const SIZES: Record<ButtonSize, string> = {
  // 44px touch targets on phones, a little denser from `sm` up.
  sm: "min-h-10 sm:min-h-8 px-3 text-sm gap-1.5",
  md: "min-h-11 sm:min-h-10 px-4 text-sm gap-2",
  icon: "size-11 sm:size-10 justify-center",
};

export function buttonClasses(
  variant: ButtonVariant = "primary",
  size: ButtonSize = "md",
  className?: string,
) {
  return cn(
    "inline-flex shrink-0 items-center justify-center rounded-lg font-medium whitespace-nowrap transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
    "disabled:cursor-not-allowed",
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export type ButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  loading?: boolean;
  /** An icon before the label (the spinner takes its place while loading). */
  icon?: LucideIcon;
};

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  {
    variant = "primary",
    size = "md",
    loading = false,
    icon: Icon,
    className,
    children,
    disabled,
    type = "button",
    ...rest
  },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={buttonClasses(variant, size, className)}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading && <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />}
      {Icon && !loading && <Icon className="size-4" aria-hidden="true" />}
      {children}
    </button>
  );
});

/** A ✕ button (dismiss, close): the icon and its label for screen readers; `className` sizes and colours it. */
export function CloseButton({
  label,
  onClick,
  className,
  iconClassName = "size-4",
}: {
  label: string;
  onClick: () => void;
  className: string;
  iconClassName?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      className={cn(
        "inline-flex shrink-0 items-center justify-center hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600",
        className,
      )}
    >
      <X className={iconClassName} aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </button>
  );
}
