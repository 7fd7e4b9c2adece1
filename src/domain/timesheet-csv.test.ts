import { describe, expect, it } from "vitest";
import { describeIssue, readTimesheetCsv, suggestTimesheetMapping } from "./timesheet-csv";

/* Timesheet CSV files: the suggested column mapping and reading rows (CSV basics: csv-read.test.ts). */

describe("suggestTimesheetMapping", () => {
  it.each([
    [
      ["Week Ending", "Resource", "Hours", "Rate", "Complete Week"],
      { weekEnding: 0, resource: 1, hours: 2, rate: 3, completeWeek: 4 },
    ],
    [
      ["week_ending", "resource", "hours", "rate", "cost", "complete_week"],
      { weekEnding: 0, resource: 1, hours: 2, rate: 3, cost: 4, completeWeek: 5 },
    ],
    [["Employee", "Hrs", "Bill Rate", "W/E"], { resource: 0, hours: 1, rate: 2, weekEnding: 3 }],
    [["Name", "Date", "Total Hours"], { resource: 0, weekEnding: 1, hours: 2 }],
    [["Week ending (Saturday)", "Consultant name", "Hours worked"], { weekEnding: 0, resource: 1, hours: 2 }],
    [["Project", "Notes"], {}],
  ])("%j", (headers, mapping) => expect(suggestTimesheetMapping(headers)).toEqual(mapping));

  it("uses each column once and prefers the exact heading", () => {
    expect(suggestTimesheetMapping(["Date", "Week Ending", "Resource", "Hours"])).toEqual({
      weekEnding: 1,
      resource: 2,
      hours: 3,
    });
  });
});

