// A trial daemon's setting: a data directory and control token of its own, and `npm start`'s environment
// pointed at the trial's simulator and keys, with money limits wide enough that only the scenario's caps bind.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TrialKeys } from './trial-keys';

export interface DaemonLimits {
  markets: number;
  syncSeconds: number;
  maxOrders: number;
  /** Contracts. */
  maxPosition: number;
}

export interface TrialDaemonSetting {
  env: NodeJS.ProcessEnv;
  token: string;
  dataDir: string;
}

/**
 * `dirName` names the data directory under the batch's directory; `strategy` holds the strategy's
 * variables (V3_STRATEGY, V3_STRATEGY_PARAMS) when the script started does not choose it itself.
 */
export function trialDaemonSetting(
  keys: TrialKeys,
  exchange: { restUrl: string; wsUrl: string },
  dirName: string,
  limits: DaemonLimits,
  strategy: NodeJS.ProcessEnv = {},
): TrialDaemonSetting {
  const dataDir = join(keys.dir, dirName);
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('hex');
  const env = {
    ...process.env,
    ...strategy,
    KALSHI_API_URL: exchange.restUrl,
    KALSHI_WS_URL: exchange.wsUrl,
    KALSHI_API_KEY_ID: keys.keyId,
    KALSHI_PRIVATE_KEY_PATH: keys.privateKeyPath,
    V3_PORT: '0',
    V3_MARKET_TICKERS: 'DISCOVERY',
    V3_MAX_MARKETS: String(limits.markets),
    V3_SYNC_INTERVAL_SECONDS: String(limits.syncSeconds),
    V3_HEALTH_CHECK_INTERVAL: '1',
    V3_MAX_ORDERS: String(limits.maxOrders),
    V3_MAX_POSITION_SIZE: String(limits.maxPosition),
    V3_MAX_NOTIONAL_DOLLARS: '100000',
    V3_MAX_DAILY_LOSS_DOLLARS: '100000',
    V3_CONTROL_TOKEN: token,
    V3_DATA_DIR: dataDir,
    V3_LOG_LEVEL: 'warn',
  };
  return { env, token, dataDir };
}
