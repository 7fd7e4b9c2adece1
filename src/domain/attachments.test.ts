import { describe, expect, it } from "vitest";
import {
  baseMediaType,
  checkAttachment,
  contentDisposition,
  isPreviewableImage,
  MAX_ATTACHMENT_BYTES,
  safeFileName,
  servedContentType,
  storageKey,
} from "./attachments";

describe("attachment rules", () => {
  it.each([
    [{ fileName: "plan.pdf", contentType: "application/pdf", size: 1000 }, true],
    [{ fileName: "photo.JPG", contentType: "image/jpeg", size: 5 }, true],
    [
      {
        fileName: "budget.xlsx",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        size: 5,
      },
      true,
    ],
    [{ fileName: "big.pdf", contentType: "application/pdf", size: MAX_ATTACHMENT_BYTES + 1 }, "size"],
    [{ fileName: "exactly.pdf", contentType: "application/pdf", size: MAX_ATTACHMENT_BYTES }, true],
    [{ fileName: "empty.txt", contentType: "text/plain", size: 0 }, "size"],
    [{ fileName: "run.exe", contentType: "application/x-msdownload", size: 10 }, "contentType"],
    [{ fileName: "fake.pdf.exe", contentType: "application/pdf", size: 10 }, "fileName"],
    [{ fileName: "page.html", contentType: "text/html", size: 10 }, "contentType"],
  ])("%o → %s", (input, expected) => {
    const r = checkAttachment(input);
    if (expected === true) expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, field: expected });
  });

  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\report.pdf", "report.pdf"],
    ["  spaced   name .txt ", "spaced name .txt"],
    ["a\u0000b<c>.txt", "ab_c_.txt"],
    [".hidden", "hidden"],
    ["", "file"],
  ])("cleans %j to %j", (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it("builds the storage key from org, project, item, uuid and name", () => {
    expect(storageKey({ orgSlug: "acme", projectId: "p", itemId: "i", uuid: "u", fileName: "f.pdf" })).toBe(
      "acme/p/i/u/f.pdf",
    );
  });
});

describe("how downloads are served", () => {
  it.each([
    ["image/png", true],
    ["image/webp", true],
    ["image/svg+xml", false],
    ["text/html", false],
    ["application/pdf", false],
  ])("%s inline: %s", (type, inline) => {
    expect(isPreviewableImage(type)).toBe(inline);
  });

  it.each([
    ["text/plain", "text/plain; charset=utf-8"],
    ["Text/CSV; charset=latin1", "text/csv; charset=utf-8"],
    ["application/pdf", "application/pdf"],
    ["text/html", "application/octet-stream"],
    ["", "application/octet-stream"],
  ])("recorded %j is served as %j", (recorded, served) => {
    expect(servedContentType(recorded)).toBe(served);
  });

  it("names the file in both forms of Content-Disposition", () => {
    expect(contentDisposition("attachment", "notes.txt")).toBe(
      `attachment; filename="notes.txt"; filename*=UTF-8''notes.txt`,
    );
    expect(contentDisposition("inline", `Résumé "v2" (final)*.png`)).toBe(
      `inline; filename="R_sum_ _v2_ (final)*.png"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22v2%22%20%28final%29%2A.png`,
    );
  });

  it("compares media types without parameters or case", () => {
    expect(baseMediaType("Text/Plain; charset=UTF-8")).toBe("text/plain");
    expect(baseMediaType(null)).toBeNull();
  });
});
