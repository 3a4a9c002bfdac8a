// SQLite only: the data directory, WAL mode, and the order row committed inside the recordOrder call.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, SQLITE_FILE_NAME, StorageUnavailableError } from '../../../src/adapters/storage';
import type { StoragePort } from '../../../src/domain/storage-port';
import { newOrder, session } from './storage-fixtures';

describe('sqlite storage', () => {
  let root: string;
  let storage: StoragePort | undefined;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kalshi-trader-sqlite-'));
  });
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('creates a missing data directory and keeps its database there in WAL mode', async () => {
    const dataDir = join(root, 'nested', '.data');
    storage = await openStorage({ dataDir });
    expect(storage.backend).toBe('sqlite');
    expect(storage.location).toBe(join(dataDir, SQLITE_FILE_NAME));
    const db = new Database(storage.location, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('says in one line why a data directory cannot be used', async () => {
    const blocker = join(root, 'a-file');
    await writeFile(blocker, 'not a directory');
    const error = await openStorage({ dataDir: join(blocker, 'data') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(
      /^storage: cannot create the data directory .*a-file\/data: .*ENOTDIR/,
    );
    expect((error as Error).message).not.toContain('\n');
  });

  it('has committed the order row before recordOrder even returns its promise', async () => {
    storage = await openStorage({ dataDir: root });
    await storage.startSession(session());
    const reader = new Database(storage.location, { readonly: true });
    try {
      const recorded = storage.recordOrder(newOrder(1));
      // Same tick, another connection: no await has happened yet, and the row is there.
      expect(reader.prepare('SELECT client_order_id FROM orders').all()).toEqual([
        { client_order_id: 'kt-1' },
      ]);
      expect(await recorded).toBe(true);
    } finally {
      reader.close();
    }
  });
});
