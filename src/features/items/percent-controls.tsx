"use client";

import { cn } from "@/lib/cn";

/**
 * The % complete slider beside its number input (the children): the slider follows what is typed,
 * typing follows the slider. In the item form (steps of 1) and the table's Progress quick edit
 * (steps of 5).
 */
export function PercentControls({
  slider,
  step = 1,
  disabled,
  onSlide,
  className,
  children,
}: {
  slider: number;
  step?: number;
  disabled?: boolean;
  onSlide: (value: number) => void;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("flex items-center gap-3", className)}>
      <input
        type="range"
        min={0}
        max={100}
        step={step}
        aria-label="% complete slider"
        aria-valuetext={`${slider}%`}
        value={slider}
        onChange={(e) => onSlide(Number(e.target.value))}
        disabled={disabled}
        className="h-11 min-w-0 flex-1 cursor-pointer rounded accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed sm:h-10"
      />
      {children}
    </div>
  );
}
