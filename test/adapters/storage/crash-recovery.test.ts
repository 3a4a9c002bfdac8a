// A daemon killed with SIGKILL loses at most its unflushed batch: the order rows committed before their
// creates and every flushed batch are there after the restart, on SQLite and on PostgreSQL.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { session } from './storage-fixtures';
import { describeStorageTargets, type StorageDatabase } from './storage-targets';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

/** Runs the writer until it says `ready`, then kills it with SIGKILL; resolves once it is gone. */
async function runAndKill(db: StorageDatabase): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify(db.options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
      void exited.then(() => reject(new Error(`writer exited before it was ready: ${stderr}`)));
    });
  } finally {
    child.kill('SIGKILL');
  }
  return exited;
}

describeStorageTargets('crash recovery', (t) => {
  it('keeps committed order rows and flushed batches across a SIGKILL, and only those', async () => {
    const db = await t.newDatabase();
    expect(await runAndKill(db)).toBe('SIGKILL');

    const storage = await db.open();
    const [crashed] = await storage.listSessions({});
    expect(crashed).toMatchObject({ uuid: 'crashed-run', stoppedMs: null, stopReason: null });
    expect((await storage.listOrders({ status: 'open' })).map((o) => o.clientOrderId)).toEqual([
      'kt-3',
      'kt-2',
      'kt-1',
    ]);
    const { fills } = await storage.listFills({});
    expect(fills.map((f) => f.fillId)).toEqual(['fill-1', 'fill-2', 'fill-3', 'fill-4', 'fill-5']);
    expect(await db.query('SELECT COUNT(*) AS n FROM state_transitions')).toEqual([{ n: 0 }]);

    // The restarted daemon's session marks the killed one.
    await storage.startSession(session({ uuid: 'next-run' }));
    expect((await storage.listSessions({})).map((s) => [s.uuid, s.stopReason])).toEqual([
      ['next-run', null],
      ['crashed-run', 'unclean'],
    ]);
  });
});
