// `npm run soak -- --minutes N`: runs the daemon under load and faults for N minutes, prints a sample
// every few seconds and the verdict; exits 0 when memory and lag stayed within bounds, 1 when not,
// 2 on a bad flag.
import { writeFileSync } from 'node:fs';
import { FlagError, parseSoakArgs, USAGE } from './soak-flags';
import { runSoak } from './soak-run';

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  let parsed: ReturnType<typeof parseSoakArgs>;
  try {
    parsed = parseSoakArgs(argv);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    process.stderr.write(`kalshi-soak: ${err.message}\n`);
    process.exit(2);
  }
  const { options } = parsed;
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(
    `soak: ${options.minutes} min, ${options.clients} clients, simulator ${options.simMarkets} markets at ` +
      `${options.simRate} msgs/s, a fault every ${options.faultSeconds} s`,
  );
  const report = await runSoak({ ...options, print });
  const v = report.verdict;
  print('');
  print(
    `heap (${v.heapSeries}, ${v.heapPoints} points) slope ${v.heapSlopeMbPerMin.toFixed(2)} MB/min, RSS slope ${v.rssSlopeMbPerMin.toFixed(2)} MB/min ` +
      `(after ${(options.bounds.warmupSeconds / 60).toFixed(1)} min warm-up, ${v.samples} samples)`,
  );
  print(
    `RSS max ${v.rssMaxMb.toFixed(0)} MB, heap max ${v.heapMaxMb.toFixed(0)} MB, event-loop lag p99 max ` +
      `${v.lagP99MaxMs.toFixed(1)} ms, simulator records ${v.simRetainedPerMin.toFixed(0)}/min`,
  );
  print(
    `exchange frames ${v.exchangeFramesPerSec.toFixed(0)}/s, client frames ${v.clientFramesPerSec.toFixed(0)}/s, ` +
      `${report.crowd.connects} client connects, ${report.faultsInjected} faults, ` +
      `${report.statusPolls.ok} status polls ok / ${report.statusPolls.failed} failed`,
  );
  if (report.simulator) print(`simulator holds: ${JSON.stringify(report.simulator)}`);
  if (parsed.json !== undefined) writeFileSync(parsed.json, `${JSON.stringify(report, null, 2)}\n`);
  for (const failure of v.failures) print(`FAIL: ${failure}`);
  print(v.failures.length === 0 ? 'soak passed' : 'soak failed');
  process.exit(v.failures.length === 0 ? 0 : 1);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`kalshi-soak: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
