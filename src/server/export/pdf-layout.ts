/**
 * Typesetting helpers for the PDF status report (pdfkit, A4): the embedded
 * fonts, text made safe to print, section headings, page breaks, tables
 * that wrap long cells and repeat their header on each new page, and the
 * running header and "Page N of M" footer drawn once every page exists.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import { SEVERITY_PRINT_COLOUR } from "@/domain/export/print-colours";

export type Doc = PDFKit.PDFDocument;

/** DejaVu Sans (from @fontsource/dejavu-sans): Latin, Greek, Cyrillic, Hebrew, Arabic, symbols. */
const FONT_DIR = path.join(process.cwd(), "node_modules", "@fontsource", "dejavu-sans", "files");
export const FONT = "Body";
export const FONT_BOLD = "Bold";

/**
 * A WOFF 1.0 font as the plain TrueType file it wraps (each table inflated
 * once). fontkit reads WOFF too, but inflates a table on every glyph it
 * reads: seconds per report instead of milliseconds.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error("Not a WOFF font");
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const [offset, compLength, origLength] = [
      woff.readUInt32BE(at + 4),
      woff.readUInt32BE(at + 8),
      woff.readUInt32BE(at + 12),
    ];
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    header.writeUInt32BE(t.tag, 12 + i * 16);
    header.writeUInt32BE(t.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(t.data.length, 24 + i * 16);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

let fontCache: { regular: Buffer; bold: Buffer } | null = null;
function fonts() {
  const read = (file: string) => woffToSfnt(readFileSync(path.join(FONT_DIR, file)));
  fontCache ??= {
    regular: read("dejavu-sans-latin-400-normal.woff"),
    bold: read("dejavu-sans-latin-700-normal.woff"),
  };
  return fontCache;
}

export const PAGE = { width: 595.28, height: 841.89, left: 42, right: 42, top: 56, bottom: 58 };
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const INK = "#0f172a";
export const MUTED = "#475569";
export const RULE = "#cbd5e1";
export const SHADE = "#f1f5f9";

/** Indicator severities and risk bands as print colours (always shown next to text). */
export const COLOUR: Record<string, string> = {
  ...SEVERITY_PRINT_COLOUR,
  low: "#16a34a",
  medium: "#d97706",
  high: "#ea580c",
  extreme: "#dc2626",
};

/**
 * Text pdfkit can lay out: control characters become spaces and a lone
 * surrogate becomes U+FFFD. Characters the font lacks print as its
 * "missing glyph" box instead of failing.
 */
export function printable(text: string | null | undefined): string {
  if (!text) return "";
  return (
    text
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/g, " ")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
  );
}

/** A new A4 document with the fonts registered, and its bytes once `end()` is called. */
export function newDocument(title: string): { doc: Doc; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    info: { Title: printable(title), Creator: "braidMgr", Producer: "braidMgr" },
    lang: "en",
  });
  const f = fonts();
  doc.registerFont(FONT, f.regular);
  doc.registerFont(FONT_BOLD, f.bold);
  doc.font(FONT).fillColor(INK);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, bytes };
}

export const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
/** Width between the margins of the current page (portrait or landscape). */
export const widthOf = (doc: Doc) => doc.page.width - PAGE.left - PAGE.right;

/** A new page in the current page's orientation. */
export function newPage(
  doc: Doc,
  layout: "portrait" | "landscape" = doc.page.layout === "landscape" ? "landscape" : "portrait",
) {
  doc.addPage({
    size: "A4",
    layout,
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
  });
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottomLimit(doc)) newPage(doc);
}

export function sectionHeading(doc: Doc, title: string, note?: string) {
  ensureSpace(doc, 90);
  doc.moveDown(0.8);
  const y = doc.y;
  const width = widthOf(doc);
  doc.font(FONT_BOLD).fontSize(13).fillColor(INK).text(title, PAGE.left, y, { width });
  if (note) {
    doc.font(FONT).fontSize(8.5).fillColor(MUTED);
    doc.text(printable(note), PAGE.left, y + 3, { width, align: "right" });
  }
  const ruleY = Math.max(doc.y, y + 17) + 2;
  doc
    .moveTo(PAGE.left, ruleY)
    .lineTo(PAGE.left + width, ruleY)
    .lineWidth(0.8)
    .stroke(RULE);
  doc.x = PAGE.left;
  doc.y = ruleY + 7;
}

export function subHeading(doc: Doc, title: string, colour?: string) {
  ensureSpace(doc, 48);
  doc.moveDown(0.4);
  const y = doc.y;
  let x = PAGE.left;
  if (colour) {
    doc.circle(x + 4, y + 5.5, 3.5).fill(colour);
    x += 12;
  }
  doc
    .font(FONT_BOLD)
    .fontSize(10)
    .fillColor(INK)
    .text(printable(title), x, y, { width: widthOf(doc) });
  doc.x = PAGE.left;
  doc.moveDown(0.25);
}

