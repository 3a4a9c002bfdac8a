// Preloaded into a measured process (`node --import tsx --import ./bench/servers/process-probe.ts ...`):
// answers IPC `probe` requests with its event-loop delay (since the last reset), memory and CPU time,
// without touching the code under test.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
const ms = (ns: number) => ns / 1e6;

process.on('message', (req: { id?: number; cmd?: string; reset?: boolean }) => {
  if (req?.cmd !== 'probe') return;
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  process.send?.({
    re: req.id,
    lag: {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      count: histogram.count,
    },
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
  if (req.reset === true) histogram.reset();
});
// The channel must not keep the process alive: it exits as it would without the probe.
process.channel?.unref();
