// Series whose events roll over, as Kalshi's 15-minute, hourly and daily series do: events close on the
// period grid (UTC), and each event's markets are created a quarter period before the previous event
// closes, open an eighth of a period before it, so a client always finds the next markets in time.
import type { EngineState } from './engine-state';
import { scaled } from './lifecycle-state';
import { eventCode, type SimMarketSpec } from './market-generator';
import { addMarkets } from './market-setup';
import type { PriceLevelStructure } from './price-grid';
import { createSeededRandom, randomInt } from './rng';

const MINUTE_MS = 60_000;

export interface RollingSeriesSpec {
  /** Series ticker, e.g. KXSIMBTC15M. */
  ticker: string;
  /** What the strikes measure, for titles ("simulated BTC"). */
  subject: string;
  unit: string;
  /** Simulated time from one event's close to the next. */
  periodMs: number;
  /** Markets per event, strikes `strikeStep` apart around a level that drifts from event to event. */
  strikes: number;
  strikeStep: number;
  /** Starting level of the strikes. */
  level: number;
  priceLevelStructure: PriceLevelStructure;
}

/** A 15-minute, an hourly and a daily series, three strikes each (the simulator's default). */
export const DEFAULT_ROLLING_SERIES: readonly RollingSeriesSpec[] = [
  {
    ticker: 'KXSIMBTC15M',
    subject: 'simulated BTC',
    unit: '',
    periodMs: 15 * MINUTE_MS,
    strikes: 3,
    strikeStep: 250,
    level: 100_000,
    priceLevelStructure: 'deci_cent',
  },
  {
    ticker: 'KXSIMETHH',
    subject: 'simulated ETH',
    unit: '',
    periodMs: 60 * MINUTE_MS,
    strikes: 3,
    strikeStep: 25,
    level: 4_000,
    priceLevelStructure: 'linear_cent',
  },
  {
    ticker: 'KXSIMHIGHD',
    subject: 'the simulated daily high temperature',
    unit: '°',
    periodMs: 24 * 60 * MINUTE_MS,
    strikes: 3,
    strikeStep: 2,
    level: 70,
    priceLevelStructure: 'tapered_deci_cent',
  },
];

export interface RollingSeries {
  spec: RollingSeriesSpec;
  /** Real ms between closes (time scale applied). */
  periodMs: number;
  /** Close of the newest event created; null before the first. */
  lastCloseMs: number | null;
  nextCreateMs: number;
  level: number;
  random: () => number;
}

export function createRollingSeries(
  specs: readonly RollingSeriesSpec[],
  timeScale: number,
  seed: number,
): RollingSeries[] {
  return specs.map((spec, i) => ({
    spec,
    periodMs: scaled(spec.periodMs, timeScale),
    lastCloseMs: null,
    nextCreateMs: Number.NEGATIVE_INFINITY,
    level: spec.level,
    random: createSeededRandom((seed + 0x51ed27 * (i + 1)) >>> 0),
  }));
}

/** Creates every event that is due; returns when the next one is. */
export function rollSeries(state: EngineState, nowMs: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const series of state.lifecycle.series) {
    while (nowMs >= series.nextCreateMs) createNextEvent(state, series, nowMs);
    next = Math.min(next, series.nextCreateMs);
  }
  return next;
}

function createNextEvent(state: EngineState, series: RollingSeries, nowMs: number): void {
  const period = series.periodMs;
  const last = series.lastCloseMs;
  // The first event, or the first after the clock jumped past the next close: it opens now and closes
  // at least a whole period away (a client starting now never sees a market close within a period).
  const fresh = last === null || last + period <= nowMs;
  const closeMs = fresh ? Math.ceil((nowMs + period) / period) * period : (last as number) + period;
  const openMs = fresh ? nowMs : Math.max(nowMs, (last as number) - Math.floor(period / 8));
  addMarkets(state, eventSpecs(series, closeMs, openMs), state.bookUserId);
  series.lastCloseMs = closeMs;
  series.nextCreateMs = closeMs - Math.floor(period / 4);
}

function eventSpecs(series: RollingSeries, closeMs: number, openMs: number): SimMarketSpec[] {
  const { spec, random } = series;
  const eventTicker = `${spec.ticker}-${eventCode(closeMs, series.periodMs)}`;
  const at = new Date(closeMs).toISOString().slice(0, 16).replace('T', ' ');
  series.level += (randomInt(random, -2, 2) * spec.strikeStep) / 2;
  const base = Math.round(series.level / spec.strikeStep) * spec.strikeStep - spec.strikeStep;
  const specs: SimMarketSpec[] = [];
  for (let i = 0; i < spec.strikes; i++) {
    const strike = base + i * spec.strikeStep;
    // Higher strikes are less likely: the mid falls along the ladder, around 50 % in the middle.
    const mid = Math.max(500, Math.min(9_500, 5_000 + (1 - i) * randomInt(random, 1_500, 3_000)));
    specs.push({
      ticker: `${eventTicker}-T${strike}`,
      eventTicker,
      seriesTicker: spec.ticker,
      eventTitle: `${spec.subject} at ${at} UTC`,
      eventSubtitle: `Rolls every ${Math.round(spec.periodMs / MINUTE_MS)} simulated minutes`,
      title: `Will ${spec.subject} be above ${strike}${spec.unit} at ${at} UTC?`,
      yesSubTitle: `Above ${strike}${spec.unit}`,
      floorStrike: strike,
      priceLevelStructure: spec.priceLevelStructure,
      openTimeMs: openMs,
      closeTimeMs: closeMs,
      mid,
      depth: randomInt(random, 6, 12),
    });
  }
  return specs;
}
