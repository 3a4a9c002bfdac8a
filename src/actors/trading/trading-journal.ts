// What the trading service keeps of each order it sends: the intent with the risk gate's answer (queued),
// and the order row with its client_order_id, committed before the create request leaves.
import type { RiskDecision } from '../../domain/risk-gate';
import type { IntentRecord, NewOrder } from '../../domain/storage-records';
import type { OrderJournal, SubmitIntent } from './trading-ports';
import { isManualOrderId, type OrderShape } from './trading-types';

/** Code of the local rejection given to an order whose row could not be committed: it was never sent. */
export const NOT_RECORDED = 'not_recorded';

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
 * Commits the order row; resolves once it is durable. Without a journal there is nothing to wait for.
 * A rejection (database unreachable) propagates: the caller must not send the order.
 */
export async function recordBeforeSend(
  journal: OrderJournal | undefined,
  clientOrderId: string,
  intentId: string,
  shape: OrderShape,
  createdMs: number,
): Promise<void> {
  if (!journal) return;
  const row: NewOrder = {
    clientOrderId,
    intentId,
    source: intentSource(clientOrderId),
    ...shape,
    createdMs,
  };
  await journal.recordOrder(row);
}
