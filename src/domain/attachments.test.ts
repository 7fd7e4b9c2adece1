import { describe, expect, it } from "vitest";
import { checkAttachment, MAX_ATTACHMENT_BYTES, safeFileName, storageKey } from "./attachments";

describe("attachment rules", () => {
  it.each([
    [{ fileName: "plan.pdf", contentType: "application/pdf", size: 1000 }, true],
    [{ fileName: "photo.JPG", contentType: "image/jpeg", size: 5 }, true],
    [{ fileName: "budget.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", size: 5 }, true],
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
    expect(storageKey({ orgSlug: "acme", projectId: "p", itemId: "i", uuid: "u", fileName: "f.pdf" })).toBe("acme/p/i/u/f.pdf");
  });
});
