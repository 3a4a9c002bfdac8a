// The GET /sim/state view: one plain JSON picture of markets, clients, subscriptions, counters, faults and flow.
import { complementPrice, formatCount, formatPrice } from '../../domain/fixed-point';
import type { SimExchangeEngine } from '../engine';
import type { FaultState } from '../faults';
import type { OrderFlowStats } from '../flow/order-flow';
import type { WsCounters } from '../ws/outbox';
import type { SessionView } from '../ws/session';
import type { SimWsStats } from '../ws/ws-server';

export interface RestCounters {
  requests: number;
  injectedErrors: number;
  byStatus: Record<string, number>;
}

export interface SimStateSources {
  exchange: SimExchangeEngine;
  sessions(): SessionView[];
  wsStats(): SimWsStats;
  wsCounters: WsCounters;
  restCounters: RestCounters;
  faults(): Readonly<FaultState>;
  flow(): OrderFlowStats;
}

export function buildSimState(src: SimStateSources): Record<string, unknown> {
  const markets = src.exchange.listMarkets().map((market) => {
    const book = src.exchange.getBook(market.ticker) ?? { yes: [], no: [] };
    const bestYes = book.yes[book.yes.length - 1];
    const bestNo = book.no[book.no.length - 1];
    return {
      ticker: market.ticker,
      status: market.status,
      paused: market.paused,
      close_time: new Date(market.closeTimeMs).toISOString(),
      ...(market.result === null ? {} : { result: market.result }),
      last_price_dollars: market.lastPrice === null ? null : formatPrice(market.lastPrice),
      yes_bid_dollars: bestYes ? formatPrice(bestYes[0]) : null,
      yes_ask_dollars: bestNo ? formatPrice(complementPrice(bestNo[0])) : null,
      yes_levels: book.yes.length,
      no_levels: book.no.length,
      volume_fp: formatCount(market.volume),
    };
  });
  const clients = src.sessions();
  const { heapUsed, rss } = process.memoryUsage();
  return {
    markets,
    clients,
    subscriptions: clients.reduce((n, c) => n + c.subscriptions.length, 0),
    counters: { ws: { ...src.wsCounters, connected: clients.length }, rest: src.restCounters },
    faults: src.faults(),
    flow: src.flow(),
    lifecycle: { time_scale: src.exchange.timeScale },
    // What the simulator holds that could grow: all of it is bounded (history by --history-limit).
    memory: {
      retention: src.exchange.retention(),
      ws: src.wsStats(),
      heap_used_bytes: heapUsed,
      rss_bytes: rss,
    },
  };
}
