/**
 * "Forecast + exposure vs budget" (SPEC §13): the budget's own forecast total
 * plus the open risks' cost exposure, against the budget total. Worked in
 * whole cents so the three figures in the sentence always add up.
 */
import { decimalToCents } from "@/domain/budget";
import { formatMoney } from "@/features/budget/format";

export type ExposureVsBudget = {
  forecastCents: number;
  exposureCents: number;
  totalCents: number;
  budgetCents: number;
  /** Budget − (forecast + exposure); negative when over. */
  headroomCents: number;
  over: boolean;
  sentence: string;
};

const toCents = (dollars: number) => Math.round(dollars * 100);
const money = (cents: number) => formatMoney(cents / 100);

/**
 * `forecast` and `budgetTotal` are the budget metrics' numbers (dollars,
 * whole cents); `exposureCost` is the register's decimal string.
 */
export function exposureVsBudget(
  forecast: number,
  exposureCost: string,
  budgetTotal: number,
): ExposureVsBudget {
  const forecastCents = toCents(forecast);
  const exposureCents = decimalToCents(exposureCost) ?? 0;
  const budgetCents = toCents(budgetTotal);
  const totalCents = forecastCents + exposureCents;
  const headroomCents = budgetCents - totalCents;
  const over = headroomCents < 0;
  const tail = over
    ? `${money(-headroomCents)} over`
    : headroomCents === 0
      ? "no headroom left"
      : `${money(headroomCents)} headroom`;
  return {
    forecastCents,
    exposureCents,
    totalCents,
    budgetCents,
    headroomCents,
    over,
    sentence: `Forecast ${money(forecastCents)} + risk exposure ${money(exposureCents)} = ${money(totalCents)} of ${money(budgetCents)} budget — ${tail}`,
  };
}
