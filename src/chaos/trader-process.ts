// The daemon under chaos as its own process, pointed at the standalone simulator as at a real exchange
// (URLs, key id, key file) and running the market maker; a data directory that outlives it, so a
// SIGKILL and a restart find the orders it recorded before they left.
import { type ChildProcess, spawn } from 'node:child_process';
import { keepTail, ROOT } from './sim-process';

export interface TraderSetup {
  restUrl: string;
  wsUrl: string;
  keyId: string;
  privateKeyPath: string;
  dataDir: string;
  /** Risk limits, also what the checks hold the simulator's records to. */
  limits: TraderLimits;
}

export interface TraderLimits {
  markets: number;
  maxOrders: number;
  /** Contracts per market. */
  maxPosition: number;
  /** Whole dollars. */
  maxNotionalDollars: number;
}

export interface TraderProcess {
  /** http://127.0.0.1:port of the daemon's API. */
  url: string;
  pid: number;
  tail(): string[];
  /** The exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string | null>;
  kill(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | string | null>;
}

/** Quotes tight enough that the synthetic flow trades with them, one contract at a time. */
const STRATEGY_PARAMS = { size: 1, spread_ticks: 2, requote_ticks: 2 };
const STARTUP_TIMEOUT_MS = 60_000;

export function traderEnv(setup: TraderSetup): Record<string, string> {
  const { limits } = setup;
  return {
    KALSHI_API_URL: setup.restUrl,
    KALSHI_WS_URL: setup.wsUrl,
    KALSHI_API_KEY_ID: setup.keyId,
    KALSHI_PRIVATE_KEY_PATH: setup.privateKeyPath,
    V3_HOST: '127.0.0.1',
    V3_PORT: '0',
    V3_DATA_DIR: setup.dataDir,
    V3_LOG_LEVEL: 'warn',
    V3_STRATEGY: 'market_maker',
    V3_STRATEGY_PARAMS: JSON.stringify(STRATEGY_PARAMS),
    V3_MAX_MARKETS: String(limits.markets),
    V3_MAX_ORDERS: String(limits.maxOrders),
    V3_MAX_POSITION_SIZE: String(limits.maxPosition),
    V3_MAX_NOTIONAL_DOLLARS: `${limits.maxNotionalDollars}.00`,
    // Faster loops than production's, so recovery takes seconds; not so fast that a REST burst of a few
    // seconds already reads as "no sync for three intervals" (trading unhealthy: error).
    V3_SYNC_INTERVAL_SECONDS: '5',
    V3_HEALTH_CHECK_INTERVAL: '1',
    V3_BOOK_AUDIT_INTERVAL_SECONDS: '5',
    V3_ORDERBOOK_CONNECT_TIMEOUT_SECONDS: '5',
    V3_FIRST_SNAPSHOT_TIMEOUT_SECONDS: '5',
  };
}

export async function startTraderProcess(setup: TraderSetup): Promise<TraderProcess> {
  // Nothing of the caller's own KALSHI_/V3_ settings leaks in: never a real exchange.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('KALSHI_') && !k.startsWith('V3_')),
  );
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, ...traderEnv(setup) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = keepTail(child);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the daemon did not start within 60 s')),
      STARTUP_TIMEOUT_MS,
    );
    const check = () => {
      const m = /kalshi-trader console: (http:\/\/[^\s/]+)\//.exec(tail().join('\n'));
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(m[1]);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the daemon exited (${code}) before listening:\n${tail().slice(-10).join('\n')}`));
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    tail,
    exited,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
