"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { ThemeProvider as NextThemesProvider, useTheme } from "next-themes";
import { useEffect, useId } from "react";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import { THEME_COLORS, THEME_STORAGE_KEY } from "./theme-colors";
import { useMounted } from "./use-mounted";

/**
 * Light, dark or follow the system (the default). next-themes puts the `dark`
 * class on <html> from an inline script before the first paint (no flash) and
 * keeps the choice in localStorage under "theme"; src/app/globals.css maps the
 * palette for `.dark`.
 */
export const THEMES = ["light", "dark", "system"] as const;
export type ThemeChoice = (typeof THEMES)[number];

export function ThemeProvider({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  return (
    <NextThemesProvider
      nonce={nonce}
      attribute="class"
      defaultTheme="system"
      enableSystem
      enableColorScheme
      disableTransitionOnChange
      storageKey={THEME_STORAGE_KEY}
    >
      <ThemeColorSync />
      <ThemeShortcut />
      {children}
    </NextThemesProvider>
  );
}

/**
 * The theme-color metas carry one colour per system scheme (see the root
 * layout's viewport); when the user picks a theme that differs from the
 * system, point them all at the chosen one so the browser chrome matches.
 */
function ThemeColorSync() {
  const { resolvedTheme } = useTheme();
  useEffect(() => {
    if (resolvedTheme !== "light" && resolvedTheme !== "dark") return;
    for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
      meta.content = THEME_COLORS[resolvedTheme];
    }
  }, [resolvedTheme]);
  return null;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
}

/** Shift+D switches between the light and dark themes (outside text fields). */
function ThemeShortcut() {
  const { resolvedTheme, setTheme } = useTheme();
  const { toast } = useToast();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "D" || !e.shiftKey || e.metaKey || e.ctrlKey || e.altKey || e.repeat) return;
      if (isTypingTarget(e.target)) return;
      e.preventDefault();
      const next = resolvedTheme === "dark" ? "light" : "dark";
      setTheme(next);
      toast({ title: next === "dark" ? "Dark theme" : "Light theme", duration: 2000 });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [resolvedTheme, setTheme, toast]);
  return null;
}

const OPTIONS: { value: ThemeChoice; label: string; icon: typeof Sun }[] = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
];

/** Light / Dark / System as three toggle buttons (used in the user menu). */
export function ThemeSwitcher({ className }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  // The stored choice is only known in the browser.
  const mounted = useMounted();
  const current = mounted ? (theme ?? "system") : undefined;
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId} className={className}>
      <p id={labelId} className="px-2.5 pb-1.5 text-xs font-medium text-slate-600">
        Theme <span className="font-normal">(Shift D switches)</span>
      </p>
      <div className="grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1">
        {OPTIONS.map(({ value, label, icon: Icon }) => {
          const on = current === value;
          return (
            <button
              key={value}
              type="button"
              aria-pressed={on}
              onClick={() => setTheme(value)}
              className={cn(
                "flex min-h-10 items-center justify-center gap-1.5 rounded-md px-2 text-sm font-medium sm:min-h-8",
                "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600",
                on
                  ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                  : "text-slate-700 hover:bg-white/60",
              )}
            >
              <Icon className="size-4" aria-hidden="true" />
              {label}
            </button>
          );
        })}
      </div>
    </div>
  );
}