describe("readTimesheetCsv", () => {
  const CSV = [
    "Week Ending,Resource,Hours,Rate,Complete Week",
    "2025-03-07,Chidi Okafor,37.5,72.50,yes",
    '03/14/2025,"Ruiz, Ana",40,185,no',
    '"March 21, 2025",Bo Chen,7.25,160.00,',
  ].join("\r\n");

  it("reads every row, computing cost = hours × rate exactly", () => {
    const r = readTimesheetCsv(`\uFEFF${CSV}\r\n`);
    expect(r.errors).toEqual([]);
    expect(r.delimiter).toBe(",");
    expect(r.suggestedMapping).toEqual({ weekEnding: 0, resource: 1, hours: 2, rate: 3, completeWeek: 4 });
    expect(r.rows).toEqual([
      {
        row: 1,
        line: 2,
        weekEnding: "2025-03-07",
        resource: "Chidi Okafor",
        hours: "37.50",
        rate: "72.50",
        cost: "2718.75",
        completeWeek: true,
        rateSource: "file",
      },
      {
        row: 2,
        line: 3,
        weekEnding: "2025-03-14",
        resource: "Ruiz, Ana",
        hours: "40.00",
        rate: "185.00",
        cost: "7400.00",
        completeWeek: false,
        rateSource: "file",
      },
      {
        row: 3,
        line: 4,
        weekEnding: "2025-03-21",
        resource: "Bo Chen",
        hours: "7.25",
        rate: "160.00",
        cost: "1160.00",
        completeWeek: true,
        rateSource: "file",
      },
    ]);
    expect(r.totals).toEqual({ hours: "84.75", cost: "11278.75" });
    expect(r.columns[1]).toEqual({
      index: 1,
      header: "Resource",
      samples: ["Chidi Okafor", "Ruiz, Ana", "Bo Chen"],
    });
  });

  it("rounds cost half away from zero to the cent", () => {
    const r = readTimesheetCsv(
      "Week Ending,Resource,Hours,Rate\n2025-03-07,A,0.33,0.15\n2025-03-07,B,1.01,33.33",
    );
    expect(r.rows.map((x) => x.cost)).toEqual(["0.05", "33.66"]);
  });

  it("reports every bad row with its row and line number, and leaves those rows out", () => {
    const text = [
      "Week Ending,Resource,Hours,Rate",
      "2025-03-07,Ana,40,185",
      "2025-02-30,Bo,40,160",
      "2025-03-07,,abc,-5",
      "2025-03-07,Dana,200,95",
      "2025-03-07,Eve,40,95,extra",
    ].join("\n");
    const r = readTimesheetCsv(text);
    expect(r.rows.map((x) => x.resource)).toEqual(["Ana"]);
    expect(r.errors.map((e) => [e.row, e.line, e.field])).toEqual([
      [2, 3, "weekEnding"],
      [3, 4, "resource"],
      [3, 4, "hours"],
      [3, 4, "rate"],
      [4, 5, "hours"],
      [5, 6, undefined],
    ]);
    expect(describeIssue(r.errors[0]!)).toBe(
      'Row 2 (line 3): week ending "2025-02-30" is not a date (use YYYY-MM-DD, MM/DD/YYYY, YYYY/MM/DD or "Month D, YYYY")',
    );
    expect(r.errors[5]!.message).toMatch(/5 values but the headings name 4 columns/);
  });

  it("counts lines through quoted line breaks", () => {
    const r = readTimesheetCsv(
      'Week Ending,Resource,Hours,Rate\n2025-03-07,"Ana\nRuiz",40,185\n2025-03-07,Bo,x,160',
    );
    expect(r.rows[0]!.resource).toBe("Ana Ruiz");
    expect(r.errors).toMatchObject([{ row: 2, line: 4, field: "hours" }]);
  });

  it("hints at day-first dates", () => {
    const r = readTimesheetCsv("Week Ending,Resource,Hours,Rate\n25/03/2025,Ana,40,185");
    expect(r.errors[0]!.message).toMatch(/day\/month\/year/);
  });

  it("takes a missing rate from the rate card", () => {
    const rateFor = (resource: string, we: string) =>
      resource === "Ana" && we >= "2025-01-01" ? "185.00" : null;
    const r = readTimesheetCsv("Week Ending,Resource,Hours,Rate\n2025-03-07,Ana,10,\n2025-03-07,Zed,10,", {
      rateFor,
    });
    expect(r.rows).toMatchObject([
      { resource: "Ana", rate: "185.00", cost: "1850.00", rateSource: "rate card" },
    ]);
    expect(r.errors).toMatchObject([
      { row: 2, field: "rate", message: expect.stringMatching(/rate card has no rate for "Zed"/) },
    ]);
  });

  it("works without a rate column when the rate card knows everyone", () => {
    const r = readTimesheetCsv("Resource,Week Ending,Hours\nAna,2025-03-07,8", { rateFor: () => "100" });
    expect(r.rows).toMatchObject([{ rate: "100.00", cost: "800.00", completeWeek: true }]);
  });

  it("reads a semicolon file with decimal commas", () => {
    const r = readTimesheetCsv(
      "Week Ending;Resource;Hours;Rate\n07.03.2025;Ana;37,5;72,50\n2025-03-07;Bo;37,5;72,50",
    );
    expect(r.delimiter).toBe(";");
    expect(r.errors).toMatchObject([{ row: 1, field: "weekEnding" }]);
    expect(r.rows).toMatchObject([{ resource: "Bo", hours: "37.50", rate: "72.50", cost: "2718.75" }]);
  });

  it("uses the given mapping over the suggestion", () => {
    const r = readTimesheetCsv("A,B,C,D\nAna,2025-03-07,8,50", {
      mapping: { resource: 0, weekEnding: 1, hours: 2, rate: 3 },
    });
    expect(r.suggestedMapping).toEqual({});
    expect(r.rows).toMatchObject([{ resource: "Ana", weekEnding: "2025-03-07", cost: "400.00" }]);
  });

  it.each([
    ["a required column is not chosen", { resource: 0, hours: 2 }, /Week ending/],
    ["a column is out of range", { resource: 0, weekEnding: 1, hours: 9 }, /Column 10/],
    ["one column is chosen twice", { resource: 0, weekEnding: 1, hours: 1 }, /both/],
  ])("refuses the file when %s", (_n, mapping, message) => {
    const r = readTimesheetCsv("A,B,C\nAna,2025-03-07,8", { mapping });
    expect(r.rows).toEqual([]);
    expect(r.errors[0]).toMatchObject({ row: null, message: expect.stringMatching(message) });
  });

  it("refuses a file with headings only, broken quoting, or too many rows", () => {
    expect(readTimesheetCsv("Week Ending,Resource,Hours\n").errors[0]!.message).toMatch(/no rows/);
    expect(readTimesheetCsv('Week Ending,Resource,Hours\n2025-03-07,"Ana,8').errors[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/never closed/),
    });
    expect(
      readTimesheetCsv("Week Ending,Resource,Hours,Rate\n2025-03-07,A,1,1\n2025-03-07,B,1,1", { maxRows: 1 })
        .errors[0]!.message,
    ).toMatch(/at most 1/);
  });

  it("warns about a cost that disagrees and about repeated resource-weeks", () => {
    const r = readTimesheetCsv(
      "Week Ending,Resource,Hours,Rate,Cost\n2025-03-07,Ana,10,10,100\n2025-03-07,ana ,1,10,99",
    );
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.cost)).toEqual(["100.00", "10.00"]);
    expect(r.warnings.map((w) => [w.row, w.field])).toEqual([
      [2, "cost"],
      [2, undefined],
    ]);
  });

  it("refuses a bad complete-week flag", () => {
    const r = readTimesheetCsv("Week Ending,Resource,Hours,Rate,Complete\n2025-03-07,Ana,10,10,perhaps");
    expect(r.errors).toMatchObject([{ row: 1, field: "completeWeek" }]);
  });
});
