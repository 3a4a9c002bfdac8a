// A daemon's use of storage cut short: crash-recovery.test.ts runs this in a child process and kills it
// with SIGKILL once it prints `ready`, with some history flushed and some still queued.
import { type OpenStorageOptions, openStorage } from '../../../src/adapters/storage';
import { fill, newOrder, session } from './storage-fixtures';

const options = JSON.parse(process.argv[2] ?? '{}') as OpenStorageOptions;
// An hour between flushes: only the explicit flush below writes anything.
const storage = await openStorage({ ...options, queue: { flushIntervalMs: 3_600_000 } });
await storage.startSession(session({ uuid: 'crashed-run' }));
for (let n = 1; n <= 3; n++) await storage.recordOrder(newOrder(n));
for (let n = 1; n <= 5; n++) storage.enqueue({ kind: 'fill', atMs: n, fill: fill(n) });
await storage.flush();
for (let n = 6; n <= 10; n++) storage.enqueue({ kind: 'fill', atMs: n, fill: fill(n) });
storage.enqueue({ kind: 'transition', atMs: 11, from: 'ready', to: 'acting', reason: null });
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000); // wait for the kill
