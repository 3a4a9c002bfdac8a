// The contract between bench/run.ts and its pluggable sections, plus the shared row printer.
import type { KalshiStream } from './kalshi-stream';

export interface BenchContext {
  /** The shared deterministic frame stream (generated once, on first use). */
  stream(): KalshiStream;
  /** Prints one result row: label, value, and optionally the target and whether it is met. */
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

export function printRow(label: string, value: string, target?: string, met?: boolean): void {
  const verdict = met === undefined ? '' : met ? '  ok' : '  BELOW TARGET';
  const goal = target === undefined ? '' : `  target ${target}`;
  console.log(`  ${label.padEnd(46)}${value.padStart(20)}${goal}${verdict}`);
}

export const fmtRate = (perSecond: number): string =>
  `${Math.round(perSecond).toLocaleString('en-US')} msg/s`;

export const fmtMb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(2)} MB`;