export type TableColumn<T> = {
  header: string;
  width: number;
  align?: "left" | "right" | "center";
  text: (row: T) => string;
  /** A coloured dot before the text (severity, band). */
  dot?: (row: T) => string | null;
  bold?: boolean;
};

const CELL_PAD_X = 4;
const CELL_PAD_Y = 3.5;
const FONT_SIZE = 8;

function headerRow<T>(doc: Doc, cols: readonly TableColumn<T>[], x0: number, width: number) {
  doc.font(FONT_BOLD).fontSize(FONT_SIZE);
  const h = Math.max(...cols.map((c) => doc.heightOfString(c.header, { width: c.width - 2 * CELL_PAD_X })));
  const rowH = h + 2 * CELL_PAD_Y;
  const y = doc.y;
  doc.rect(x0, y, width, rowH).fill("#1e293b");
  let x = x0;
  for (const c of cols) {
    doc.fillColor("#ffffff").text(c.header, x + CELL_PAD_X, y + CELL_PAD_Y, {
      width: c.width - 2 * CELL_PAD_X,
      align: c.align ?? "left",
    });
    x += c.width;
  }
  doc.y = y + rowH;
}

/**
 * A table over as many pages as it needs: each cell wraps within its column,
 * rows never split across pages, and the header repeats on every new page.
 */
export function table<T>(doc: Doc, cols: readonly TableColumn<T>[], rows: readonly T[], x0 = PAGE.left) {
  const width = cols.reduce((s, c) => s + c.width, 0);
  ensureSpace(doc, 40);
  headerRow(doc, cols, x0, width);
  rows.forEach((row, index) => {
    const cells = cols.map((c) => printable(c.text(row)).replace(/\n+/g, " "));
    const heights = cols.map((c, i) => {
      doc.font(c.bold ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
      const inner = c.width - 2 * CELL_PAD_X - (c.dot?.(row) ? 9 : 0);
      return doc.heightOfString(cells[i] || " ", { width: inner });
    });
    const rowH = Math.max(...heights) + 2 * CELL_PAD_Y;
    if (doc.y + rowH > bottomLimit(doc)) {
      newPage(doc);
      headerRow(doc, cols, x0, width);
    }
    const y = doc.y;
    if (index % 2 === 1) doc.rect(x0, y, width, rowH).fill(SHADE);
    let x = x0;
    cols.forEach((c, i) => {
      let tx = x + CELL_PAD_X;
      const dot = c.dot?.(row);
      if (dot) {
        doc.circle(tx + 3, y + CELL_PAD_Y + 4.2, 2.8).fill(dot);
        tx += 9;
      }
      doc
        .font(c.bold ? FONT_BOLD : FONT)
        .fontSize(FONT_SIZE)
        .fillColor(INK)
        .text(cells[i]!, tx, y + CELL_PAD_Y, {
          width: x + c.width - CELL_PAD_X - tx,
          align: c.align ?? "left",
        });
      x += c.width;
    });
    doc
      .moveTo(x0, y + rowH)
      .lineTo(x0 + width, y + rowH)
      .lineWidth(0.4)
      .stroke(RULE);
    doc.y = y + rowH;
  });
  doc.x = PAGE.left;
}

/** Scales column widths so they fill `total` points. */
export function fit<T>(cols: TableColumn<T>[], total = CONTENT_WIDTH): TableColumn<T>[] {
  const sum = cols.reduce((s, c) => s + c.width, 0);
  return cols.map((c) => ({ ...c, width: (c.width * total) / sum }));
}

/** Running header (from page 2) and footer with "Page N of M" on every page. */
export function finishPages(doc: Doc, header: string, footer: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const n = i - range.start + 1;
    const right = doc.page.width - PAGE.right;
    const width = widthOf(doc);
    if (n > 1) {
      doc.font(FONT).fontSize(8).fillColor(MUTED);
      doc.text(printable(header), PAGE.left, 26, { width, lineBreak: false, ellipsis: true });
      doc.moveTo(PAGE.left, 40).lineTo(right, 40).lineWidth(0.5).stroke(RULE);
    }
    const y = doc.page.height - 36;
    doc
      .moveTo(PAGE.left, y - 8)
      .lineTo(right, y - 8)
      .lineWidth(0.5)
      .stroke(RULE);
    doc.font(FONT).fontSize(8).fillColor(MUTED);
    doc.text(printable(footer), PAGE.left, y, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(`Page ${n} of ${range.count}`, right - 90, y, { width: 90, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
