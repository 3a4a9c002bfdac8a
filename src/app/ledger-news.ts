// The fill ledger's news in words: a market whose fold still differs from the exchange's row after a
// re-fold (both figures), the same market agreeing again, and a fill the ledger refused. Each is told
// once: the trading actor reports a mismatch once per episode, and a refused fill id is logged once.
import type { TradingNews } from '../actors/trading/trading-news';
import type { FieldDifference } from '../domain/fill-ledger-check';
import { formatCount, formatMoney } from '../domain/fixed-point';
import type { Position } from '../domain/trading-types';
import type { Severity } from '../machines/trader.events';
import type { NewsSources } from './daemon-events';

type Mismatch = Extract<TradingNews, { type: 'ledger_mismatch' }>;

/** Publishes a market's position frame; `exchange` given (the row, or null) for an unverified market. */
export type PositionRelay = (ledger: Position | null, ticker: string, exchange?: Position | null) => void;

/** Refused fill ids remembered so each is logged once (Kalshi's REST overlap re-reads them every sync). */
const REJECTIONS_REMEMBERED = 1_000;

const figure = (d: FieldDifference, side: 'ledger' | 'exchange'): string =>
  d.field === 'position' ? formatCount(d[side]) : `$${formatMoney(d[side])}`;

/** "position 5.00 (exchange 3.00), realizedPnl $0.080000 (exchange $-0.020000)" */
export const describeDifferences = (differences: readonly FieldDifference[]): string =>
  differences.map((d) => `${d.field} ${figure(d, 'ledger')} (exchange ${figure(d, 'exchange')})`).join(', ');

const mismatchLine = (n: Mismatch): string =>
  `position ${n.ticker} unverified: the fill ledger differs from the exchange after paging its fills: ${describeDifferences(n.check.differences)}`;

/** Activity lines for the ledger's check, and the position frames that flip a market's `unverified`. */
export function relayLedgerNews(
  trading: NewsSources['trading'],
  line: (type: string, message: string, severity: Severity, metadata?: object) => void,
  position: PositionRelay,
): void {
  trading.on('ledger_mismatch', (n) => {
    line('ledger', mismatchLine(n), 'warning', { ticker: n.ticker, differences: n.check.differences });
    position(n.ledger, n.ticker, n.check.exchange);
  });
  trading.on('ledger_agrees', (n) => {
    line('ledger', `position ${n.ticker} agrees with the exchange again`, 'info', { ticker: n.ticker });
    position(n.ledger, n.ticker);
  });
}

/** The ledger's news in the log: a mismatch with both figures, a refused fill once per id. */
export function logLedgerNews(
  trading: Pick<NewsSources['trading'], 'on'>,
  log: { info(o: object, m: string): void; warn(o: object, m: string): void },
): void {
  trading.on('ledger_mismatch', (n) =>
    log.warn(
      { ticker: n.ticker, ledger: n.ledger, exchange: n.check.exchange, differences: n.check.differences },
      mismatchLine(n),
    ),
  );
  trading.on('ledger_agrees', (n) =>
    log.info({ ticker: n.ticker }, 'position agrees with the exchange again'),
  );
  const seen = new Set<string>();
  trading.on('ledger_rejected', (n) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    if (seen.size > REJECTIONS_REMEMBERED) seen.delete(seen.values().next().value as string);
    log.warn({ fillId: n.id, ticker: n.ticker, reason: n.reason }, 'fill refused by the ledger');
  });
}
