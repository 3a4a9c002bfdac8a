// The trading service: REST operations over the Kalshi client that keep the trading actor informed.
//
// Every order goes risk gate → ORDER.PENDING and its row committed to storage → create → outcome.
// A create is never retried: an unknown outcome stays `unknown` until fullSync settles it. close() shuts
// the gate for shutdown and waits (bounded) for the creates in flight, so none is left behind unseen.
import { randomUUID } from 'node:crypto';
import { isOrderAlreadyExists, KalshiError } from '../../adapters/kalshi/errors';
import { checkIntent } from '../../domain/risk-gate';
import { mayBeLiveOnExchange } from '../../domain/trading-types';
import { createChangeSender } from './trading-change-requests';
import { intentRecord, NotRecordedError, recordThenSend } from './trading-journal';
import { openOrders, riskStateOf } from './trading-logic';
import {
  type CancelAllResult,
  type ChangeIntent,
  type SubmitIntent,
  type SubmitOutcome,
  silentLog,
  type TradingService,
  type TradingServiceDeps,
} from './trading-ports';
import { runFullSync } from './trading-sync';
import { DAEMON_ORDER_PREFIX } from './trading-types';

/** How long close() waits for submits in flight by default. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

const SHUTTING_DOWN = {
  outcome: 'blocked',
  rule: 'shutting_down',
  reason: 'trading is shutting down',
} as const satisfies SubmitOutcome;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createTradingService(deps: TradingServiceDeps): TradingService {
  const { client, trading, limits, now } = deps;
  const log = deps.log ?? silentLog;
  const state = () => trading.getSnapshot().context;
  const uuid = deps.randomUUID ?? randomUUID;

  let syncSeq = 0;
  let closing = false;
  const inFlight = new Set<Promise<unknown>>();
  const sendChange = createChangeSender({ ...deps, log }, log);

  /** Runs a request unless closing, tracked so close() can wait for it. */
  function tracked<T>(what: object, start: () => Promise<T>): Promise<T | typeof SHUTTING_DOWN> {
    if (closing) {
      log.info(what, 'order refused: shutting down');
      return Promise.resolve(SHUTTING_DOWN);
    }
    const run = start();
    inFlight.add(run);
    const done = () => void inFlight.delete(run);
    run.then(done, done);
    return run;
  }

  const submit = (intent: SubmitIntent, options: { clientOrderId?: string } = {}) =>
    tracked({ ticker: intent.ticker }, () => send(intent, options.clientOrderId));
  const change = (intent: ChangeIntent) =>
    tracked({ clientOrderId: intent.clientOrderId, orderId: intent.orderId }, () => sendChange(intent));

  /** Resolves once every request in flight has settled, or after `timeoutMs`; counts what is left. */
  async function close(options: { timeoutMs?: number } = {}): Promise<{ pending: number }> {
    closing = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
    });
    try {
      await Promise.race([Promise.allSettled([...inFlight]), timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (inFlight.size > 0) log.warn({ pending: inFlight.size }, 'closing with order submits still in flight');
    return { pending: inFlight.size };
  }

  async function send(intent: SubmitIntent, fixedId?: string): Promise<SubmitOutcome> {
    const decision = checkIntent(intent, riskStateOf(state(), now()), limits);
    const intentId = uuid();
    deps.journal?.enqueue({
      kind: 'intent',
      intent: intentRecord(intentId, intent, fixedId, decision, now()),
    });
    if (!decision.allow) {
      trading.send({ type: 'ORDER.BLOCKED', decision, atMs: now() });
      log.info(
        { ticker: intent.ticker, rule: decision.rule, reason: decision.reason },
        'order blocked by risk gate',
      );
      return { outcome: 'blocked', rule: decision.rule, reason: decision.reason };
    }
    // Our prefix on every id: after a restart, orders found on the exchange are still known as ours.
    const clientOrderId = fixedId ?? `${DAEMON_ORDER_PREFIX}${uuid()}`;
    let sentId: string | null = null;
    try {
      // The hook starts synchronously inside submitOrder's first step, right after the gate: no other
      // submit can slip between the check and the PENDING record. It resolves once the order row is
      // durable; only then does the request leave.
      const result = await client.submitOrder(
        { ...intent, clientOrderId },
        {
          onBeforeSend: recordThenSend({ trading, journal: deps.journal, intentId, now }, (id) => {
            sentId = id;
          }),
        },
      );
      const atMs = now();
      switch (result.outcome) {
        case 'accepted':
          trading.send({ type: 'ORDER.ACCEPTED', ...result, atMs });
          log.info({ clientOrderId: result.clientOrderId, orderId: result.orderId }, 'order accepted');
          return { outcome: 'accepted', clientOrderId: result.clientOrderId, orderId: result.orderId };
        case 'rejected': {
          const { code, message } = result.error;
          if (isOrderAlreadyExists(result.error)) {
            // Proof the order exists (a resend after an unseen success): reconciliation finds it by id.
            trading.send({ type: 'ORDER.UNKNOWN', clientOrderId, reason: `${code}: ${message}`, atMs });
            log.warn(
              { clientOrderId, code },
              'order already exists on the exchange; left for reconciliation',
            );
            return { outcome: 'unknown', clientOrderId };
          }
          trading.send({ type: 'ORDER.REJECTED', clientOrderId, code, message, atMs });
          log.warn({ clientOrderId, code, status: result.error.status }, 'order rejected by exchange');
          return { outcome: 'rejected', clientOrderId, code, message };
        }
        case 'unknown':
          trading.send({
            type: 'ORDER.UNKNOWN',
            clientOrderId: result.clientOrderId,
            reason: result.cause.message,
            atMs,
          });
          log.warn({ clientOrderId: result.clientOrderId, err: result.cause }, 'order outcome unknown');
          return { outcome: 'unknown', clientOrderId: result.clientOrderId };
      }
    } catch (error) {
      if (error instanceof NotRecordedError) {
        // Our storage refused the row, so nothing was sent: a server-side fault, not a bad order.
        log.error(
          { clientOrderId: error.clientOrderId, err: error },
          'order not sent: storage refused its row',
        );
        return { outcome: 'not_recorded', clientOrderId: error.clientOrderId, message: error.message };
      }
      if (sentId === null) {
        // Invalid input: nothing was sent.
        log.warn({ ticker: intent.ticker, err: error }, 'order not sent');
        return { outcome: 'invalid', message: errorText(error) };
      }
      // Something broke after the request may have left: treat it as unknown, never as rejected.
      const reason = error instanceof KalshiError ? error.message : `unexpected: ${errorText(error)}`;
      trading.send({ type: 'ORDER.UNKNOWN', clientOrderId: sentId, reason, atMs: now() });
      log.error({ clientOrderId: sentId, err: error }, 'order outcome unknown after an unexpected error');
      return { outcome: 'unknown', clientOrderId: sentId };
    }
  }

  /**
   * Every order that may be live and has an exchange id (an `unknown` one too: it may rest), cancelled
   * through the change path a strategy cancel takes, so a change in flight is respected and a not_found
   * answer reaches the order. Not `tracked`: shutdown runs it after close() has shut the gate.
   */
  async function cancelAll(options: { onlyDaemonPlaced?: boolean } = {}): Promise<CancelAllResult> {
    const onlyDaemonPlaced = options.onlyDaemonPlaced ?? true;
    const targets = Object.entries(state().orders).filter(
      ([, o]) => mayBeLiveOnExchange(o) && o.orderId !== '' && (!onlyDaemonPlaced || o.placedByDaemon),
    );
    const result: CancelAllResult = { requested: targets.length, canceled: 0, notFound: 0, failed: 0 };
    for (const [key] of targets) {
      const r = await sendChange({ kind: 'cancel', clientOrderId: key, reason: 'cancel all' });
      if (r.outcome === 'accepted') result.canceled++;
      else if (r.outcome === 'not_found') result.notFound++;
      else {
        result.failed++;
        log.warn({ clientOrderId: key, outcome: r.outcome }, 'cancel did not go through');
      }
    }
    log.info({ ...result, onlyDaemonPlaced, stillOpen: openOrders(state()).length }, 'cancel all done');
    return result;
  }

  return {
    async connect() {
      const status = await client.getExchangeStatus();
      const balance = await client.getBalance();
      trading.send({ type: 'BALANCE', balance, atMs: now() });
      log.info({ ...status }, 'trading client connected');
      const limits = await client.loadAccountLimits().catch((err: unknown) => {
        log.warn({ err }, 'could not read /account/limits; keeping Basic-tier budgets');
        return null;
      });
      if (limits) log.info({ source: limits.source, read: limits.read, write: limits.write }, 'rate limits');
      return status;
    },
    fullSync: () => runFullSync({ ...deps, log }, ++syncSeq),
    submit,
    change,
    cancelAll,
    close,
    setKillSwitch(on) {
      trading.send({ type: 'KILL_SWITCH', on });
      log.warn({ on }, on ? 'kill switch on' : 'kill switch off');
    },
    setStrategyPaused(paused) {
      if (state().strategyPaused === paused) return;
      trading.send({ type: 'STRATEGY.SET_PAUSED', paused });
      log.info({ paused }, paused ? 'strategy paused' : 'strategy resumed');
    },
    state,
  };
}
