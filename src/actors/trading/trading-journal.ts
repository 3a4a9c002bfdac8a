// What the trading service keeps of each order it sends: the intent with the risk gate's answer (queued),
// and the order row with its client_order_id, committed before the create request leaves.
import type { RiskDecision } from '../../domain/risk-gate';
import type { IntentRecord, NewOrder } from '../../domain/storage-records';
import type { SubmitIntent, TradingServiceDeps } from './trading-ports';
import { isManualOrderId, type OrderShape } from './trading-types';

/** Code of the local rejection given to an order whose row could not be committed: it was never sent. */
export const NOT_RECORDED = 'not_recorded';

/** Thrown by the before-send hook when storage refused the order row; the request never left. */
export class NotRecordedError extends Error {
  constructor(
    readonly clientOrderId: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'NotRecordedError';
  }
}

export const intentSource = (clientOrderId: string | undefined) =>
  clientOrderId !== undefined && isManualOrderId(clientOrderId) ? 'manual' : 'strategy';

/** The intent row: what was asked, by whom, and what the risk gate said. */
export function intentRecord(
  intentId: string,
  intent: SubmitIntent,
  fixedId: string | undefined,
  decision: RiskDecision,
  atMs: number,
): IntentRecord {
  return {
    intentId,
    atMs,
    source: intentSource(fixedId),
    ticker: intent.ticker,
    side: intent.side,
    price: intent.price,
    count: intent.count,
    reason: intent.reason ?? null,
    decision: decision.allow ? 'allowed' : 'rejected',
    rule: decision.allow ? null : decision.rule,
    decisionReason: decision.allow ? null : decision.reason,
  };
}

/**
 * The create's before-send hook: ORDER.PENDING at once (synchronously, right after the gate), then the
 * order row committed; `sent` is told the id only once the row is durable. If the row cannot be
 * committed the order is rejected locally and the hook throws, so the request never leaves.
 */
export function recordThenSend(
  deps: Pick<TradingServiceDeps, 'trading' | 'journal' | 'now'> & { intentId: string },
  sent: (clientOrderId: string) => void,
) {
  const { trading, journal, now } = deps;
  return async (clientOrderId: string, intent: OrderShape): Promise<void> => {
    const shape = { ticker: intent.ticker, side: intent.side, price: intent.price, count: intent.count };
    const atMs = now();
    trading.send({ type: 'ORDER.PENDING', clientOrderId, intent: shape, atMs });
    if (journal) {
      const row: NewOrder = {
        clientOrderId,
        intentId: deps.intentId,
        source: intentSource(clientOrderId),
        ...shape,
        createdMs: atMs,
      };
      try {
        await journal.recordOrder(row);
      } catch (err) {
        // Not durable, so not sent: a crash now would leave an order nobody could recognise.
        const refused = new NotRecordedError(clientOrderId, err);
        trading.send({
          type: 'ORDER.REJECTED',
          clientOrderId,
          code: NOT_RECORDED,
          message: refused.message,
          atMs: now(),
        });
        throw refused;
      }
    }
    sent(clientOrderId);
  };
}
