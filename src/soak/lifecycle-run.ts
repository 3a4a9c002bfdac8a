// `npm run lifecycle-run`: issue 16's done-when run. The standalone simulator (`npm run sim -- --time-scale
// 60`) and the daemon (`npm start` against it: DISCOVERY, the market maker) as two processes, for an hour of
// simulated time (one real minute); then the verdict, from the exchange's own answers: no order refused
// for a closed or paused market, each market's realized PnL and fees equal to the exchange's position
// row, the markets rolled, never out of ready/acting. Exit 0 when all hold. Flags: --minutes M (real
// minutes, default 1), --time-scale N (default 60).
import { type ChildProcess, spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKalshiClient } from '../adapters/kalshi/client';
import { formatMoney, parseMoney } from '../domain/fixed-point';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { minutes: { type: 'string' }, 'time-scale': { type: 'string' } } });
const minutes = Number(values.minutes ?? '1');
const timeScale = values['time-scale'] ?? '60';
const dir = mkdtempSync(join(tmpdir(), 'kalshi-lifecycle-'));
const children: ChildProcess[] = [];

/** Starts a process and resolves with its output so far once `ready` matches it. */
function start(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, lines: string[]) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('KALSHI_') && !k.startsWith('V3_')),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise<RegExpExecArray>((resolve, reject) => {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(line);
      const match = ready.exec(lines.join('\n'));
      if (match) resolve(match);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code) =>
      reject(new Error(`${args[0]} exited (${code}):\n${lines.slice(-20).join('\n')}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const json = async (url: string) => (await fetch(url)).json() as Promise<Record<string, unknown>>;

async function main(): Promise<boolean> {
  const simLines: string[] = [];
  const sim = await start(
    [
      'src/sim/cli.ts',
      '--port',
      '0',
      '--time-scale',
      timeScale,
      '--markets',
      '2',
      '--rate',
      '100',
      '--dev-keys-dir',
      dir,
    ],
    {},
    /listening on (\S+) \(REST (\S+), WS (\S+)\)/,
    simLines,
  );
  const [, simUrl, restUrl, wsUrl] = sim as unknown as [string, string, string, string];
  const keyId = /development key id (\S+)/.exec(simLines.join('\n'))?.[1] ?? '';
  const keyPath = /private key (\S+),/.exec(simLines.join('\n'))?.[1] ?? '';
  const daemonLines: string[] = [];
  const [, url] = (await start(
    ['src/main.ts'],
    {
      KALSHI_API_URL: restUrl,
      KALSHI_WS_URL: wsUrl,
      KALSHI_API_KEY_ID: keyId,
      KALSHI_PRIVATE_KEY_PATH: keyPath,
      V3_PORT: '0',
      V3_DATA_DIR: dir,
      V3_MARKET_TICKERS: 'DISCOVERY',
      // Room for every market of the rolling series and the generated ones, two quotes each.
      V3_MAX_MARKETS: '12',
      V3_MAX_ORDERS: '30',
      V3_STRATEGY: 'market_maker',
      // Simulated time runs 60× faster: 2 s before close is two simulated minutes.
      V3_STRATEGY_PARAMS: JSON.stringify({ close_buffer_seconds: 2, max_position: 3 }),
      V3_DISCOVERY_INTERVAL_SECONDS: '10',
      V3_SYNC_INTERVAL_SECONDS: '5',
      V3_LOG_LEVEL: 'info',
    },
    /kalshi-trader console: (http:\/\/[^\s/]+)\//,
    daemonLines,
  )) as unknown as [string, string];
  process.stdout.write(`simulator ${simUrl} (time scale ${timeScale}), daemon ${url}: ${minutes} min\n`);

  /** Public states seen once ready. */
  const states = new Set<string>();
  const followed = new Set<string>();
  const deadline = Date.now() + minutes * 60_000;
  while (Date.now() < deadline) {
    const status = await json(`${url}/v3/status`);
    if (states.size > 0 || status.state === 'ready') states.add(String(status.state));
    for (const t of status.markets as string[]) followed.add(t);
    await sleep(1_000);
  }
  // Quiet books (no more fills), then the last settlements and fills into the ledger: two syncs.
  await fetch(`${simUrl}/sim/flow`, { method: 'POST', body: JSON.stringify({ running: false }) });
  await sleep(11_000);

  const client = createKalshiClient({
    baseUrl: restUrl,
    credentials: { keyId, privateKey: createPrivateKey(readFileSync(keyPath)) },
  });
  /** Each market's realized PnL and fees, the exchange's rows against the daemon's ledger. */
  async function compare() {
    const rows = await client.listPositions();
    const ours = (await json(`${url}/v3/positions?all=1`)).positions as Array<Record<string, string>>;
    const differs: string[] = [];
    let exchange = 0;
    let daemon = 0;
    for (const row of rows) {
      const mine = ours.find((p) => p.ticker === row.ticker);
      const realized = parseMoney(mine?.realized_pnl_dollars ?? '0');
      exchange += row.realizedPnl;
      daemon += realized;
      if (realized !== row.realizedPnl || parseMoney(mine?.fees_paid_dollars ?? '0') !== row.feesPaid) {
        differs.push(row.ticker);
        process.stdout.write(
          `${row.ticker}: exchange ${JSON.stringify(row)} daemon ${JSON.stringify(mine)}\n`,
        );
      }
    }
    return { differs, exchange, daemon };
  }
  // A series market may settle between the two reads: only a difference a sync later counts.
  let pnl = await compare();
  if (pnl.differs.length > 0) {
    await sleep(6_000);
    pnl = await compare();
  }
  const settlements = await client.listSettlements();
  const count = (...parts: string[]) => daemonLines.filter((l) => parts.every((p) => l.includes(p))).length;
  const refusedClosed =
    count('order rejected by exchange', '"market_closed"') +
    count('order rejected by exchange', '"trading_is_paused"');
  const gateBlocks = count('"rule":"market_closed"');
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const rolls = Number(/kalshi_trader_market_rolls_total (\d+)/.exec(metrics)?.[1] ?? '0');
  const verdict = {
    markets_followed: followed.size,
    market_rolls: rolls,
    settlements: settlements.length,
    public_states: [...states],
    orders_refused_for_closed_markets: refusedClosed,
    intents_stopped_by_market_closed_rule: gateBlocks,
    realized_pnl_exchange: formatMoney(pnl.exchange),
    realized_pnl_daemon: formatMoney(pnl.daemon),
    markets_differing: pnl.differs,
  };
  process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  const stateOk = [...states].every((s) => s === 'ready' || s === 'acting');
  return refusedClosed === 0 && pnl.differs.length === 0 && rolls > 0 && settlements.length > 0 && stateOk;
}

main()
  .then((ok) => {
    process.exitCode = ok ? 0 : 1;
  })
  .catch((err: unknown) => {
    process.stderr.write(`lifecycle run failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    const exits = children
      .filter((child) => child.exitCode === null)
      .map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(exits);
    rmSync(dir, { recursive: true, force: true });
  });
