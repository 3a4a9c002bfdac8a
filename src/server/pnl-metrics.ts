// PnL and fill-ledger metrics, kept apart from metrics.ts. The gauges are read when Prometheus scrapes
// (`collect`), from a plain sample of the trading snapshot: nothing is updated per fill or per book.
import { Counter, Gauge, type Registry } from 'prom-client';

const P = 'kalshi_trader_';
const MICROS = 1_000_000;
const CENTI = 100;

/** One market's figures in integer units (micro-dollars, centi-contracts). */
export interface MarketPnlSample {
  ticker: string;
  position: number;
  exposure: number;
  realizedPnl: number;
  feesPaid: number;
  /** Null when held but not markable. */
  unrealizedPnl: number | null;
}

/** What a scrape reads: today's figure as the risk gate sees it, totals and the held markets. */
export interface PnlSample {
  dailyRealizedPnl: number;
  realizedPnl: number;
  feesPaid: number;
  unrealizedPnl: number;
  exposure: number;
  unverified: number;
  ledgerEntries: number;
  markets: MarketPnlSample[];
}

export interface PnlMetrics {
  ledgerMismatches: Counter;
  ledgerRejected: Counter<'reason'>;
}

export function registerPnlMetrics(registry: Registry, read: () => PnlSample): PnlMetrics {
  const registers = [registry];
  // One sample per scrape, shared by every gauge of that scrape.
  let sample: PnlSample | null = null;
  const current = (): PnlSample => {
    if (sample === null) {
      sample = read();
      queueMicrotask(() => {
        sample = null;
      });
    }
    return sample;
  };
  const total = (name: string, help: string, pick: (s: PnlSample) => number, scale = MICROS) =>
    new Gauge({
      name: `${P}${name}`,
      help,
      registers,
      collect() {
        this.set(pick(current()) / scale);
      },
    });
  const perMarket = (
    name: string,
    help: string,
    pick: (m: MarketPnlSample) => number | null,
    scale = MICROS,
  ) =>
    new Gauge({
      name: `${P}${name}`,
      help,
      labelNames: ['ticker'] as const,
      registers,
      collect() {
        this.reset();
        for (const m of current().markets) {
          const value = pick(m);
          if (value !== null) this.set({ ticker: m.ticker }, value / scale);
        }
      },
    });

  total(
    'daily_realized_pnl_dollars',
    "Today's (UTC) realized PnL net of fees, as the daily-loss rule reads it",
    (s) => s.dailyRealizedPnl,
  );
  total('realized_pnl_dollars', 'Realized PnL before fees, all markets', (s) => s.realizedPnl);
  total('fees_paid_dollars', 'Fees paid, all markets', (s) => s.feesPaid);
  total(
    'unrealized_pnl_dollars',
    'Unrealized PnL of the held positions marked to the book',
    (s) => s.unrealizedPnl,
  );
  total('exposure_dollars', 'Cost basis of the contracts held, all markets', (s) => s.exposure);
  total(
    'unverified_positions',
    'Positions whose ledger fold still differs from the exchange',
    (s) => s.unverified,
    1,
  );
  total('ledger_entries', 'Fills and settlements in the fill ledger', (s) => s.ledgerEntries, 1);
  perMarket(
    'market_position_contracts',
    'Contracts held per market (> 0 YES, < 0 NO)',
    (m) => m.position,
    CENTI,
  );
  perMarket('market_realized_pnl_dollars', 'Realized PnL before fees per held market', (m) => m.realizedPnl);
  perMarket('market_fees_paid_dollars', 'Fees paid per held market', (m) => m.feesPaid);
  perMarket(
    'market_unrealized_pnl_dollars',
    'Unrealized PnL per held market, marked to the book',
    (m) => m.unrealizedPnl,
  );
  perMarket('market_exposure_dollars', 'Cost basis held per market', (m) => m.exposure);

  return {
    ledgerMismatches: new Counter({
      name: `${P}ledger_mismatches_total`,
      help: "Markets whose ledger fold still differed from the exchange's position row after a re-fold",
      registers,
    }),
    ledgerRejected: new Counter({
      name: `${P}ledger_rejected_fills_total`,
      help: 'Fills the ledger refused: an id seen before with other facts (conflict), or not foldable (invalid)',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
}
