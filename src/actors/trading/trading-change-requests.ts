// Cancel, decrease and amend of a tracked order: gate → ORDER.CHANGE_SENT (recorded before the request
// leaves) → the exchange → its answer. Like a create, a change is never retried: without an answer the
// order is left `unknown` for the next sync to settle.
import type { AmendResult, CancelResult, DecreaseResult } from '../../adapters/kalshi/order-commands';
import { checkChange, type OrderChange } from '../../domain/risk-gate';
import { riskStateOf } from './trading-logic';
import { findOrderKey } from './trading-orders';
import type { ActorLog, ChangeIntent, ChangeOutcome, TradingServiceDeps } from './trading-ports';
import type { TrackedOrder } from './trading-types';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

type Found = { key: string; order: TrackedOrder } | { refused: ChangeOutcome };

/** The tracked order a change names, if it can be changed now. */
function target(deps: TradingServiceDeps, intent: ChangeIntent): Found {
  const state = deps.trading.getSnapshot().context;
  const key = findOrderKey(state, intent);
  const order = key === undefined ? undefined : state.orders[key];
  const name = intent.clientOrderId ?? intent.orderId ?? '(none)';
  if (key === undefined || order === undefined) {
    return { refused: { outcome: 'invalid', code: 'unknown_order', message: `no tracked order ${name}` } };
  }
  const refuse = (code: 'order_not_open' | 'order_in_flight', message: string) => ({
    refused: { outcome: 'invalid' as const, code, message: `order ${key} ${message}` },
  });
  if (order.status !== 'resting' && order.status !== 'unknown') {
    return order.status === 'pending'
      ? refuse('order_in_flight', 'is not answered yet')
      : refuse('order_not_open', `is ${order.status}`);
  }
  if (state.changesInFlight[key]) return refuse('order_in_flight', 'has a change in flight');
  // Unknown terms can only be taken off the book: a cancel is safe whatever the order became.
  if (order.status === 'unknown' && intent.kind !== 'cancel') return refuse('order_in_flight', 'is unknown');
  if (order.orderId === '') return refuse('order_in_flight', 'has no exchange id yet');
  return { key, order };
}

const asChange = (intent: ChangeIntent): OrderChange =>
  intent.kind === 'cancel'
    ? { kind: 'cancel' }
    : intent.kind === 'decrease'
      ? { kind: 'decrease', remainingCount: intent.count }
      : { kind: 'amend', price: intent.price, remainingCount: intent.count };

type Answer = CancelResult | DecreaseResult | AmendResult;

function request(deps: TradingServiceDeps, order: TrackedOrder, change: OrderChange): Promise<Answer> {
  const { client } = deps;
  if (change.kind === 'cancel') return client.cancelOrder(order.orderId, order.ticker);
  if (change.kind === 'decrease') {
    return client.decreaseOrder(order.orderId, { ticker: order.ticker, reduceTo: change.remainingCount });
  }
  // Kalshi's amend count is the new total: what already filled plus what is to rest.
  return client.amendOrder(order.orderId, {
    ticker: order.ticker,
    side: order.side,
    price: change.price,
    count: order.fillCount + change.remainingCount,
  });
}

export function createChangeSender(deps: TradingServiceDeps, log: ActorLog) {
  const { trading, now } = deps;
  const failed = (key: string, outcome: 'rejected' | 'not_found' | 'unknown', reason: string) =>
    trading.send({ type: 'ORDER.CHANGE_FAILED', clientOrderId: key, outcome, reason, atMs: now() });

  function answered(key: string, order: TrackedOrder, change: OrderChange, answer: Answer): ChangeOutcome {
    const atMs = now();
    const ids = { clientOrderId: key, orderId: order.orderId };
    switch (answer.outcome) {
      case 'not_found':
        failed(key, 'not_found', 'not found on exchange: filled or canceled');
        return { outcome: 'not_found', clientOrderId: key, message: answer.error.message };
      case 'rejected': {
        const { code, message } = answer.error;
        failed(key, 'rejected', `${code}: ${message}`);
        log.warn({ clientOrderId: key, change: change.kind, code }, 'order change rejected by exchange');
        return { outcome: 'rejected', clientOrderId: key, code, message };
      }
      case 'unknown':
        failed(key, 'unknown', `${change.kind} outcome unknown: ${answer.cause.message}`);
        log.warn(
          { clientOrderId: key, change: change.kind, err: answer.cause },
          'order change outcome unknown',
        );
        return { outcome: 'unknown', clientOrderId: key };
    }
    if (change.kind === 'cancel') trading.send({ type: 'ORDER.CANCELED', ...ids, atMs });
    else if (change.kind === 'decrease' && 'remainingCount' in answer) {
      trading.send({
        type: 'ORDER.DECREASED',
        clientOrderId: key,
        remainingCount: answer.remainingCount ?? 0,
        atMs,
      });
    } else if (change.kind === 'amend' && 'fillCount' in answer) {
      trading.send({
        type: 'ORDER.AMENDED',
        clientOrderId: key,
        price: change.price,
        remainingCount: answer.remainingCount ?? change.remainingCount,
        fillCount: answer.fillCount,
        atMs,
      });
    }
    log.debug({ clientOrderId: key, change: change.kind }, 'order change accepted');
    return { outcome: 'accepted', ...ids };
  }

  return async function change(intent: ChangeIntent): Promise<ChangeOutcome> {
    const found = target(deps, intent);
    if ('refused' in found) return found.refused;
    const { key, order } = found;
    const wanted = asChange(intent);
    const state = trading.getSnapshot().context;
    const decision = checkChange(order, wanted, riskStateOf(state, now()), deps.limits);
    if (!decision.allow) {
      trading.send({ type: 'ORDER.BLOCKED', decision, atMs: now() });
      log.info(
        { clientOrderId: key, change: wanted.kind, rule: decision.rule },
        'order change blocked by risk gate',
      );
      return { outcome: 'blocked', rule: decision.rule, reason: decision.reason };
    }
    // Recorded synchronously after the gate: no other intent can slip between the check and the record.
    trading.send({ type: 'ORDER.CHANGE_SENT', clientOrderId: key, change: wanted, atMs: now() });
    try {
      return answered(key, order, wanted, await request(deps, order, wanted));
    } catch (error) {
      // The request may have left: unknown, never rejected.
      failed(key, 'unknown', `${wanted.kind} failed: ${errorText(error)}`);
      log.error({ clientOrderId: key, change: wanted.kind, err: error }, 'order change outcome unknown');
      return { outcome: 'unknown', clientOrderId: key };
    }
  };
}
