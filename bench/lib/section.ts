// The contract between bench/run.ts and its pluggable sections: figures (each with its baseline and the
// ratio to it, measured in the same run), notes, and the options every section reads.
import type { KalshiStream } from './kalshi-stream';

/** One measured figure. `ratio` is value / baseline whenever there is a baseline. */
export interface Figure {
  /** Stable machine name, `section.what` (the `--json` key). */
  name: string;
  /** What the table shows. */
  label: string;
  value: number;
  unit: string;
  /** The same work done by the reference (bare JSON.parse, a bare Hono app, ccxt, ...) in this run. */
  baseline: number | null;
  /** What the baseline is, for the table. */
  baselineLabel?: string;
  ratio: number | null;
  /** The goal, as text (`≥ 0.8×`, `< 2 ms`), and whether this run met it. */
  target?: string;
  met?: boolean;
  /** Per-round values of the figure's headline (the ratio when there is one), to show the spread. */
  rounds?: number[];
}

export interface BenchOptions {
  /** Shorter rounds, fewer repeats and smaller scales: the whole run in a couple of minutes. */
  quick: boolean;
  json: boolean;
}

export interface BenchContext {
  options: BenchOptions;
  /** The shared deterministic frame stream (generated once, on first use). */
  stream(): KalshiStream;
  figure(figure: Omit<Figure, 'ratio'> & { ratio?: number | null }): void;
  /** A row given as text (`1,234 msg/s`, `2.50×`): a figure without a baseline, its number read back. */
  row(label: string, value: string, target?: string, met?: boolean): void;
  note(text: string): void;
}

/** A bench/sections/*.section.ts module exports `section` of this shape; run.ts finds it by file name. */
export interface BenchSection {
  name: string;
  /** Sections run in ascending order. */
  order: number;
  run(ctx: BenchContext): void | Promise<void>;
}

const fmtNumber = (value: number, unit: string): string => {
  if (unit === '×') return `${value.toFixed(2)}×`;
  const abs = Math.abs(value);
  const digits = abs >= 1_000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`;
};

/** One table row: label, value, baseline, ratio and target with its verdict. */
export function formatFigure(f: Figure): string {
  const value = fmtNumber(f.value, f.unit).padStart(18);
  const base = f.baseline === null ? ''.padStart(18) : fmtNumber(f.baseline, f.unit).padStart(18);
  const ratio = f.ratio === null ? ''.padStart(8) : `${f.ratio.toFixed(2)}×`.padStart(8);
  const spread =
    f.rounds !== undefined && f.rounds.length > 1
      ? `  [${Math.min(...f.rounds).toFixed(2)}–${Math.max(...f.rounds).toFixed(2)}]`
      : '';
  const verdict = f.met === undefined ? '' : f.met ? '  ok' : '  BELOW TARGET';
  const goal = f.target === undefined ? '' : `  target ${f.target}`;
  return `  ${f.label.padEnd(44)}${value}${base}${ratio}${goal}${verdict}${spread}`;
}

export const TABLE_HEADER = `  ${'figure'.padEnd(44)}${'value'.padStart(18)}${'baseline'.padStart(18)}${'ratio'.padStart(8)}`;

export const ratioOf = (value: number, baseline: number | null): number | null =>
  baseline === null || baseline === 0 ? null : value / baseline;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export const MB = 1_048_576;

export const fmtRate = (perSecond: number): string =>
  `${Math.round(perSecond).toLocaleString('en-US')} msg/s`;

/** A text row as a figure: `1,234.5 msg/s` → 1234.5 and `msg/s`. */
export function figureFromRow(
  section: string,
  label: string,
  text: string,
  target?: string,
  met?: boolean,
): Omit<Figure, 'ratio'> {
  const match = text.trim().match(/^(-?[\d,]*\.?\d+)\s*(.*)$/);
  const value = match === null ? Number.NaN : Number(match[1]!.replaceAll(',', ''));
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '');
  return {
    name: `${slug(section)}.${slug(label)}`,
    label,
    value,
    unit: match?.[2] ?? '',
    baseline: null,
    ...(target === undefined ? {} : { target }),
    ...(met === undefined ? {} : { met }),
  };
}
