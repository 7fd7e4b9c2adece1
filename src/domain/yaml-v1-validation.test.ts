import { describe, expect, it } from "vitest";
import { parseErrors, raid } from "./testing/raid-yaml";
import { findDependencyCycles } from "./yaml-v1";

/* Reading v1 RAID files: what is rejected (item by item) and dependency cycles. */

describe("parseRaidYaml rejects bad input, item by item", () => {
  const item = (num: number | string, extra = "") =>
    `- item_num: ${num}\n  type: Risk\n  title: Item ${num}\n${extra}`;

  it.each([
    {
      name: "a missing title",
      yaml: "- item_num: 1\n  type: Risk\n",
      want: { item: 1, line: 6, field: "title", message: "title is required" },
    },
    {
      name: "a title over 500 characters",
      yaml: `- item_num: 1\n  type: Risk\n  title: ${"x".repeat(501)}\n`,
      want: { item: 1, line: 8, field: "title", message: "title is 501 characters long (at most 500)" },
    },
    {
      name: "an unknown type",
      yaml: "- item_num: 1\n  type: Task\n  title: T\n",
      want: {
        item: 1,
        line: 7,
        field: "type",
        message: expect.stringContaining('"Task" is not a known type'),
      },
    },
    {
      name: "a percentage over 100",
      yaml: item(1, "  percent_complete: 150\n"),
      want: {
        item: 1,
        line: 9,
        field: "percent_complete",
        message: "percent_complete must be between 0 and 100",
      },
    },
    {
      name: "a percentage that is not a number",
      yaml: item(1, "  percent_complete: lots\n"),
      want: {
        item: 1,
        line: 9,
        field: "percent_complete",
        message: 'percent_complete must be a whole number, not "lots"',
      },
    },
    {
      name: "an impossible date",
      yaml: item(1, "  start: '2024-02-30'\n"),
      want: {
        item: 1,
        line: 9,
        field: "start",
        message: expect.stringContaining('start is not a date: "2024-02-30"'),
      },
    },
    {
      name: "an impossible unquoted date (a YAML timestamp that would roll over)",
      yaml: item(1, "  start: 2024-02-30\n"),
      want: {
        item: 1,
        line: 9,
        field: "start",
        message: expect.stringContaining('start is not a date: "2024-02-30"'),
      },
    },
    {
      name: "a date of the wrong type",
      yaml: item(1, "  deadline: [2024-01-01]\n"),
      want: { item: 1, line: 9, field: "deadline", message: "deadline must be a date, not a list" },
    },
    {
      name: "a non-boolean draft flag",
      yaml: item(1, "  draft: maybe\n"),
      want: { item: 1, line: 9, field: "draft", message: 'draft must be true or false, not "maybe"' },
    },
    {
      name: "a title that is a mapping",
      yaml: "- item_num: 1\n  type: Risk\n  title: {a: 1}\n",
      want: { item: 1, line: 8, field: "title", message: "title must be text, not a mapping" },
    },
    {
      name: "a finish before the start",
      yaml: item(1, "  start: 2024-03-01\n  finish: 2024-02-01\n"),
      want: { item: 1, line: 10, field: "finish", message: "finish 2024-02-01 is before start 2024-03-01" },
    },
    {
      name: "a note without a date",
      yaml: item(1, "  notes: just text\n"),
      want: {
        item: 1,
        line: 9,
        field: "notes",
        message: expect.stringContaining("notes line 1 does not start with a date"),
      },
    },
    {
      name: "a missing item number",
      yaml: "- type: Risk\n  title: T\n",
      want: { item: "items #1", line: 6, field: "item_num", message: "item_num is required" },
    },
    {
      name: "a dependency on a missing item",
      yaml: item(1, "  dep_item_num: ['9', 8]\n"),
      want: { item: 1, line: 6, field: "dep_item_num", message: "depends on missing items #9, #8" },
    },
    {
      name: "a dependency that is not a number",
      yaml: item(1, "  dep_item_num: [two]\n"),
      want: {
        item: 1,
        line: 9,
        field: "dep_item_num",
        message: 'dep_item_num must list item numbers, not "two"',
      },
    },
    {
      name: "an item that depends on itself",
      yaml: item(1, "  dep_item_num: [1]\n"),
      want: { item: 1, line: 6, field: "dep_item_num", message: "item #1 depends on itself" },
    },
    {
      name: "a dependency cycle",
      yaml:
        item(1, "  dep_item_num: [2]\n") +
        item(2, "  dep_item_num: [3]\n") +
        item(3, "  dep_item_num: ['1']\n"),
      want: { item: 1, line: 6, field: "dep_item_num", message: "dependency cycle: #1 → #2 → #3 → #1" },
    },
    {
      name: "a duplicate item number",
      yaml: item(4) + item(4),
      want: { item: 4, line: 9, field: "item_num", message: "item number 4 is used twice (first on line 6)" },
    },
  ])("$name", ({ yaml, want }) => {
    expect(parseErrors(raid(yaml))).toEqual([want]);
  });

  it("reports every problem in the file, not just the first", () => {
    const errors = parseErrors(
      raid(
        item(1, "  percent_complete: -1\n") +
          "- item_num: 2\n  type: Risk\n" +
          item(3, "  dep_item_num: [5]\n"),
      ),
    );
    expect(errors.map((e) => [e.item, e.field])).toEqual([
      [1, "percent_complete"],
      [2, "title"],
      [3, "dep_item_num"],
    ]);
  });

  it.each([
    { name: "a YAML syntax error", text: "metadata:\n  project_name: [oops\nitems: []\n", line: 3 },
    { name: "a file that is not a mapping", text: "- just\n- a list\n", line: 1 },
  ])("rejects $name with its line", ({ text, line }) => {
    expect(parseErrors(text)[0]).toMatchObject({ line });
  });

  it.each([
    {
      name: "metadata missing",
      text: "items: []\n",
      want: { field: "metadata", message: "metadata is missing" },
    },
    {
      name: "a project without a name",
      text: "metadata:\n  client_name: C\nitems: []\n",
      want: { field: "metadata.project_name", line: 2, message: "metadata.project_name is required" },
    },
    {
      name: "items that are not a list",
      text: "metadata:\n  project_name: P\nitems: nope\n",
      want: { field: "items", line: 3, message: "items must be a list" },
    },
  ])("rejects $name", ({ text, want }) => {
    expect(parseErrors(text)).toEqual([want]);
  });
});

describe("findDependencyCycles", () => {
  it.each([
    {
      name: "no cycle",
      graph: [
        [1, [2]],
        [2, [3]],
        [3, []],
      ],
      want: [],
    },
    { name: "a self-loop", graph: [[1, [1]]], want: [[1, 1]] },
    {
      name: "a triangle, found once",
      graph: [
        [1, [2]],
        [2, [3]],
        [3, [1]],
      ],
      want: [[1, 2, 3, 1]],
    },
    {
      name: "two separate cycles",
      graph: [
        [1, [2]],
        [2, [1]],
        [5, [6]],
        [6, [5]],
      ],
      want: [
        [1, 2, 1],
        [5, 6, 5],
      ],
    },
    { name: "an edge to an unknown item is ignored", graph: [[1, [9]]], want: [] },
  ] as { name: string; graph: [number, number[]][]; want: number[][] }[])("$name", ({ graph, want }) => {
    expect(findDependencyCycles(new Map(graph))).toEqual(want);
  });
});
