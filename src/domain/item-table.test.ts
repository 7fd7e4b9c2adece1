import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, CSV_RISK_COLUMNS } from "./export/csv";
import {
  checkItemMapping,
  describeTableIssue,
  readItemTable,
  suggestItemMapping,
  type ItemTableMapping,
} from "./item-table";

describe("suggestItemMapping", () => {
  it("maps the CSV export's own headings 1:1 (Indicator is left out)", () => {
    const m = suggestItemMapping([...CSV_COLUMNS, ...CSV_RISK_COLUMNS]);
    expect(m).toEqual({
      itemNum: 0,
      type: 1,
      workstream: 2,
      title: 3,
      description: 4,
      assignedTo: 5,
      start: 6,
      finish: 7,
      deadline: 8,
      percentComplete: 9,
      priority: 11,
      draft: 12,
      clientVisible: 13,
      probability: 14,
      impact: 15,
      residualProbability: 16,
      residualImpact: 17,
      riskOwner: 18,
      mitigation: 19,
      contingency: 20,
      costImpact: 21,
      scheduleImpactDays: 22,
    });
  });

  it.each<[string, string[], ItemTableMapping]>([
    ["any case and spacing", ["TITLE", "type", "assigned to"], { title: 0, type: 1, assignedTo: 2 }],
    [
      "other names",
      ["Summary", "Category", "Due date", "Assignee"],
      { title: 0, type: 1, deadline: 2, assignedTo: 3 },
    ],
    [
      "Risk Owner keeps its column; Owner is the assignee",
      ["Owner", "Risk Owner"],
      { assignedTo: 0, riskOwner: 1 },
    ],
    ["a column is used once", ["Title", "Name"], { title: 0 }],
    ["unknown headings stay unmapped", ["Foo", "", "Bar"], {}],
  ])("%s", (_, headers, expected) => {
    expect(suggestItemMapping(headers)).toEqual(expected);
  });
});

describe("checkItemMapping", () => {
  it.each<[string, ItemTableMapping, number, string[]]>([
    ["fine", { type: 0, title: 1 }, 2, []],
    ["Type missing", { title: 1 }, 2, ['Choose the column that holds "Type"']],
    ["out of range", { type: 0, title: 5 }, 2, ['Column 6 for "Title" is not in the file']],
    ["used twice", { type: 0, title: 0 }, 2, ['Column 1 is chosen for both "Type" and "Title"']],
  ])("%s", (_, mapping, columns, messages) => {
    expect(checkItemMapping(mapping, columns).map((i) => i.message)).toEqual(messages);
  });
});

const HEADERS = ["Item #", "Type", "Title", "Start", "Finish", "% Complete", "Draft"];
const MAPPING = suggestItemMapping(HEADERS);
const row = (line: number, ...cells: string[]) => ({ line, cells });

describe("readItemTable", () => {
  it("reads good rows into items, leniently (type aliases, dates, 50%, yes/no, formula apostrophes)", () => {
    const r = readItemTable(
      {
        headers: HEADERS,
        records: [
          row(2, "4", "action", "'=SUM is text", "3/7/2025", "2025-03-14", "50%", "Yes"),
          row(3, "", "Risk", "  Spaced  ", "", "", "", ""),
        ],
      },
      MAPPING,
    );
    expect(r.errors).toEqual([]);
    expect(r.items).toMatchObject([
      {
        itemNum: 4,
        type: "Action Item",
        title: "=SUM is text",
        start: "2025-03-07",
        finish: "2025-03-14",
        percentComplete: 50,
        draft: true,
        clientVisible: true,
      },
      // No number: numbered after the highest given.
      { itemNum: 5, type: "Risk", title: "Spaced", start: null, percentComplete: 0, draft: false },
    ]);
  });

  it.each<[string, string[], { field: string; column: string; message: RegExp }]>([
    [
      "unknown type",
      ["1", "Riskk", "T", "", "", "", ""],
      { field: "type", column: "Type", message: /Type "Riskk" is not an item type/ },
    ],
    [
      "empty title",
      ["1", "Risk", " ", "", "", "", ""],
      { field: "title", column: "Title", message: /^Title is empty$/ },
    ],
    [
      "impossible date",
      ["1", "Risk", "T", "2025-02-30", "", "", ""],
      { field: "start", column: "Start", message: /Start "2025-02-30" is not a date/ },
    ],
    [
      "day-first date",
      ["1", "Risk", "T", "31/01/2025", "", "", ""],
      { field: "start", column: "Start", message: /looks like day\/month\/year/ },
    ],
    [
      "percent over 100",
      ["1", "Risk", "T", "", "", "150%", ""],
      { field: "percentComplete", column: "% Complete", message: /% Complete must be between 0 and 100/ },
    ],
    [
      "percent not a number",
      ["1", "Risk", "T", "", "", "half", ""],
      { field: "percentComplete", column: "% Complete", message: /must be a whole number/ },
    ],
    [
      "bad yes/no",
      ["1", "Risk", "T", "", "", "", "maybe"],
      { field: "draft", column: "Draft", message: /Draft must be true or false/ },
    ],
    [
      "finish before start",
      ["1", "Risk", "T", "2025-03-10", "2025-03-01", "", ""],
      { field: "finish", column: "Finish", message: /before Start/ },
    ],
    [
      "item number zero",
      ["0", "Risk", "T", "", "", "", ""],
      { field: "itemNum", column: "Item #", message: /Item # must be between 1/ },
    ],
  ])("flags %s with its row, line and column", (_, cells, expected) => {
    const r = readItemTable(
      { headers: HEADERS, records: [row(2, "9", "Risk", "ok", "", "", "", ""), row(3, ...cells)] },
      MAPPING,
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 2, line: 3, field: expected.field, column: expected.column });
    expect(r.errors[0]!.message).toMatch(expected.message);
    expect(r.items.map((i) => i.itemNum)).toEqual([9]);
  });

  it("flags a number used twice", () => {
    const r = readItemTable(
      { headers: HEADERS, records: [row(2, "3", "Risk", "a"), row(3, "3", "Issue", "b")] },
      MAPPING,
    );
    expect(r.errors.map((e) => describeTableIssue(e))).toEqual([
      'Row 2 (line 3), column "Item #": Item # 3 is used twice (first in row 1)',
    ]);
  });

  it("refuses a table without rows or without the required columns", () => {
    expect(readItemTable({ headers: HEADERS, records: [] }, MAPPING).errors[0]!.message).toBe(
      "The file has headings but no rows",
    );
    expect(
      readItemTable({ headers: ["A"], records: [row(2, "x")] }, {}).errors.map((e) => e.message),
    ).toEqual(['Choose the column that holds "Type"', 'Choose the column that holds "Title"']);
  });

  it("describes issues for a workbook by sheet row", () => {
    expect(describeTableIssue({ row: 4, line: 5, column: "Start", message: "Start bad" }, "sheet row")).toBe(
      'Row 4 (sheet row 5), column "Start": Start bad',
    );
  });
});
