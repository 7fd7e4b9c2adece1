/**
 * The production build, made only when the sources changed since the last
 * one. Shared by `npm start` and the HTTP benchmark. NEXT_DIST_DIR (or the
 * `distDir` argument) puts it beside another build, so a benchmark build
 * never fights a dev server or another checkout's build.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./local-env";

export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const BUILD_INPUTS = [
  "src",
  "public",
  "next.config.mjs",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

/** A fingerprint of everything the build depends on (paths, sizes, mtimes). */
export function sourceFingerprint(): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== "generated") walk(path.join(p, name));
    } else h.update(`${path.relative(ROOT, p)}:${st.size}:${st.mtimeMs}\n`);
  };
  for (const input of BUILD_INPUTS) walk(path.join(ROOT, input));
  return h.digest("hex");
}

/**
 * Builds into `distDir` (relative to the repo; default NEXT_DIST_DIR or .next)
 * unless it holds a build of the current sources. Returns whether it built.
 */
export function ensureBuild(
  opts: { distDir?: string; env?: NodeJS.ProcessEnv; log?: (msg: string) => void } = {},
): boolean {
  const distName = opts.distDir ?? (process.env.NEXT_DIST_DIR || ".next");
  const distDir = path.join(ROOT, distName);
  const stamp = path.join(distDir, "braidmgr-build-fingerprint");
  const fingerprint = sourceFingerprint();
  const current =
    existsSync(path.join(distDir, "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === fingerprint;
  if (current) return false;
  (opts.log ?? console.error)(`building the app into ${distName} (first start or sources changed)…`);
  const env = { ...(opts.env ?? process.env), NEXT_DIST_DIR: distName };
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: "inherit", env });
  if (r.status !== 0) throw new Error("next build failed");
  writeFileSync(stamp, fingerprint);
  return true;
}
