// Leading-and-trailing throttle: the first call runs at once, calls during the cool-down collapse into one.

export interface Throttle {
  trigger(): void;
  cancel(): void;
}

export function createThrottle(fn: () => void, intervalMs: number): Throttle {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const coolDown = () => {
    timer = setTimeout(() => {
      timer = undefined;
      if (!pending) return;
      pending = false;
      fn();
      coolDown();
    }, intervalMs);
    timer.unref?.();
  };
  return {
    trigger() {
      if (intervalMs <= 0) return fn();
      if (timer !== undefined) {
        pending = true;
        return;
      }
      fn();
      coolDown();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = false;
    },
  };
}
