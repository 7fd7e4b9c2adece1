/** CPU profiles of the app server for the HTTP benchmark (bench-http.ts --profile). */
import { readdir, rename } from "node:fs/promises";
import path from "node:path";
import type { LoadResult } from "./load";
import type { Child } from "./servers";

/** Runs `work` with the app server's CPU profiler on (SIGUSR2 to the cpu-profile hook); returns the profile file. */
export async function profileWindow(app: Child, dir: string, work: () => Promise<LoadResult>) {
  const before = new Set(await readdir(dir));
  app.child.kill("SIGUSR2");
  await new Promise((r) => setTimeout(r, 200));
  const result = await work();
  app.child.kill("SIGUSR2");
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const added = (await readdir(dir)).filter((f) => !before.has(f) && f.endsWith(".cpuprofile"));
    if (added.length) {
      const target = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
      await new Promise((r) => setTimeout(r, 300)); // let the write finish
      await rename(path.join(dir, added[0]!), target);
      return { path: target, result };
    }
  }
  throw new Error("the app server wrote no CPU profile");
}
