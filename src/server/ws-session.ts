// One /v3/ws client's conversation: the greeting on connect, then its frames (ping, subscribe, command).
import type { Logger } from 'pino';
import type { RawData } from 'ws';
import type { DaemonPorts } from './ports';
import { toBookUpdate } from './view-mappers';
import type { BookDeltas } from './ws-book-deltas';
import type { FeedClient } from './ws-client';
import { type ClientFrame, parseClientFrame } from './ws-client-frames';
import { runCommand } from './ws-commands';
import { encodeFrame, hhmmss, historyReplayData } from './ws-frames';

export interface FrameError {
  code: string;
  message: string;
  id?: string | number;
}

export interface SessionDeps {
  ports: DaemonPorts;
  now: () => number;
  historySize: number;
  /** Activity lines of every kind replayed on connect. */
  activitySize: number;
  statusFrame: () => string | undefined;
  /** The `orderbook_delta` channel: where a new delta subscriber's snapshots come from. */
  deltas: Pick<BookDeltas, 'snapshotFor'>;
  /** Sends an `error` frame; `counted` marks it as a refused client frame. */
  sendError: (c: FeedClient, error: FrameError, counted?: boolean) => void;
  log?: Pick<Logger, 'error'>;
}

export function createSession(deps: SessionDeps) {
  const { ports, now, log } = deps;

  const greet = (c: FeedClient) => {
    const t = now();
    const hello = { client_id: c.id, timestamp: hhmmss(t), message: 'Connected to TRADER V3 console' };
    c.send(encodeFrame('connection', hello, t));
    let transitions: ReturnType<DaemonPorts['getTransitions']> = [];
    let activity: ReturnType<DaemonPorts['getActivity']> = [];
    let trading: ReturnType<DaemonPorts['getTradingHistory']> = { fills: [], pnl: [] };
    try {
      transitions = ports.getTransitions().slice(-deps.historySize);
      activity = ports.getActivity().slice(-deps.activitySize);
      trading = ports.getTradingHistory();
    } catch (err) {
      log?.error({ err }, 'status port failed');
    }
    c.send(encodeFrame('history_replay', historyReplayData(transitions, activity, trading), t));
    // The original console shows "No data available" until its first `trading_state`: send it now,
    // not at the next sync.
    try {
      c.send(encodeFrame('trading_state', ports.getTradingState(), t));
    } catch (err) {
      log?.error({ err }, 'trading state port failed');
    }
    const status = deps.statusFrame();
    if (status !== undefined) c.send(status);
  };

  const onFrame = (c: FeedClient, frame: ClientFrame) => {
    switch (frame.type) {
      case 'ping':
        return c.send(encodeFrame('pong', {}, now()));
      case 'pong':
        return;
      case 'subscribe': {
        if (frame.markets === undefined && frame.subscriptions === undefined) {
          return deps.sendError(c, { code: 'empty_subscription', message: 'give markets or subscriptions' });
        }
        const result = c.subscribe(frame);
        if ('error' in result) return deps.sendError(c, { code: 'too_many_markets', message: result.error });
        const topics = frame.subscriptions !== undefined;
        const added =
          result.addedDeltas.length === 0
            ? result.added
            : [...new Set([...result.added, ...result.addedDeltas])];
        c.send(encodeFrame('subscribed', c.subscriptionChange({ added, topics }), now()));
        // A new subscriber starts from the session's price history and the current book, then follows
        // the updates.
        for (const ticker of result.added) {
          c.send(encodeFrame('price_history', ports.getPriceHistory(ticker), now()));
          const book = ports.getBook(ticker);
          if (book !== undefined) c.send(encodeFrame('orderbook', toBookUpdate(book), now()));
        }
        for (const ticker of result.addedDeltas) {
          if (!result.added.includes(ticker)) {
            c.send(encodeFrame('price_history', ports.getPriceHistory(ticker), now()));
          }
          const snapshot = deps.deltas.snapshotFor(ticker, c);
          if (snapshot !== undefined) c.sendShared(snapshot);
        }
        return;
      }
      case 'unsubscribe': {
        const removed = c.unsubscribe(frame);
        return c.send(encodeFrame('subscribed', c.subscriptionChange({ removed }), now()));
      }
      case 'command':
        // Not awaited: a slow command never holds up this client's other frames or anyone else.
        void runCommand(frame, ports, (err) => log?.error({ err }, 'command port failed')).then((reply) => {
          if (reply.type === 'error') deps.sendError(c, reply.data);
          else c.send(encodeFrame(reply.type, reply.data, now()));
        });
    }
  };

  const onMessage = (c: FeedClient, data: RawData, isBinary: boolean) => {
    if (isBinary)
      return deps.sendError(c, { code: 'invalid_frame', message: 'binary frames are not supported' });
    const parsed = parseClientFrame(data.toString());
    if (!parsed.ok) return deps.sendError(c, { code: parsed.code, message: parsed.message });
    try {
      onFrame(c, parsed.frame);
    } catch (err) {
      log?.error({ err, client: c.id }, 'handling a client frame failed');
      deps.sendError(c, { code: 'internal_error', message: 'the frame could not be handled' }, false);
    }
  };

  return { greet, onMessage };
}
