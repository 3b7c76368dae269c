// Preloaded (`node --require`) into a benchmarked process: at exit, writes its peak resident set
// size (kilobytes) and CPU time (microseconds, user + system) as JSON to the file named by
// BENCH_PEAK_RSS_FILE.
const { writeFileSync } = require("node:fs");

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target)
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
  });
