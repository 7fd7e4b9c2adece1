import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { expected, loadBudget, readFixture } from "./testing/fixtures";
import { parseBudgetYaml, serializeBudgetYaml } from "./yaml-v1";

/* Reading and writing v1 Budget YAML files. */

describe("parseBudgetYaml", () => {
  const file = expected.budget[0]!.file;
  const raw = YAML.parse(readFixture(file));
  const { budget, warnings } = loadBudget(file);

  it("reads every section of the fixture", () => {
    expect(warnings).toEqual([]);
    expect(budget.rateCard).toHaveLength(raw.rate_card.length);
    expect(budget.allocations).toHaveLength(raw.budget_ledger.length);
    expect(budget.timesheets).toHaveLength(raw.timesheet_data.length);
    expect(budget.metadata).toMatchObject({
      projectName: raw.metadata.project_name,
      clientName: raw.metadata.client,
    });
  });

  it("keeps money and hours as exact two-decimal strings", () => {
    budget.timesheets.forEach((t, i) => {
      const r = raw.timesheet_data[i];
      expect(t).toEqual({
        weekEnding: r.week_ending,
        resource: r.resource,
        hours: r.hours.toFixed(2),
        rate: r.rate.toFixed(2),
        cost: r.cost.toFixed(2),
        completeWeek: r.complete_week,
      });
    });
    expect(budget.rateCard.map((r) => r.rate)).toEqual(
      raw.rate_card.map((r: { rate: number }) => r.rate.toFixed(2)),
    );
  });

  it("round-trips without loss", () => {
    expect(parseBudgetYaml(serializeBudgetYaml(budget))).toEqual({ ok: true, budget, warnings: [] });
  });

  it("computes a missing cost from hours × rate and flags a cost that does not match", () => {
    const result = parseBudgetYaml(
      "timesheet_data:\n- {week_ending: 2025-01-03, resource: A, hours: 7.5, rate: 72.5}\n- {week_ending: 2025-01-03, resource: B, hours: 1, rate: 10, cost: 99}\n",
    );
    expect(result).toMatchObject({
      ok: true,
      budget: { timesheets: [{ cost: "543.75", completeWeek: true }, { cost: "99.00" }] },
      warnings: [
        { item: "timesheet_data #2", field: "cost", message: "cost 99.00 differs from hours × rate (10.00)" },
      ],
    });
  });

  it.each([
    {
      name: "a timesheet without a resource",
      text: "timesheet_data:\n- week_ending: 2025-01-03\n  hours: 8\n  rate: 10\n",
      want: { item: "timesheet_data #1", line: 2, field: "resource", message: "resource is required" },
    },
    {
      name: "hours that are not a number",
      text: "timesheet_data:\n- week_ending: 2025-01-03\n  resource: A\n  hours: eight\n  rate: 10\n",
      want: {
        item: "timesheet_data #1",
        line: 4,
        field: "hours",
        message: 'hours must be an amount with at most 2 decimals, not "eight"',
      },
    },
    {
      name: "a bad week ending",
      text: "timesheet_data:\n- week_ending: 31/01/2025\n  resource: A\n  hours: 8\n  rate: 10\n",
      want: {
        item: "timesheet_data #1",
        line: 2,
        field: "week_ending",
        message: expect.stringContaining("week_ending is not a date"),
      },
    },
    {
      name: "a rate with sub-cent precision",
      text: "rate_card:\n- name: A\n  rate: 72.125\n",
      want: {
        item: "rate_card #1",
        line: 3,
        field: "rate",
        message: 'rate must be an amount with at most 2 decimals, not "72.125"',
      },
    },
    {
      name: "a ledger entry without an amount",
      text: "budget_ledger:\n- note: Initial SOW\n",
      want: { item: "budget_ledger #1", line: 2, field: "amount", message: "amount is required" },
    },
    {
      name: "a complete_week flag that is not a boolean",
      text: "timesheet_data:\n- {week_ending: 2025-01-03, resource: A, hours: 8, rate: 10, complete_week: partly}\n",
      want: {
        item: "timesheet_data #1",
        line: 2,
        field: "complete_week",
        message: 'complete_week must be true or false, not "partly"',
      },
    },
  ])("rejects $name", ({ text, want }) => {
    expect(parseBudgetYaml(text)).toEqual({ ok: false, errors: [want] });
  });

  it("accepts negative ledger amounts", () => {
    const result = parseBudgetYaml(
      "budget_ledger:\n- amount: -2500\n  date: 2025-01-01\n  workstream: Build\n",
    );
    expect(result).toMatchObject({
      ok: true,
      budget: { allocations: [{ amount: "-2500.00", date: "2025-01-01", workstream: "Build" }] },
    });
  });
});
