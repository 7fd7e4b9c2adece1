import Link from "next/link";
import { cn } from "@/lib/cn";

export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn("size-8 shrink-0", className)}>
      <rect width="32" height="32" rx="8" fill="#1d4ed8" />
      <path
        d="M9 9h8.5a4 4 0 0 1 0 8H9zM9 17h9.5a4 4 0 0 1 0 8H9z"
        fill="none"
        stroke="#fff"
        strokeWidth="2.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Brand({
  href = "/",
  className,
  compact,
}: {
  href?: string;
  className?: string;
  compact?: boolean;
}) {
  return (
    <Link
      href={href}
      className={cn(
        "inline-flex min-h-11 items-center gap-2 rounded-lg font-semibold text-slate-900",
        className,
      )}
    >
      <Logo />
      <span className={cn("text-base tracking-tight", compact && "max-sm:sr-only")}>braidMgr</span>
    </Link>
  );
}
