/**
 * Test support: loads the v1 fixtures and their expected results
 * (`tests/fixtures/v1`, see its README) so tests never retype expected numbers.
 */
import fs from "node:fs";
import path from "node:path";
import type { Indicator, IsoDate } from "../types";
import { parseBudgetYaml, parseRaidYaml } from "../yaml-v1";

export const FIXTURES_DIR = path.resolve(import.meta.dirname, "../../../tests/fixtures/v1");

export type ExpectedAsOf = {
  indicators: Record<string, Indicator | null>;
  severity_counts: Record<string, number>;
  total_items: number;
  non_draft_items: number;
  csv_header: string[];
  csv_rows: string[][];
};

export type ExpectedBudget = {
  file: string;
  metrics: {
    proj_start: IsoDate;
    proj_end: IsoDate;
    updates_thru: IsoDate;
    budget_total: number;
    burn_to_date: number;
    wkly_avg_burn: number;
    weeks_total: number;
    weeks_completed: number;
    weeks_remaining: number;
    remaining_burn: number;
    est_total_burn: number;
    budget_remaining: number;
    budget_status: string;
    burn_pct: number;
    remaining_pct: number;
  };
  weekly_burn: { week_ending: IsoDate; cost: number; cumulative: number }[];
  resource_burn: { resource: string; hours: number; cost: number }[];
};

type Expected = {
  raid: { file: string; as_of: Record<IsoDate, ExpectedAsOf> }[];
  budget: ExpectedBudget[];
};

export const readFixture = (file: string): string => fs.readFileSync(path.join(FIXTURES_DIR, file), "utf8");

export const expected: Expected = JSON.parse(readFixture("expected.json"));

export const RAID_FILES = expected.raid.map((r) => r.file);

/** One case per RAID file and "as of" date. */
export const raidCases = expected.raid.flatMap(({ file, as_of }) =>
  Object.entries(as_of).map(([asOf, exp]) => ({ file, asOf, exp })),
);

/** Parses a fixture that is known to be valid. */
export function loadRaid(file: string) {
  const result = parseRaidYaml(readFixture(file));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
  return result;
}

export function loadBudget(file: string) {
  const result = parseBudgetYaml(readFixture(file));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
  return result;
}
