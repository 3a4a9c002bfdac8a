// Market selection: a configured ticker list is checked to exist; DISCOVERY picks the busiest open markets.
import { fromPromise } from 'xstate';
import type { KalshiClient } from '../adapters/kalshi/client';
import type { MarketsConfig } from '../config/config-types';
import type { MarketInfo } from '../domain/trading-types';
import type { InitializeOutput } from '../machines/trader.events';
import { type ActorLog, silentLog } from './trading/trading-ports';

/** Open markets read at most during discovery (Kalshi lists thousands; pages are 1000). */
export const DISCOVERY_SCAN_LIMIT = 10_000;
/** Tickers per `GET /markets?tickers=` request: keeps the query string short. */
const TICKERS_PER_REQUEST = 50;

export class MarketSelectionError extends Error {
  override readonly name = 'MarketSelectionError';
  constructor(
    message: string,
    readonly unknownTickers: readonly string[] = [],
  ) {
    super(message);
  }
}

export type MarketClient = Pick<KalshiClient, 'listMarkets' | 'iterateMarkets'>;

export interface InitializeDeps {
  client: MarketClient;
  config: { markets: MarketsConfig };
  log?: ActorLog;
  scanLimit?: number;
}

const busiestFirst = (a: MarketInfo, b: MarketInfo): number =>
  b.volume24h - a.volume24h || b.volume - a.volume || a.ticker.localeCompare(b.ticker);

/** Busiest first: 24 h volume, then all-time volume, then ticker for a stable order. */
export function rankMarkets(markets: readonly MarketInfo[], max: number): string[] {
  return [...markets]
    .sort(busiestFirst)
    .slice(0, Math.max(0, max))
    .map((m) => m.ticker);
}

/** Every open market (up to the scan limit), busiest first: discovery's candidates. */
export async function openMarketsRanked(deps: Omit<InitializeDeps, 'config'>): Promise<MarketInfo[]> {
  const open: MarketInfo[] = [];
  for await (const market of deps.client.iterateMarkets({
    status: 'open',
    max: deps.scanLimit ?? DISCOVERY_SCAN_LIMIT,
  }))
    open.push(market);
  return open.sort(busiestFirst);
}

async function discover(deps: InitializeDeps): Promise<string[]> {
  const picked = rankMarkets(await openMarketsRanked(deps), deps.config.markets.maxMarkets);
  if (picked.length === 0) throw new MarketSelectionError('discovery found no open markets');
  return picked;
}

/** The descriptions of these markets, fetched in chunks; unknown tickers are simply absent. */
export async function fetchMarkets(client: MarketClient, tickers: readonly string[]): Promise<MarketInfo[]> {
  const unique = [...new Set(tickers)];
  const found: MarketInfo[] = [];
  for (let i = 0; i < unique.length; i += TICKERS_PER_REQUEST) {
    found.push(...(await client.listMarkets({ tickers: unique.slice(i, i + TICKERS_PER_REQUEST) })));
  }
  return found;
}

async function validate(client: MarketClient, tickers: readonly string[]): Promise<string[]> {
  const unique = [...new Set(tickers)];
  const found = new Set((await fetchMarkets(client, unique)).map((m) => m.ticker));
  const missing = unique.filter((t) => !found.has(t));
  if (missing.length > 0) {
    throw new MarketSelectionError(`unknown market tickers: ${missing.join(', ')}`, missing);
  }
  return unique;
}

export async function selectMarkets(deps: InitializeDeps): Promise<string[]> {
  const { tickers } = deps.config.markets;
  if (tickers === 'DISCOVERY') return discover(deps);
  if (tickers.length === 0) throw new MarketSelectionError('no market tickers configured');
  return validate(deps.client, tickers);
}

export function createInitializeActor(deps: InitializeDeps) {
  const log = deps.log ?? silentLog;
  return fromPromise<InitializeOutput>(async () => {
    const markets = await selectMarkets(deps);
    const mode = deps.config.markets.tickers === 'DISCOVERY' ? 'discovery' : 'configured';
    log.info({ mode, markets }, 'markets selected');
    return { markets };
  });
}
