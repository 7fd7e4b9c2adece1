"use client";

import { FileImage, FileCode } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { IsoDate } from "@/domain/types";
import { downloadBlob } from "@/lib/download";
import type { Range } from "./scale";
import { type SvgRow, timelineSvg } from "./timeline-svg";

/** The SVG drawn into a canvas at twice its size, as PNG. */
async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const img = new Image();
  img.decoding = "async";
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("No canvas");
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}

const stem = (name: string) =>
  name
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "project";

/** "Download SVG" and "Download PNG" of the timeline as it is laid out now (grouping, hidden items). */
export function TimelineDownload({
  rows,
  range,
  today,
  projectName,
  showArrows,
}: {
  rows: readonly SvgRow[];
  range: Range;
  today: IsoDate;
  projectName: string;
  showArrows: boolean;
}) {
  const [failed, setFailed] = useState(false);
  const build = () =>
    timelineSvg({ rows, range, today, title: `${projectName} — timeline, ${today}`, showArrows });
  const file = `${stem(projectName)}-timeline-${today}`;
  return (
    <div className="flex items-center gap-2" role="group" aria-label="Download the timeline">
      <Button
        variant="secondary"
        size="sm"
        onClick={() => downloadBlob(new Blob([build().svg], { type: "image/svg+xml" }), `${file}.svg`)}
      >
        <FileCode className="size-4" aria-hidden="true" />
        Download SVG
      </Button>
      <Button
        variant="secondary"
        size="sm"
        onClick={async () => {
          setFailed(false);
          try {
            const { svg, width, height } = build();
            downloadBlob(await svgToPng(svg, width, height), `${file}.png`);
          } catch {
            setFailed(true);
          }
        }}
      >
        <FileImage className="size-4" aria-hidden="true" />
        Download PNG
      </Button>
      {failed && (
        <span role="alert" className="text-sm text-red-700">
          Couldn&apos;t make the PNG; try the SVG.
        </span>
      )}
    </div>
  );
}
