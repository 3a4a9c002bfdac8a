// Display formatting for the console: prices and money arrive as exact decimal strings and stay exact.

/** "0.4500" → 4500 ticks of $0.0001, exactly (string surgery, no float); null for anything else. */
export function priceTicks(dollars) {
  if (typeof dollars !== 'string' || !/^[01]\.\d{4}$/.test(dollars)) return null;
  return Number.parseInt(dollars.replace('.', ''), 10);
}

/** "0.4500" → "45.00¢". */
export function formatCents(dollars) {
  const ticks = priceTicks(dollars);
  if (ticks === null) return '—';
  return `${Math.trunc(ticks / 100)}.${String(ticks % 100).padStart(2, '0')}¢`;
}

/** Integer cents → "$1,234.56". */
export function centsToDollars(cents) {
  if (!Number.isInteger(cents)) return '—';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${cents < 0 ? '-' : ''}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "123.450000" → "$123.45" (cuts trailing zeros past cents, keeps sub-cent digits that matter). */
export function formatDollars(text) {
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) return '—';
  const negative = text.startsWith('-');
  const [whole, frac = ''] = text.replace('-', '').split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}$${whole}.${trimmed}`;
}

/** "10.00" → "10", "2.50" → "2.5": counts read better without trailing zeros. */
export function formatCount(fp) {
  if (typeof fp !== 'string' || !/^-?\d+(\.\d+)?$/.test(fp)) return '—';
  return fp.includes('.') ? fp.replace(/\.?0+$/, '') : fp;
}

/** Seconds → "42 s", "3 min", "2 h 5 min". */
export function formatDuration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** Milliseconds since `ms` as an age ("—" when never). */
export function formatAge(ms, nowMs) {
  if (typeof ms !== 'number') return '—';
  return formatDuration(Math.max(0, (nowMs - ms) / 1000));
}

/** "HH:MM:SS" in UTC for entries the page stamps itself, matching the daemon's activity timestamps. */
export function clock(ms) {
  const d = new Date(ms);
  return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}
