"use client";

import { useQueryStates } from "nuqs";
import { useCallback, useMemo } from "react";
import {
  riskViewParsers,
  riskViewUrlKeys,
  riskViewValues,
  toRiskView,
  type RiskViewState,
} from "./register-state";

/** The register's filters, heat-map cell and sort, kept in the URL (shareable; Back restores them). */
export function useRiskViewState() {
  const [values, setValues] = useQueryStates(riskViewParsers, { urlKeys: riskViewUrlKeys });
  const state = useMemo(() => toRiskView(values), [values]);
  const setState = useCallback((next: RiskViewState) => void setValues(riskViewValues(next)), [setValues]);
  return [state, setState] as const;
}
