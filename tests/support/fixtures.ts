import { readFileSync } from "node:fs";
import path from "node:path";

/** The v1 fixtures kept in the repository (see tests/fixtures/v1/README.md). */
export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/v1");

export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

type AsOf = {
  indicators: Record<string, string | null>;
  csv_header: string[];
  csv_rows: string[][];
  severity_counts: Record<string, number>;
};
export type Expected = {
  raid: { file: string; as_of: Record<string, AsOf> }[];
  budget: {
    file: string;
    metrics: Record<string, number | string>;
    weekly_burn: { week_ending: string; cost: number; cumulative: number }[];
    resource_burn: { resource: string; hours: number; cost: number }[];
  }[];
};

export const expected = JSON.parse(fixture("expected.json")) as Expected;
