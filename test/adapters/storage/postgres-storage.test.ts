// PostgreSQL only: the server going away and coming back under a running daemon, and a database URL's
// password kept out of every location, error and log line.
import { expect, it } from 'vitest';
import { openStorage, StorageUnavailableError } from '../../../src/adapters/storage';
import { manualSchedule } from './manual-schedule';
import { fill, newOrder, session } from './storage-fixtures';
import { describeStorageTargets } from './storage-targets';

describeStorageTargets(
  'postgres storage',
  (t) => {
    it('keeps queued history while the server is down and writes it once the server is back', async () => {
      const db = await t.newDatabase();
      const lines: string[] = [];
      const log = {
        debug() {},
        info() {},
        warn: (o: object) => void lines.push(JSON.stringify(o)),
        error() {},
      };
      const timer = manualSchedule();
      const storage = await db.open({ log, queue: { schedule: timer.schedule } });
      await storage.startSession(session());
      await storage.recordOrder(newOrder(1));

      await t.server.halt();
      try {
        storage.enqueue({ kind: 'fill', atMs: 1, fill: fill(1) });
        await expect(storage.flush()).rejects.toThrow(StorageUnavailableError);
        // No row, no order: the caller must not send a create whose row is not committed.
        await expect(storage.recordOrder(newOrder(2))).rejects.toThrow(/storage: order kt-2 not recorded/);
        expect(storage.stats()).toMatchObject({ queued: 1, written: 0, ordersRecorded: 1 });
        expect(storage.stats().flushErrors).toBeGreaterThan(0);
      } finally {
        await t.server.start();
      }
      await storage.flush();
      expect((await storage.listFills({})).fills.map((f) => f.fillId)).toEqual(['fill-1']);
      expect(storage.stats()).toMatchObject({ queued: 0, lastError: null });
      expect(lines.join('\n')).not.toContain(t.server.password);
    });

    it('never shows the password: not in its location, a refused login, nor an unreachable server', async () => {
      const db = await t.newDatabase();
      const url = db.options.databaseUrl!;
      const storage = await db.open();
      expect(storage.location).toBe(url.replace(`:${t.server.password}@`, '@'));

      const wrong = url.replace(t.server.password, 'wrong-Pa55word');
      const refused = await openStorage({ dataDir: db.options.dataDir, databaseUrl: wrong }).catch((e) => e);
      expect(refused).toBeInstanceOf(StorageUnavailableError);
      expect(refused.message).toMatch(
        /^storage: cannot open postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+: .*password/,
      );
      expect(refused.message).not.toContain('wrong-Pa55word');

      // A port nobody listens on: the server's own port, with the server stopped.
      await t.server.halt();
      try {
        const down = await openStorage({ dataDir: db.options.dataDir, databaseUrl: url }).catch((e) => e);
        expect(down).toBeInstanceOf(StorageUnavailableError);
        expect(down.message).toContain('ECONNREFUSED');
        expect(`${down.message} ${down.stack}`).not.toContain(t.server.password);
      } finally {
        await t.server.start();
      }
    });
  },
  ['postgres'],
);
