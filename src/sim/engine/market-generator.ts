// Markets for the simulator: explicit specs (tests) or a seeded generator of plausible Kalshi-like series,
// events and strikes, each with an initial two-sided book around a mid.
import { COUNT_ONE, PRICE_ONE } from '../../domain/fixed-point';
import {
  PRICE_LEVEL_STRUCTURES,
  type PriceLevelStructure,
  priceRangesFor,
  snapDown,
  tickAbove,
  tickBelow,
} from './price-grid';
import { createSeededRandom, pick, randomInt, randomUuid } from './rng';
import type { SimLadder, SimMarket, SimMarketStatus } from './types';

export interface SimMarketSpec {
  ticker: string;
  eventTicker?: string;
  seriesTicker?: string;
  title?: string;
  yesSubTitle?: string;
  floorStrike?: number | null;
  priceLevelStructure?: PriceLevelStructure;
  /** Default: `initialized` while openTimeMs is in the future, else `active`. */
  status?: SimMarketStatus;
  paused?: boolean;
  openTimeMs?: number;
  closeTimeMs?: number;
  /** The event's title and subtitle, announced on event_lifecycle when the event is new. */
  eventTitle?: string;
  eventSubtitle?: string;
  /** Initial resting liquidity (owned by the book user): explicit ladders in each ladder's own pricing… */
  book?: { yes?: SimLadder; no?: SimLadder };
  /** …or generated around this YES mid (ticks) with `depth` levels per side. No mid and no book: empty. */
  mid?: number;
  depth?: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;
const SERIES = [
  { ticker: 'KXSIM', subject: 'the simulated index', unit: '' },
  { ticker: 'KXSIMHIGH', subject: 'the simulated high temperature', unit: '°' },
  { ticker: 'KXSIMRAIN', subject: 'simulated rainfall', unit: ' mm' },
  { ticker: 'KXSIMCPI', subject: 'simulated CPI', unit: '' },
] as const;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Kalshi's event date code: 26DEC31 for 2026-12-31 (UTC). */
export function eventDateCode(ms: number): string {
  const d = new Date(ms);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  return `${yy}${MONTHS[d.getUTCMonth()]}${String(d.getUTCDate()).padStart(2, '0')}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An event code precise enough for events `resolutionMs` apart: the date (26DEC31), then the hour
 * (26DEC3113, Kalshi's hourly style), minutes, seconds and milliseconds as the resolution needs them.
 */
export function eventCode(closeMs: number, resolutionMs: number): string {
  const d = new Date(closeMs);
  let code = eventDateCode(closeMs);
  if (resolutionMs < DAY_MS) code += two(d.getUTCHours());
  if (resolutionMs < HOUR_MS) code += two(d.getUTCMinutes());
  if (resolutionMs < MINUTE_MS) code += two(d.getUTCSeconds());
  if (resolutionMs < SECOND_MS) code += String(d.getUTCMilliseconds()).padStart(3, '0');
  return code;
}

/** "Dec 31, 2026", for titles. */
function humanDate(ms: number): string {
  const d = new Date(ms);
  const month = MONTHS[d.getUTCMonth()] ?? '';
  return `${month.charAt(0)}${month.slice(1).toLowerCase()} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/**
 * `count` market specs, deterministic for a seed: events of 1–5 strikes, mixed tick structures, closing
 * 2–90 simulated days out, further for more than 2,250 markets (on the hour; with a time scale, both
 * shrink by it).
 */
export function generateMarketSpecs(
  count: number,
  seed: number,
  nowMs: number,
  timeScale = 1,
): SimMarketSpec[] {
  const random = createSeededRandom(seed);
  const specs: SimMarketSpec[] = [];
  const used = new Set<string>();
  const grid = Math.max(SECOND_MS, Math.round(HOUR_MS / timeScale));
  // Series × close days × strikes bounds the distinct tickers (about 6,800 within 90 days): larger
  // counts close further out, with room to spare so few draws repeat a ticker.
  const lastDay = Math.max(90, Math.ceil(count / 25));
  while (specs.length < count) {
    const series = pick(random, SERIES);
    const closeIn = (randomInt(random, 2, lastDay) * DAY_MS) / timeScale;
    const closeTimeMs = Math.ceil((nowMs + closeIn) / grid) * grid;
    const eventTicker = `${series.ticker}-${eventCode(closeTimeMs, DAY_MS / timeScale)}`;
    const structure = pick(random, PRICE_LEVEL_STRUCTURES);
    const strikes = Math.min(randomInt(random, 1, 5), count - specs.length);
    const base = randomInt(random, 2, 16) * 5;
    for (let i = 0; i < strikes; i++) {
      const strike = base + i * 5;
      const ticker = `${eventTicker}-T${strike}`;
      if (used.has(ticker)) continue;
      used.add(ticker);
      // Higher strikes are less likely: the mid falls along the strike ladder.
      const mid = Math.max(
        500,
        Math.min(9_500, randomInt(random, 7_000, 9_000) - i * randomInt(random, 1_000, 2_000)),
      );
      specs.push({
        ticker,
        eventTicker,
        seriesTicker: series.ticker,
        title: `Will ${series.subject} be above ${strike}${series.unit} on ${humanDate(closeTimeMs)}?`,
        yesSubTitle: `Above ${strike}${series.unit}`,
        floorStrike: strike,
        priceLevelStructure: structure,
        closeTimeMs,
        mid,
        depth: randomInt(random, 6, 14),
      });
    }
  }
  return specs;
}

export function buildMarket(
  spec: SimMarketSpec,
  nowMs: number,
  random: () => number,
  settlementTimerSeconds: number,
): SimMarket {
  const eventTicker = spec.eventTicker ?? spec.ticker.split('-').slice(0, -1).join('-') ?? spec.ticker;
  const structure = spec.priceLevelStructure ?? 'linear_cent';
  const openTimeMs = spec.openTimeMs ?? nowMs - DAY_MS;
  return {
    ticker: spec.ticker,
    eventTicker: eventTicker || spec.ticker,
    seriesTicker: spec.seriesTicker ?? (eventTicker.split('-')[0] || spec.ticker),
    title: spec.title ?? `Simulated market ${spec.ticker}`,
    status: spec.status ?? (openTimeMs > nowMs ? 'initialized' : 'active'),
    paused: spec.paused ?? false,
    priceLevelStructure: structure,
    priceRanges: priceRangesFor(structure),
    openTimeMs,
    closeTimeMs: spec.closeTimeMs ?? nowMs + 30 * DAY_MS,
    createdMs: Math.min(nowMs, openTimeMs),
    lastPrice: null,
    volume: 0,
    volume24h: 0,
    openInterest: 0,
    marketId: randomUuid(random),
    yesSubTitle: spec.yesSubTitle ?? spec.title ?? spec.ticker,
    noSubTitle: spec.yesSubTitle ?? spec.title ?? spec.ticker,
    floorStrike: spec.floorStrike ?? null,
    rulesPrimary: `If ${spec.title ?? spec.ticker} resolves Yes, the market settles at $1.00 per contract.`,
    result: null,
    settlementValue: null,
    determinedMs: null,
    settledMs: null,
    settlementTimerSeconds,
    updatedMs: nowMs,
  };
}

/**
 * The initial book around a mid: YES bids below, YES asks (as NO bids) above, a spread of 1–3 ticks,
 * occasional empty ticks, and sizes growing away from the touch. Ladders are in each side's own pricing.
 */
export function initialLadders(
  spec: SimMarketSpec,
  market: SimMarket,
  random: () => number,
): { yes: SimLadder; no: SimLadder } {
  if (spec.book) return { yes: spec.book.yes ?? [], no: spec.book.no ?? [] };
  if (spec.mid === undefined) return { yes: [], no: [] };
  const ranges = market.priceRanges;
  const depth = spec.depth ?? 10;
  const yes: SimLadder = [];
  const no: SimLadder = [];
  let bid: number | null = snapDown(ranges, Math.max(1, Math.min(PRICE_ONE - 1, spec.mid)));
  let ask: number | null = bid;
  for (let i = randomInt(random, 1, 3); i > 0 && ask !== null; i--) ask = tickAbove(ranges, ask);
  const size = (level: number) => randomInt(random, 5, 150) * (1 + Math.floor(level / 3)) * COUNT_ONE;
  for (let level = 0; level < depth; level++) {
    if (bid !== null) {
      if (level === 0 || random() > 0.2) yes.unshift([bid, size(level)]);
      bid = tickBelow(ranges, bid);
    }
    if (ask !== null) {
      if (level === 0 || random() > 0.2) no.unshift([PRICE_ONE - ask, size(level)]);
      ask = tickAbove(ranges, ask);
    }
  }
  no.sort((a, b) => a[0] - b[0]);
  return { yes, no };
}
