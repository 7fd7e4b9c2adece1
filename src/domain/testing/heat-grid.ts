/** Test support: heat-map grids written as the cells their risks fall in. */
import type { HeatGrid } from "../risk-assessment";

/** A 5 × 5 grid (grid[p-1][i-1]) counting one risk per [probability, impact] cell listed. */
export function gridOf(cells: readonly (readonly [number, number])[]): HeatGrid {
  const g = [0, 1, 2, 3, 4].map(() => [0, 0, 0, 0, 0]);
  for (const [p, i] of cells) g[p - 1]![i - 1]! += 1;
  return g;
}
