import { describe, expect, it } from "vitest";
import {
  detectDelimiter,
  parseCompleteWeek,
  parseCsvDate,
  parseCsvDecimal,
  parseCsvRecords,
  readCsv,
} from "./csv-read";

/* Reading CSV text: records, delimiters, dates, decimals and the complete-week flag. */

describe("parseCsvRecords", () => {
  it.each([
    [
      "plain",
      "a,b,c\n1,2,3\n",
      [
        ["a", "b", "c"],
        ["1", "2", "3"],
      ],
      [1, 2],
    ],
    [
      "CRLF",
      "a,b\r\n1,2\r\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 2],
    ],
    [
      "old Mac CR",
      "a,b\r1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 2],
    ],
    [
      "no final newline",
      "a,b\n1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 2],
    ],
    [
      "BOM",
      "\uFEFFa,b\n1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 2],
    ],
    [
      "quoted comma",
      'a,b\n"Ruiz, Ana",2',
      [
        ["a", "b"],
        ["Ruiz, Ana", "2"],
      ],
      [1, 2],
    ],
    ["doubled quotes", 'a\n"say ""hi"""', [["a"], ['say "hi"']], [1, 2]],
    [
      "newline inside quotes",
      'a,b\n"two\nlines",x\ny,z',
      [
        ["a", "b"],
        ["two\nlines", "x"],
        ["y", "z"],
      ],
      [1, 2, 4],
    ],
    [
      "CRLF inside quotes",
      'a,b\r\n"two\r\nlines",x\r\ny,z',
      [
        ["a", "b"],
        ["two\r\nlines", "x"],
        ["y", "z"],
      ],
      [1, 2, 4],
    ],
    [
      "blank lines dropped",
      "a,b\n\n1,2\n,\n\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 3],
    ],
    [
      "empty trailing field",
      "a,b\n1,",
      [
        ["a", "b"],
        ["1", ""],
      ],
      [1, 2],
    ],
    [
      "empty quoted field",
      'a,b\n"",2',
      [
        ["a", "b"],
        ["", "2"],
      ],
      [1, 2],
    ],
    [
      "spaces before a quote",
      'a,b\n1, "x, y"',
      [
        ["a", "b"],
        ["1", "x, y"],
      ],
      [1, 2],
    ],
  ])("%s", (_name, text, cells, lines) => {
    const r = parseCsvRecords(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records.map((x) => x.cells)).toEqual(cells);
    expect(r.records.map((x) => x.line)).toEqual(lines);
  });

  it.each([
    ["unclosed quote", 'a,b\n1,"open\n2,3', /never closed/, 2],
    ["text after closing quote", 'a,b\n"x"y,2', /after a closing quote/, 2],
  ])("refuses %s", (_name, text, message, line) => {
    const r = parseCsvRecords(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(message);
    expect(r.line).toBe(line);
  });

  it("reads semicolon- and tab-separated files", () => {
    expect(parseCsvRecords("a;b\n1;2", ";")).toMatchObject({
      ok: true,
      records: [{ cells: ["a", "b"] }, { cells: ["1", "2"] }],
    });
    expect(parseCsvRecords("a\tb\n1\t2", "\t")).toMatchObject({
      ok: true,
      records: [{ cells: ["a", "b"] }, { cells: ["1", "2"] }],
    });
  });
});

describe("detectDelimiter / readCsv", () => {
  it.each([
    ["a,b,c", ","],
    ["a;b;c", ";"],
    ["a\tb\tc", "\t"],
    ['"x;y",b,c', ","],
    ["single", ","],
    ["\uFEFF\n\nWeek;Name;Hours", ";"],
  ])("%j → %j", (text, d) => expect(detectDelimiter(text)).toBe(d));

  it("takes the first non-blank record as headings (trimmed)", () => {
    const r = readCsv("\n Week Ending , Resource \n2025-01-03,Ana\n");
    expect(r).toMatchObject({
      ok: true,
      headers: ["Week Ending", "Resource"],
      headerLine: 2,
      records: [{ line: 3 }],
    });
  });

  it.each(["", "   \n\n", "\uFEFF"])("refuses an empty file %j", (text) => {
    expect(readCsv(text)).toMatchObject({ ok: false, message: "The file is empty" });
  });
});

describe("parseCsvDate", () => {
  it.each([
    ["2025-03-07", "2025-03-07"],
    ["2025-3-7", "2025-03-07"],
    ["03/07/2025", "2025-03-07"],
    ["3/7/2025", "2025-03-07"],
    ["2025/03/07", "2025-03-07"],
    ["March 7, 2025", "2025-03-07"],
    ["Mar 7 2025", "2025-03-07"],
    ["Sept. 5, 2025", "2025-09-05"],
    ["7 March 2025", "2025-03-07"],
    ["07-Mar-2025", "2025-03-07"],
    ["2025-03-07 00:00:00", "2025-03-07"],
    ["2025-03-07T00:00:00Z", "2025-03-07"],
    ["3/7/2025 12:00 AM", "2025-03-07"],
    ["  2025-03-07  ", "2025-03-07"],
    ["2025-02-30", null],
    ["13/01/2025", null],
    ["2025-03", null],
    ["next friday", null],
    ["7 Marz 2025", null],
    ["", null],
  ])("%j → %j", (text, iso) => expect(parseCsvDate(text)).toBe(iso));
});

describe("parseCsvDecimal", () => {
  it.each([
    ["40", ",", 4000],
    ["37.5", ",", 3750],
    ["37.50", ",", 3750],
    ["7.25", ",", 725],
    ["0.5", ",", 50],
    [".5", ",", 50],
    ["37.", ",", 3700],
    ["37.500", ",", 3750],
    ["$72.50", ",", 7250],
    ["72.50 USD", ",", 7250],
    ["€ 95", ",", 9500],
    ["1,234.50", ",", 123450],
    ["1,234,567", ",", 123456700],
    ["37,5", ",", 3750],
    ["37,5", ";", 3750],
    ["1.234,50", ";", 123450],
    ["-12.5", ",", -1250],
    ["(12.50)", ",", -1250],
  ] as const)("%j (sep %j) → %d hundredths", (text, d, value) =>
    expect(parseCsvDecimal(text, d)).toEqual({ value }),
  );

  it.each([
    ["", /empty/],
    ["abc", /not a number/],
    ["37.333", /more than 2 decimals/],
    ["1e3", /not a number/],
    ["12,34,5", /not a number/],
    ["1.234,50", /not a number/],
  ])("%j is refused", (text, problem) => {
    const r = parseCsvDecimal(text, ",");
    expect("problem" in r && r.problem).toMatch(problem);
  });
});

describe("parseCompleteWeek", () => {
  it.each([
    ["yes", true],
    ["Y", true],
    ["TRUE", true],
    ["1", true],
    ["x", true],
    ["", true],
    ["Complete", true],
    ["no", false],
    ["N", false],
    ["false", false],
    ["0", false],
    ["partial", false],
    ["maybe", null],
  ])("%j → %j", (text, v) => expect(parseCompleteWeek(text)).toBe(v));
});
