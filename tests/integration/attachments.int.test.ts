import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { headObject, resetStorageClient } from "@/server/storage";
import { startS3 } from "../support/s3";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "files";
let s3: Awaited<ReturnType<typeof startS3>>;
let projectId: string;
const scope = () => ({ orgSlug: ORG, projectId });

beforeAll(async () => {
  s3 = await startS3();
  Object.assign(process.env, s3.env);
  resetEnvCache();
  resetStorageClient();
  const sys = systemCaller();
  for (const [e, n] of [
    ["own@f.test", "Owner"],
    ["tm@f.test", "Tina"],
    ["tm2@f.test", "Tom"],
    ["v@f.test", "Vic"],
  ])
    await makeUser(e!, n);
  await sys.org.create({ name: "Files", slug: ORG, ownerEmail: "own@f.test" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Docs" })).id;
  for (const [e, r] of [
    ["tm@f.test", "team_member"],
    ["tm2@f.test", "team_member"],
    ["v@f.test", "viewer"],
  ] as const) {
    await sys.org.addMember({ orgSlug: ORG, email: e, role: "member" });
    await sys.project.setRole({ ...scope(), email: e, role: r });
  }
  await sys.item.create({ ...scope(), type: "Deliverable", title: "Design pack" });
});

afterAll(async () => {
  await s3.stop();
});

async function upload(
  api: Awaited<ReturnType<typeof callerFor>>,
  body: string,
  fileName = "notes.txt",
  contentType = "text/plain",
) {
  const size = Buffer.byteLength(body);
  const started = await api.attachment.startUpload({ ...scope(), itemNum: 1, fileName, contentType, size });
  const put = await fetch(started.uploadUrl, {
    method: "PUT",
    body,
    headers: { ...started.headers, "content-length": String(size) },
  });
  expect(put.status).toBe(200);
  return api.attachment.completeUpload({ ...scope(), itemNum: 1, key: started.key, fileName, contentType });
}

describe("attachments", () => {
  it("uploads through a presigned URL, lists, and downloads the same bytes", async () => {
    const tm = await callerFor("tm@f.test");
    const a = await upload(tm, "hello, attachments");
    expect(a).toMatchObject({ fileName: "notes.txt", size: 18, previewable: false });
    const list = await tm.attachment.list({ ...scope(), itemNum: 1 });
    expect(list.map((x) => x.id)).toContain(a.id);
    const { url } = await tm.attachment.downloadUrl({ ...scope(), itemNum: 1, attachmentId: a.id });
    const res = await fetch(url);
    expect(await res.text()).toBe("hello, attachments");
    expect(res.headers.get("content-disposition")).toContain("notes.txt");
  });

  it("stores under <org>/<project>/<item>/<uuid>/<file>", async () => {
    const tm = await callerFor("tm@f.test");
    const started = await tm.attachment.startUpload({
      ...scope(),
      itemNum: 1,
      fileName: "../../evil.txt",
      contentType: "text/plain",
      size: 3,
    });
    expect(started.key).toMatch(new RegExp(`^${ORG}/${projectId}/[0-9a-f-]{36}/[0-9a-f-]{36}/evil\\.txt$`));
  });

  it("refuses bad types and sizes with field errors, before anything is stored", async () => {
    const tm = await callerFor("tm@f.test");
    expect(
      await codeOf(
        tm.attachment.startUpload({
          ...scope(),
          itemNum: 1,
          fileName: "x.exe",
          contentType: "application/x-msdownload",
          size: 10,
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        tm.attachment.startUpload({
          ...scope(),
          itemNum: 1,
          fileName: "x.pdf",
          contentType: "application/pdf",
          size: 11 * 1024 * 1024,
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("will not record an upload that never happened or belongs elsewhere", async () => {
    const tm = await callerFor("tm@f.test");
    const started = await tm.attachment.startUpload({
      ...scope(),
      itemNum: 1,
      fileName: "ghost.txt",
      contentType: "text/plain",
      size: 5,
    });
    expect(
      await codeOf(
        tm.attachment.completeUpload({
          ...scope(),
          itemNum: 1,
          key: started.key,
          fileName: "ghost.txt",
          contentType: "text/plain",
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        tm.attachment.completeUpload({
          ...scope(),
          itemNum: 1,
          key: "other-org/x/y/z/file.txt",
          fileName: "file.txt",
          contentType: "text/plain",
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("lets only the uploader or a manager delete, audits it, and removes the object", async () => {
    const tm = await callerFor("tm@f.test");
    const tm2 = await callerFor("tm2@f.test");
    const viewer = await callerFor("v@f.test");
    const a = await upload(tm, "to be removed");
    const { url } = await tm.attachment.downloadUrl({ ...scope(), itemNum: 1, attachmentId: a.id });
    expect(await codeOf(viewer.attachment.delete({ ...scope(), itemNum: 1, attachmentId: a.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(tm2.attachment.delete({ ...scope(), itemNum: 1, attachmentId: a.id }))).toBe(
      "FORBIDDEN",
    );
    await tm.attachment.delete({ ...scope(), itemNum: 1, attachmentId: a.id });
    expect((await tm.attachment.list({ ...scope(), itemNum: 1 })).map((x) => x.id)).not.toContain(a.id);
    expect((await fetch(url)).status).toBe(404);
    const owner = await callerFor("own@f.test");
    const trail = await owner.audit.list({ orgSlug: ORG, entityType: "attachment", action: "DELETE" });
    expect(trail.entries.map((e) => e.entityId)).toContain(a.id);
  });

  it("records the stored object's type: a different claim at completion is refused and the object removed", async () => {
    const tm = await callerFor("tm@f.test");
    const body = "<html><script>alert(1)</script></html>";
    const size = Buffer.byteLength(body);
    const started = await tm.attachment.startUpload({
      ...scope(),
      itemNum: 1,
      fileName: "page.txt",
      contentType: "text/plain",
      size,
    });
    const put = await fetch(started.uploadUrl, {
      method: "PUT",
      body,
      headers: { ...started.headers, "content-length": String(size) },
    });
    expect(put.status).toBe(200);
    const claim = {
      ...scope(),
      itemNum: 1,
      key: started.key,
      fileName: "photo.png",
      contentType: "image/png",
    };
    await expect(tm.attachment.completeUpload(claim)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/is text\/plain, not image\/png/),
    });
    expect((await tm.attachment.list({ ...scope(), itemNum: 1 })).map((a) => a.fileName)).not.toContain(
      "photo.png",
    );
    expect(await headObject(started.key)).toBeNull();
  });

  it("serves downloads with our type and as attachments; inline only for raster images", async () => {
    const tm = await callerFor("tm@f.test");
    const text = await upload(tm, "plain words", "Résumé (v2).txt");
    const { url } = await tm.attachment.downloadUrl({
      ...scope(),
      itemNum: 1,
      attachmentId: text.id,
      inline: true,
    });
    const res = await fetch(url);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="R_sum_ (v2).txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28v2%29.txt`,
    );
    const png = await upload(tm, "\x89PNG fake", "dot.png", "image/png");
    expect(png.previewable).toBe(true);
    const inline = await fetch(
      (await tm.attachment.downloadUrl({ ...scope(), itemNum: 1, attachmentId: png.id, inline: true })).url,
    );
    expect(inline.headers.get("content-type")).toBe("image/png");
    expect(inline.headers.get("content-disposition")).toMatch(
      /^inline; filename="dot.png"; filename\*=UTF-8''dot\.png$/,
    );
    const saved = await fetch(
      (await tm.attachment.downloadUrl({ ...scope(), itemNum: 1, attachmentId: png.id })).url,
    );
    expect(saved.headers.get("content-disposition")).toMatch(/^attachment; /);
  });

  it("lets viewers download but not upload", async () => {
    const viewer = await callerFor("v@f.test");
    expect(
      await codeOf(
        viewer.attachment.startUpload({
          ...scope(),
          itemNum: 1,
          fileName: "v.txt",
          contentType: "text/plain",
          size: 1,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await codeOf(viewer.attachment.list({ ...scope(), itemNum: 1 }))).toBe("OK");
  });
});
