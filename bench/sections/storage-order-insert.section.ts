// The order row committed before its create request leaves: wall time of one synchronous insert in
// SQLite WAL mode (as shipped, and through the storage port), against the same insert in an in-memory
// database (no I/O: the baseline) and in WAL with an fsync per commit, in alternating rounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStorage } from '../../src/adapters/storage';
import { insertOrder } from '../../src/adapters/storage/direct-writes';
import { migrateSqlite } from '../../src/adapters/storage/sqlite-migrator';
import type { NewOrder } from '../../src/domain/storage-records';
import type { BenchSection } from '../lib/section';

const WARMUP = 200;
const ROUNDS = 5;
const PER_ROUND = 400;
const TARGET_MEDIAN_US = 100;

interface Contender {
  label: string;
  /** Inserts order `n`; returns once the row is committed. */
  insert(n: number): void;
  samples: number[];
}

const orderRow = (n: number, tag: string): NewOrder => ({
  clientOrderId: `kt-bench-${tag}-${n}`,
  intentId: null,
  source: 'strategy',
  ticker: 'KXBENCH-26DEC31-T50',
  side: 'bid',
  price: 4_500,
  count: 300,
  createdMs: 1_700_000_000_000 + n,
});

/** The same statement the port runs, on a database of its own. */
function rawContender(
  label: string,
  file: string,
  synchronous: string | null,
): Contender & { db: Database.Database } {
  const db = new Database(file);
  if (synchronous !== null) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
  }
  migrateSqlite(db);
  db.prepare(
    "INSERT INTO sessions (uuid, daemon_id, order_prefix, exchange, started_ms) VALUES ('b', 'b', 'kt-', 'bench', 0)",
  ).run();
  const who = { sessionId: 1, daemonId: 'b' };
  const sample = insertOrder(orderRow(0, label), who);
  const stmt = db.prepare(sample.sql);
  return {
    label,
    db,
    samples: [],
    insert: (n) => {
      stmt.run(...insertOrder(orderRow(n, label), who).params);
    },
  };
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const fmtUs = (us: number): string => `${us.toFixed(1)} µs`;

export const section: BenchSection = {
  name: 'storage order insert',
  order: 60,
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'kalshi-trader-bench-'));
    const storage = await openStorage({ dataDir: join(dir, 'port') });
    try {
      await storage.startSession({
        uuid: 'bench',
        daemonId: 'b',
        orderPrefix: 'kt-',
        startedMs: 0,
        exchange: 'bench',
      });
      const pending: Promise<boolean>[] = [];
      const memory = rawContender('memory', ':memory:', null);
      const normal = rawContender('wal-normal', join(dir, 'normal.sqlite'), 'NORMAL');
      const full = rawContender('wal-full', join(dir, 'full.sqlite'), 'FULL');
      const port: Contender = {
        label: 'port',
        samples: [],
        // The call returns after the commit (SQLite runs it synchronously); the promise only reports it.
        insert: (n) => void pending.push(storage.recordOrder(orderRow(n, 'port'))),
      };
      const contenders = [memory, normal, full, port];
      let n = 0;
      for (const c of contenders) for (let i = 0; i < WARMUP; i++) c.insert(++n);
      for (let r = 0; r < ROUNDS; r++) {
        for (const c of contenders) {
          for (let i = 0; i < PER_ROUND; i++) {
            const start = process.hrtime.bigint();
            c.insert(++n);
            c.samples.push(Number(process.hrtime.bigint() - start) / 1_000);
          }
        }
      }
      const recorded = (await Promise.all(pending)).filter(Boolean).length;
      for (const c of [memory, normal, full]) c.db.close();

      const stats = (c: Contender) => {
        const sorted = [...c.samples].sort((a, b) => a - b);
        return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
      };
      const [m, w, f, p] = contenders.map(stats) as [ReturnType<typeof stats>, ...ReturnType<typeof stats>[]];
      ctx.note(
        `${ROUNDS} alternating rounds of ${PER_ROUND} inserts each after ${WARMUP} warm-up; wall time per insert`,
      );
      ctx.row('in-memory SQLite (baseline, no I/O) median', fmtUs(m.median));
      ctx.row('WAL, synchronous=NORMAL (as shipped) median', fmtUs(w!.median));
      ctx.row('WAL, synchronous=NORMAL p99', fmtUs(w!.p99));
      ctx.row('WAL, synchronous=FULL (fsync each) median', fmtUs(f!.median));
      ctx.row(
        'storage.recordOrder (the port) median',
        fmtUs(p!.median),
        `≤ ${TARGET_MEDIAN_US} µs`,
        p!.median <= TARGET_MEDIAN_US,
      );
      ctx.row('storage.recordOrder p99', fmtUs(p!.p99));
      ctx.row('as shipped / baseline', `${(w!.median / m.median).toFixed(2)}×`);
      ctx.note(`check: the port committed ${recorded} of ${pending.length} order rows`);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
