// Market lifecycle news in words: a followed or traded market paused, reopened, determined or settled (its
// settlement's PnL reaches the positions table as position news), and a fresh status for the console.
import type { Severity } from '../machines/trader.events';
import type { NewsSources } from './daemon-events';

type Line = (type: string, message: string, severity: Severity, metadata?: object) => void;

export function relayMarketNews(trading: NewsSources['trading'], line: Line, status: () => void): void {
  trading.on('market', ({ ticker, market, from }) => {
    status();
    if (from === null || from === market.phase) return;
    const result = market.result ? ` (${market.result})` : '';
    line(
      'market',
      `market ${ticker} ${market.phase}${result}`,
      market.phase === 'paused' ? 'warning' : 'info',
      { ticker, status: market.phase },
    );
  });
}
