"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";

/**
 * A secret shown once (a new API token, a webhook's signing secret): what it is (`children`),
 * the value to select or copy, and Done. Give it a new `key` for a new value.
 */
export function ShownOnce({
  value,
  label,
  what,
  onDone,
  className,
  children,
  ...rest
}: {
  value: string;
  /** The accessible name of the field with the value. */
  label: string;
  /** What it is, in "Select the … and copy it yourself". */
  what: string;
  onDone: () => void;
  className?: string;
  children: React.ReactNode;
  "data-testid"?: string;
}) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      toast.error("Could not copy", `Select the ${what} and copy it yourself.`);
    }
  }
  return (
    <div
      role="status"
      {...rest}
      className={cn("flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3", className)}
    >
      {children}
      <div className="flex flex-wrap items-center gap-2">
        <Input
          readOnly
          value={value}
          aria-label={label}
          className="min-w-0 flex-1 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied ? (
            <Check className="size-4" aria-hidden="true" />
          ) : (
            <Copy className="size-4" aria-hidden="true" />
          )}
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
