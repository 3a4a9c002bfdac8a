// `npm run bench`: runs every bench/sections/*.section.ts in order and prints one table of figures, each
// with the baseline it is measured against in the same run and the ratio. Arguments:
//   SECTION...  only these sections (by name, e.g. `status`, or file name, e.g. `book-apply`)
//   --quick     shorter rounds and smaller scales
//   --json      one JSON object per figure on stdout (name, value, unit, baseline, ratio, ...); the
//               table and notes go to stderr
// Informational: always exits 0.
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { generateStream, type KalshiStream } from './lib/kalshi-stream';
import { stopAllChildren } from './lib/processes';
import {
  type BenchContext,
  type BenchOptions,
  type BenchSection,
  type Figure,
  figureFromRow,
  formatFigure,
  ratioOf,
  TABLE_HEADER,
} from './lib/section';

const STREAM = { markets: 100, deltas: 100_000, snapshotEvery: 5_000, seed: 20_260_101 };

interface Loaded {
  file: string;
  section: BenchSection;
}

async function loadSections(): Promise<Loaded[]> {
  const dir = new URL('./sections/', import.meta.url);
  const files = readdirSync(dir).filter((file) => file.endsWith('.section.ts'));
  const modules = await Promise.all(files.map((file) => import(new URL(file, dir).href)));
  return modules
    .map((module, i) => ({ file: files[i]!.replace('.section.ts', ''), section: module.section }))
    .filter((s): s is Loaded => s.section !== undefined)
    .sort((a, b) => a.section.order - b.section.order);
}

function parseArgs(argv: string[]): { options: BenchOptions; wanted: string[] } {
  const options: BenchOptions = { quick: false, json: false };
  const wanted: string[] = [];
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === '--json') options.json = true;
    else wanted.push(arg);
  }
  return { options, wanted };
}

async function main(): Promise<void> {
  const { options, wanted } = parseArgs(process.argv.slice(2));
  const all = await loadSections();
  const sections = all.filter(
    (s) => wanted.length === 0 || wanted.includes(s.section.name) || wanted.includes(s.file),
  );
  // With --json, stdout carries the figures only.
  const print = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  let stream: KalshiStream | undefined;
  const figures: Figure[] = [];
  let current = '';
  const ctx: BenchContext = {
    options,
    stream: () => {
      stream ??= generateStream(STREAM);
      return stream;
    },
    figure(input) {
      const figure: Figure = { ...input, ratio: input.ratio ?? ratioOf(input.value, input.baseline) };
      figures.push(figure);
      print(formatFigure(figure));
      if (options.json) process.stdout.write(`${JSON.stringify(figure)}\n`);
    },
    row(label, value, target, met) {
      ctx.figure(figureFromRow(current, label, value, target, met));
    },
    note: (text) => print(`  · ${text}`),
  };
  const cpu = cpus();
  print(
    `kalshi-trader bench · node ${process.version} · ${cpu[0]?.model ?? 'cpu'} × ${cpu.length} · ` +
      `${Math.round(totalmem() / 1_073_741_824)} GB${options.quick ? ' · quick' : ''}`,
  );
  print(TABLE_HEADER);
  const started = performance.now();
  for (const { section } of sections) {
    current = section.name;
    print(`\n${section.name}`);
    try {
      await section.run(ctx);
    } catch (err) {
      print(`  section failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      await stopAllChildren();
    }
  }
  const missed = figures.filter((f) => f.met === false).map((f) => f.name);
  print(
    `\n${figures.length} figures; ${missed.length === 0 ? 'every target met' : `below target: ${missed.join(', ')}`}`,
  );
  print(`done in ${((performance.now() - started) / 1_000).toFixed(1)} s`);
}

await main();
