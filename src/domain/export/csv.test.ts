import { describe, expect, it } from "vitest";
import { withIndicators } from "../indicators";
import { loadRaid, raidCases } from "../testing/fixtures";
import type { ItemRecord } from "../types";
import { CSV_COLUMNS, CSV_RISK_COLUMNS, encodeCsvField, toCsv } from "./csv";

/** An RFC 4180 reader (CRLF records, quoted fields), to check the output rather than trust it. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("CSV export against the fixtures", () => {
  describe.each(raidCases)("$file as of $asOf", ({ file, asOf, exp }) => {
    const csv = toCsv(withIndicators(loadRaid(file).items, asOf));

    it("starts with a BOM and ends every record with CRLF", () => {
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv.endsWith("\r\n")).toBe(true);
    });

    it("equals the expected header and rows, drafts included", () => {
      expect(readCsv(csv.slice(1))).toEqual([exp.csv_header, ...exp.csv_rows]);
    });
  });

  it("has the SPEC column order", () => {
    expect(raidCases[0]!.exp.csv_header).toEqual([...CSV_COLUMNS]);
  });
});

describe("CSV encoding", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
    ["", ""],
    ["🚀 ünïcode", "🚀 ünïcode"],
  ])("%j → %j", (cell, want) => {
    expect(encodeCsvField(cell)).toBe(want);
  });

  const { items } = loadRaid("RAID-Log-Sample-Platform-Upgrade.yaml");
  const first = items[0]!;

  it("neutralises cells that a spreadsheet would run as a formula, in free text only", () => {
    const risky: ItemRecord = {
      ...first,
      title: '=HYPERLINK("x")',
      description: "+1",
      assignedTo: "@me",
      priority: "-high",
      workstream: "\tTab",
    };
    const [, row] = readCsv(toCsv([risky], { bom: false }));
    expect(row!.slice(2, 6)).toEqual(["'\tTab", '\'=HYPERLINK("x")', "'+1", "'@me"]);
    expect(row![11]).toBe("'-high");
  });

  it("orders rows by item number and can leave the BOM out", () => {
    const csv = toCsv([...items].reverse(), { bom: false });
    expect(csv.startsWith("Item #,")).toBe(true);
    expect(
      readCsv(csv)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(items.map((i) => String(i.itemNum)));
  });

  it("writes only the header for no items", () => {
    expect(toCsv([], { bom: false })).toBe(CSV_COLUMNS.join(",") + "\r\n");
  });
});

describe("CSV risk columns (SPEC §13)", () => {
  const { items } = loadRaid("RAID-Log-Sample-Platform-Upgrade.yaml");
  const [a, b] = items;

  it("keeps the exact SPEC §8 columns when no item carries risk data", () => {
    expect(readCsv(toCsv([a!, b!], { bom: false }))[0]).toEqual([...CSV_COLUMNS]);
  });

  it("adds the risk columns, filled per item, when any item carries risk data", () => {
    const risky = {
      ...a!,
      probability: 4,
      impact: 5,
      riskOwner: "=Ana",
      costImpact: "25000.00",
      scheduleImpactDays: 10,
    };
    const rows = readCsv(toCsv([risky, b!], { bom: false }));
    expect(rows[0]).toEqual([...CSV_COLUMNS, ...CSV_RISK_COLUMNS]);
    const at = (col: string, row: number) => rows[row]![rows[0]!.indexOf(col)];
    const first = [risky, b!].sort((x, y) => x.itemNum - y.itemNum)[0] === risky ? 1 : 2;
    expect(at("Probability", first)).toBe("4");
    expect(at("Impact", first)).toBe("5");
    expect(at("Risk Owner", first)).toBe("'=Ana");
    expect(at("Cost Impact", first)).toBe("25000.00");
    expect(at("Schedule Impact Days", first)).toBe("10");
    expect(at("Probability", 3 - first)).toBe("");
  });
});
