/** `npm run bench`: every benchmark, one after the other (each also has its own script). */
import { spawnSync } from "node:child_process";

for (const script of ["bench:gas", "bench:dashboard", "bench:risk", "bench:keeper", "bench:lighthouse"]) {
  console.log(`\n━━ npm run ${script}`);
  const r = spawnSync("npm", ["run", script], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
