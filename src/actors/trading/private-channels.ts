// The exchange's private WS channels into the trading actor: fills and order updates keep it current
// between REST syncs. A fill delivered twice (a replay after a reconnect) is booked, and told, once by
// the actor's ledger. A fill's post-fill position is left out: the ledger's fold is the position, and
// `market_position` frames are left to the sync's check.
import type { DataMessage } from '../../adapters/kalshi/messages';
import type { TradingRef } from './trading-ports';

export function routePrivateMessages(trading: Pick<TradingRef, 'send'>, now: () => number) {
  return (_type: string, message: DataMessage): void => {
    if (message.type === 'fill') {
      const { postPosition: _, ...fill } = message.data;
      trading.send({ type: 'FILL', fill, atMs: now() });
    } else if (message.type === 'user_order')
      trading.send({ type: 'ORDER.UPDATE', order: message.data, atMs: now() });
  };
}
