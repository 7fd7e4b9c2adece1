/**
 * How risk bands look (SPEC §13: low green, medium amber, high orange, extreme
 * red — RISK_BAND_COLOUR). Always shown with their text, never colour alone.
 * Class names are written out in full so Tailwind finds them; the dark theme
 * mirrors the palettes (globals.css), so the pairs stay readable there too.
 */
import { RISK_BAND_LABEL, type RiskBand } from "@/domain/risk-assessment";

export type BandMeta = { label: string; badge: string; cell: string; dot: string };

export const BAND_META: Record<RiskBand, BandMeta> = {
  low: {
    label: RISK_BAND_LABEL.low,
    badge: "bg-green-100 text-green-800 ring-green-300",
    cell: "bg-green-100 text-green-900 ring-green-300",
    dot: "bg-green-600",
  },
  medium: {
    label: RISK_BAND_LABEL.medium,
    badge: "bg-amber-100 text-amber-900 ring-amber-300",
    cell: "bg-amber-100 text-amber-900 ring-amber-300",
    dot: "bg-amber-500",
  },
  high: {
    label: RISK_BAND_LABEL.high,
    badge: "bg-orange-100 text-orange-900 ring-orange-300",
    cell: "bg-orange-200 text-orange-900 ring-orange-400",
    dot: "bg-orange-500",
  },
  extreme: {
    label: RISK_BAND_LABEL.extreme,
    badge: "bg-red-100 text-red-800 ring-red-300",
    cell: "bg-red-200 text-red-900 ring-red-400",
    dot: "bg-red-600",
  },
};
