// The configuration a replay runs with: the recorded one (secrets were never in it), pointed at the
// replay exchange, serving on loopback only when asked, and with another strategy when asked.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import type { StrategyConfig } from '../config/config-types';
import type { RecordingHeader } from '../record/recording-format';

/** Never dialled: the replay exchange answers below the adapters. Loopback so nothing could leak. */
export const REPLAY_API_URL = 'http://127.0.0.1/trade-api/v2';
export const REPLAY_WS_URL = 'ws://127.0.0.1/trade-api/ws/v2';

export interface ReplayConfigOptions {
  /** Serve the console and /inspect here (0: any free port); absent: no server. */
  port?: number;
  strategy?: { name: string; params: Record<string, unknown> };
}

export function replayConfig(header: RecordingHeader, opts: ReplayConfigOptions): Config {
  const recorded = header.config as Config;
  const strategy: StrategyConfig = opts.strategy
    ? { ...recorded.strategy, kind: 'builtin', name: opts.strategy.name, params: opts.strategy.params }
    : recorded.strategy;
  const { record: _record, ...rest } = recorded;
  return {
    ...rest,
    exchange: { mode: 'exchange', apiUrl: REPLAY_API_URL, wsUrl: REPLAY_WS_URL },
    strategy,
    server: {
      ...recorded.server,
      host: '127.0.0.1',
      port: opts.port ?? 0,
      controlToken: { value: randomBytes(16).toString('hex'), generated: true },
    },
  };
}
