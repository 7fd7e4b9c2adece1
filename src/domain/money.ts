/**
 * How money looks everywhere in the app (budget, dashboard, risks, the
 * assistant's answers): US dollars with a "$" and thousands separators; whole
 * amounts without cents, others with exactly two ("$13,300", "$2,718.75").
 * Records in tables always show cents (`formatMoneyExact`). Amounts arrive as
 * numbers or exact decimal strings and are only formatted here, never
 * calculated with.
 */
const MONEY = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const MONEY_WHOLE = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});
const MONEY_COMPACT = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});

const toNumber = (v: number | string) => (typeof v === "number" ? v : Number(v));

/** "$13,300" for whole amounts, "$2,718.75" otherwise (never "$40,000.5"). */
export function formatMoney(v: number | string): string {
  const n = toNumber(v);
  return Number.isInteger(n) ? MONEY_WHOLE.format(n) : MONEY.format(n);
}

/** Always with cents ("$2,718.75", "$13,300.00"): tables of records. */
export const formatMoneyExact = (v: number | string): string => MONEY.format(toNumber(v));

/** "$550K" for chart axes. */
export const formatMoneyCompact = (v: number): string => MONEY_COMPACT.format(v);
