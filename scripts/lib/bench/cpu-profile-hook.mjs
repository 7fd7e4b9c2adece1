/**
 * Preloaded into the app server by `npm run bench:http -- --profile …`
 * (node --import): SIGUSR2 starts the V8 CPU profiler, the next SIGUSR2
 * stops it and writes $BENCH_CPU_PROFILE_DIR/window-N.cpuprofile. So only
 * the measured window is profiled, not start-up or warm-up.
 */
/* global process, console */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  let n = 0;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      session.post("Profiler.enable", () => session.post("Profiler.start"));
      return;
    }
    running = false;
    const file = path.join(dir, `window-${++n}.cpuprofile`);
    session.post("Profiler.stop", (err, result) => {
      if (err) console.error("cpu profile:", err);
      else writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
