// Exact fixed-point conversion between Kalshi's decimal strings and integers. No floats touch a price,
// a size or an amount of money: a value is parsed once at the edge and stays an integer inside.
//
// Units used across the project:
// - price: ticks of $0.0001        ("0.5600"  -> 5600,   $1 = PRICE_ONE)
// - count: hundredths of a contract ("10.00"  -> 1000)
// - money: micro-dollars, Kalshi's full 6 decimals ("0.010000" -> 10000)

export const PRICE_DECIMALS = 4;
export const COUNT_DECIMALS = 2;
export const MONEY_DECIMALS = 6;
/** $1.00 in price ticks. */
export const PRICE_ONE = 10_000;
/** One whole contract in count units. */
export const COUNT_ONE = 100;
/** $1.00 in money units. */
export const MONEY_ONE = 1_000_000;

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/**
 * Parses a plain decimal string ("-12.34", "0.5600", "7") into an integer scaled by 10^decimals.
 * Strict, because a lenient parser is how a corrupted frame gets in: NaN for a leading `+`, spaces,
 * exponents, a bare or trailing `.`, and more fractional digits than `decimals` (even zeros: no
 * Kalshi field carries more than its protocol's decimals). Allocation-free: it walks char codes.
 */
export function parseFixed(text: string, decimals: number): number {
  const len = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const negative = i === 1;
  let intPart = 0;
  const intStart = i;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) break;
    if (c < 48 || c > 57) return Number.NaN;
    intPart = intPart * 10 + (c - 48);
  }
  if (i === intStart) return Number.NaN; // no integer digit: "", "-", ".5"
  let frac = 0;
  let fracDigits = 0;
  if (i < len) {
    i++; // skip '.'
    if (i === len || len - i > decimals) return Number.NaN; // "5." or digits we cannot hold
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      frac = frac * 10 + (c - 48);
      fracDigits++;
    }
  }
  const scale = POW10[decimals] ?? 10 ** decimals;
  const value = intPart * scale + frac * (POW10[decimals - fracDigits] ?? 10 ** (decimals - fracDigits));
  if (!Number.isSafeInteger(value)) return Number.NaN;
  return negative && value !== 0 ? -value : value;
}

/**
 * Like parseFixed but also accepts a JSON number (some Kalshi frames send numbers where the
 * spec says strings). Numbers go through their shortest decimal text, so 0.56 parses as 5600 and
 * anything JavaScript prints with an exponent (1e-7, 1e21) is refused like the string would be.
 */
export function parseFixedLoose(value: unknown, decimals: number): number {
  if (typeof value === 'string') return parseFixed(value, decimals);
  if (typeof value === 'number' && Number.isFinite(value)) return parseFixed(String(value), decimals);
  return Number.NaN;
}

/** Formats an integer scaled by 10^decimals as a decimal string with `outDecimals` places. */
export function formatFixed(value: number, decimals: number, outDecimals = decimals): string {
  const negative = value < 0;
  const abs = negative ? -value : value;
  const scale = POW10[decimals] ?? 10 ** decimals;
  const intPart = Math.floor(abs / scale);
  let frac = abs - intPart * scale;
  let fracText: string;
  if (outDecimals >= decimals) {
    fracText = String(frac).padStart(decimals, '0') + '0'.repeat(outDecimals - decimals);
  } else {
    // Dropping digits must not lose information silently: only truncate zeros.
    const drop = POW10[decimals - outDecimals] ?? 10 ** (decimals - outDecimals);
    if (frac % drop !== 0) return formatFixed(value, decimals, decimals);
    frac = frac / drop;
    fracText = String(frac).padStart(outDecimals, '0');
  }
  const sign = negative && abs !== 0 ? '-' : '';
  return outDecimals === 0 ? `${sign}${intPart}` : `${sign}${intPart}.${fracText}`;
}

export const parsePrice = (text: string): number => parseFixed(text, PRICE_DECIMALS);
export const parseCount = (text: string): number => parseFixed(text, COUNT_DECIMALS);
export const parseMoney = (text: string): number => parseFixed(text, MONEY_DECIMALS);

/** "0.5600" */
export const formatPrice = (ticks: number): string => formatFixed(ticks, PRICE_DECIMALS);
/** "10.00" */
export const formatCount = (centi: number): string => formatFixed(centi, COUNT_DECIMALS);
/** "0.010000" (Kalshi's 6-decimal money), or fewer places where a field uses 4. */
export const formatMoney = (micros: number, outDecimals = MONEY_DECIMALS): string =>
  formatFixed(micros, MONEY_DECIMALS, outDecimals);

/** The complementary price: a YES price p is a NO price of $1 − p. */
export const complementPrice = (ticks: number): number => PRICE_ONE - ticks;

/** Cost in money units of `count` (centi-contracts) at `price` (ticks), exact. */
export const notional = (priceTicks: number, countCenti: number): number =>
  // ticks * centi = 1e-4 $ * 1e-2 contracts = 1e-6 $ per (tick·centi): already micro-dollars.
  priceTicks * countCenti;

/** Money (micro-dollars) to integer cents, rounding toward zero (Kalshi's integer balance fields). */
export const moneyToCents = (micros: number): number => Math.trunc(micros / 10_000);
