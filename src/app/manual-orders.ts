// Manual trades (WS `place_order` / `cancel_order` / `amend_order`, the HTTP order routes): each is an
// intent like the strategy's, through the same gate, lifecycle and unknown-outcome rules, run as a
// decision (the root is `acting` meanwhile) and refused unless the trader is ready, degraded or acting.
// The answer always names the order's client_order_id; an unknown outcome is told again by the order's
// activity line once a sync settles it.
import { randomUUID } from 'node:crypto';
import type { DecisionTracker } from '../actors/decision-tracker';
import { NOT_RECORDED } from '../actors/trading/trading-journal';
import { findOrderKey } from '../actors/trading/trading-orders';
import type {
  ChangeIntent,
  ChangeOutcome,
  SubmitIntent,
  TradingService,
} from '../actors/trading/trading-ports';
import { MANUAL_ORDER_PREFIX } from '../actors/trading/trading-types';
import { parseCount, parsePrice } from '../domain/fixed-point';
import type { PublicState } from '../machines/trader.events';
import type { OrderCommand, OrderResult } from '../server/commands';

export interface ManualOrderDeps {
  service: Pick<TradingService, 'submit' | 'change' | 'state'>;
  decisions: Pick<DecisionTracker, 'run'>;
  state(): PublicState;
  /** The uuid part of a manual order's client_order_id (`kt-m-<uuid>`). */
  randomUUID?: () => string;
}

const OPERATING: ReadonlySet<PublicState> = new Set(['ready', 'degraded', 'acting']);

type OrderRef = Pick<ChangeIntent, 'clientOrderId' | 'orderId' | 'reason'>;

/** The service's outcome as the wire answer; `id` names the order when the outcome does not. */
export function toOrderResult(outcome: ChangeOutcome, id: string | null): OrderResult {
  switch (outcome.outcome) {
    case 'accepted':
      return {
        ok: true,
        client_order_id: outcome.clientOrderId,
        outcome: 'accepted',
        order_id: outcome.orderId,
        message: 'accepted by the exchange',
      };
    case 'rejected':
      return {
        ok: false,
        client_order_id: outcome.clientOrderId,
        outcome: 'rejected',
        code: outcome.code,
        message: outcome.message,
      };
    case 'unknown':
      return {
        ok: false,
        client_order_id: outcome.clientOrderId,
        outcome: 'unknown',
        message: 'no answer from the exchange: the next sync settles it, and the activity feed tells',
      };
    case 'not_found':
      return {
        ok: false,
        client_order_id: outcome.clientOrderId,
        outcome: 'not_found',
        message: outcome.message,
      };
    case 'blocked':
      return {
        ok: false,
        client_order_id: id,
        outcome: 'blocked',
        rule: outcome.rule,
        message: outcome.reason,
      };
    case 'not_recorded':
      return {
        ok: false,
        client_order_id: outcome.clientOrderId,
        outcome: 'refused',
        code: NOT_RECORDED,
        message: `storage refused to record the order, so it was not sent: ${outcome.message}`,
      };
    case 'invalid':
      return {
        ok: false,
        client_order_id: id,
        outcome: 'invalid',
        code: outcome.code ?? 'invalid_order',
        message: outcome.message,
      };
  }
}

export function createManualOrders(d: ManualOrderDeps) {
  const uuid = d.randomUUID ?? randomUUID;

  function place(cmd: Extract<OrderCommand, { type: 'place_order' }>) {
    const clientOrderId = `${MANUAL_ORDER_PREFIX}${uuid()}`;
    const intent: SubmitIntent = {
      ticker: cmd.ticker,
      side: cmd.side,
      price: parsePrice(cmd.price_dollars),
      count: parseCount(cmd.count_fp),
      ...(cmd.time_in_force ? { timeInForce: cmd.time_in_force } : {}),
      ...(cmd.post_only === undefined ? {} : { postOnly: cmd.post_only }),
      reason: 'manual',
    };
    return d.decisions
      .run(() => d.service.submit(intent, { clientOrderId }))
      .then((outcome) => toOrderResult(outcome, clientOrderId));
  }

  /** An amend that only lowers the count at the same price is a decrease: the order keeps its place. */
  function amendIntent(
    cmd: Extract<OrderCommand, { type: 'amend_order' }>,
    ref: OrderRef,
  ): ChangeIntent | null {
    const state = d.service.state();
    const key = findOrderKey(state, ref);
    const order = key === undefined ? undefined : state.orders[key];
    if (order === undefined) return null;
    const price = cmd.price_dollars === undefined ? order.price : parsePrice(cmd.price_dollars);
    const count = cmd.count_fp === undefined ? order.remainingCount : parseCount(cmd.count_fp);
    if (price === order.price && count < order.remainingCount) return { ...ref, kind: 'decrease', count };
    return { ...ref, kind: 'amend', price, count };
  }

  async function change(cmd: Extract<OrderCommand, { type: 'cancel_order' | 'amend_order' }>) {
    const ref: OrderRef = {
      ...(cmd.client_order_id === undefined ? {} : { clientOrderId: cmd.client_order_id }),
      ...(cmd.order_id === undefined ? {} : { orderId: cmd.order_id }),
      reason: 'manual',
    };
    const named = findOrderKey(d.service.state(), ref) ?? cmd.client_order_id ?? null;
    const intent: ChangeIntent | null =
      cmd.type === 'cancel_order' ? { ...ref, kind: 'cancel' } : amendIntent(cmd, ref);
    if (intent === null) {
      const name = cmd.client_order_id ?? cmd.order_id;
      return toOrderResult(
        { outcome: 'invalid', code: 'unknown_order', message: `no tracked order ${name}` },
        named,
      );
    }
    return toOrderResult(await d.decisions.run(() => d.service.change(intent)), named);
  }

  return async (cmd: OrderCommand): Promise<OrderResult> => {
    const state = d.state();
    if (!OPERATING.has(state)) {
      return {
        ok: false,
        client_order_id: null,
        outcome: 'refused',
        code: 'not_operating',
        message: `manual orders are taken while the trader is ready, degraded or acting; it is ${state}`,
      };
    }
    return cmd.type === 'place_order' ? place(cmd) : change(cmd);
  };
}
