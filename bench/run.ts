// `npm run bench`: runs every bench/sections/*.section.ts in order and prints one table. Extra
// arguments select sections by name (`npm run bench -- ingest`). Informational: always exits 0.
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { generateStream, type KalshiStream } from './lib/kalshi-stream';
import { type BenchContext, type BenchSection, printRow } from './lib/section';

const STREAM = { markets: 100, deltas: 100_000, snapshotEvery: 5_000, seed: 20_260_101 };

async function loadSections(): Promise<BenchSection[]> {
  const dir = new URL('./sections/', import.meta.url);
  const files = readdirSync(dir).filter((file) => file.endsWith('.section.ts'));
  const modules = await Promise.all(files.map((file) => import(new URL(file, dir).href)));
  return modules
    .map((module) => (module as { section?: BenchSection }).section)
    .filter((section): section is BenchSection => section !== undefined)
    .sort((a, b) => a.order - b.order);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const sections = (await loadSections()).filter((s) => wanted.length === 0 || wanted.includes(s.name));
  let stream: KalshiStream | undefined;
  const ctx: BenchContext = {
    stream: () => {
      stream ??= generateStream(STREAM);
      return stream;
    },
    row: printRow,
    note: (text) => console.log(`  · ${text}`),
  };
  console.log(
    `kalshi-trader bench · node ${process.version} · ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`,
  );
  const started = performance.now();
  for (const section of sections) {
    console.log(`\n${section.name}`);
    try {
      await section.run(ctx);
    } catch (err) {
      console.log(`  section failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(`\ndone in ${((performance.now() - started) / 1_000).toFixed(1)} s`);
}

await main();
