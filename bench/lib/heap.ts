// Heap measurement for benchmarks: a forced GC (without needing `node --expose-gc`) and a footprint
// that counts both the JS heap and typed-array backing stores, which V8 keeps outside it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFn: (() => void) | undefined;

/** global.gc when node runs with --expose-gc; otherwise the flag is set at runtime and gc is taken from a fresh context. */
export function forceGc(): void {
  if (gcFn === undefined) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (typeof existing === 'function') gcFn = existing;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  // Several passes: weak references and finalizers can keep garbage for one more cycle.
  for (let i = 0; i < 4; i++) gcFn();
}

/** Bytes retained: heapUsed plus arrayBuffers (typed arrays over 64 bytes live off the JS heap). */
export function footprint(): number {
  forceGc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
