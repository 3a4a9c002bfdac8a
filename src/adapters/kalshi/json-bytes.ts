// Strict JSON tokens read straight from a frame's bytes for the orderbook frame scanner: whitespace,
// punctuation, plain unsigned integers, escape-free strings, exact decimals, skipped scalars. Each
// reader refuses (false, -1 or NaN) whatever it does not recognise exactly, and the scanner then
// defers to JSON.parse: these need not accept all that JSON allows, only never accept what it refuses
// nor read a value differently.
//
// Everything the scanner needs is a method here, and the byte constants stay module-local: under tsx
// (how the daemon runs) every use of an imported binding is a getter call, too slow per byte.

const FAIL = -1;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** Plain-ASCII bytes of a key or literal, to compare against the wire. */
export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

const TRUE = ascii('true');
const FALSE = ascii('false');
const NULL = ascii('null');
const POW10 = [1, 10, 100, 1_000, 10_000];
const EMPTY: Uint8Array = Buffer.alloc(0);

/** Bytes that end a string scan: the closing quote, and what the fast path refuses (see `string`). */
const STOP = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) STOP[c] = 1;
STOP[QUOTE] = 1;
STOP[BACKSLASH] = 1;
const STOP_ASCII = STOP.slice();
STOP_ASCII.fill(1, 0x80);

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;

/**
 * The keys one object may hold, grouped by first byte; a key's code is its 1-based position. Each
 * word carries its closing quote, so a match also proves where the key ends.
 */
export class KeyTable {
  readonly words: Uint8Array[][] = Array.from({ length: 256 }, () => []);
  readonly codes: number[][] = Array.from({ length: 256 }, () => []);

  constructor(keys: readonly string[]) {
    keys.forEach((key, i) => {
      const first = key.charCodeAt(0);
      this.words[first]!.push(ascii(`${key}"`));
      this.codes[first]!.push(i + 1);
    });
  }
}

export class ByteCursor {
  bytes: Uint8Array = EMPTY;
  pos = 0;
  /** Contents (between the quotes) of the last string read. */
  strStart = 0;
  strEnd = 0;

  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.pos = 0;
  }

  /** Skips JSON whitespace; the next byte, or FAIL at the end. */
  peek(): number {
    const b = this.bytes;
    const end = b.length;
    let p = this.pos;
    while (p < end) {
      const c = b[p]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        this.pos = p;
        return c;
      }
      p++;
    }
    this.pos = p;
    return FAIL;
  }

  /** True when only whitespace is left. */
  atEnd(): boolean {
    return this.peek() === FAIL;
  }

  atString(): boolean {
    return this.peek() === QUOTE;
  }

  // Punctuation: each consumes its byte after whitespace, or answers false and consumes nothing.
  openObject(): boolean {
    return this.eat(LBRACE);
  }

  closeObject(): boolean {
    return this.eat(RBRACE);
  }

  openArray(): boolean {
    return this.eat(LBRACKET);
  }

  closeArray(): boolean {
    return this.eat(RBRACKET);
  }

  comma(): boolean {
    return this.eat(COMMA);
  }

  colon(): boolean {
    return this.eat(COLON);
  }

  /**
   * A string with no escape and no control character (JSON.parse refuses those raw); `asciiOnly`
   * also refuses bytes ≥ 0x80, for strings whose characters are used and not just skipped.
   */
  string(asciiOnly: boolean): boolean {
    if (this.peek() !== QUOTE) return false;
    const b = this.bytes;
    const end = b.length;
    const start = this.pos + 1;
    // One table load per byte; a plain byte is by far the common case.
    const stop = asciiOnly ? STOP_ASCII : STOP;
    let p = start;
    while (p < end && stop[b[p]!] === 0) p++;
    if (p === end || b[p] !== QUOTE) return false;
    this.strStart = start;
    this.strEnd = p;
    this.pos = p + 1;
    return true;
  }

  /** The next `"key":` as its code in `table`: 0 for a key not in it, -1 when unreadable. */
  key(table: KeyTable): number {
    if (this.peek() !== QUOTE) return -1;
    const b = this.bytes;
    const start = this.pos + 1;
    // Known keys are matched in place, in one pass; only another key is scanned as a string.
    const words = table.words[b[start]!];
    if (words !== undefined) {
      for (let k = 0; k < words.length; k++) {
        const word = words[k]!;
        const len = word.length;
        let i = 0;
        while (i < len && b[start + i] === word[i]) i++;
        if (i === len) {
          this.pos = start + len;
          return this.eat(COLON) ? table.codes[b[start]!]![k]! : -1;
        }
      }
    }
    return this.string(true) && this.eat(COLON) ? 0 : -1;
  }

  /**
   * Consumes `word` when the bytes at the cursor are exactly it (no whitespace skipped): a run of
   * punctuation and keys checked in one loop instead of token by token.
   */
  literal(word: Uint8Array): boolean {
    const b = this.bytes;
    const p = this.pos;
    const len = word.length;
    if (p + len > b.length) return false;
    for (let i = 0; i < len; i++) if (b[p + i] !== word[i]) return false;
    this.pos = p + len;
    return true;
  }

  /** True when the last string read is exactly `word`. */
  stringIs(word: Uint8Array): boolean {
    const start = this.strStart;
    if (this.strEnd - start !== word.length) return false;
    const b = this.bytes;
    for (let i = 0; i < word.length; i++) if (b[start + i] !== word[i]) return false;
    return true;
  }

  /**
   * `0` or a digit run without a leading zero up to Number.MAX_SAFE_INTEGER: texts JSON.parse reads
   * as that same safe integer. (Beyond 2^53 the running value rounds, but never below 2^53, so the
   * limit check still refuses it.) A fraction or exponent after it is left for the caller's next
   * structural check to refuse.
   */
  uint(): number {
    this.peek();
    const b = this.bytes;
    const end = b.length;
    const start = this.pos;
    let p = start;
    let value = 0;
    while (p < end && isDigit(b[p]!)) value = value * 10 + (b[p++]! - ZERO);
    const len = p - start;
    if (len === 0 || (len > 1 && b[start] === ZERO) || value > Number.MAX_SAFE_INTEGER) return FAIL;
    this.pos = p;
    return value;
  }

  /** Consumes the literal `null`. */
  null(): boolean {
    return this.word(NULL);
  }

  /**
   * A decimal string's value scaled by 10^decimals, in one pass: parseFixed's grammar and arithmetic
   * (fixed-point.ts), so the same integer for every string, and NaN wherever it answers NaN. On NaN
   * nothing is consumed, so the caller's next structural check fails too. `decimals` is at most 4.
   */
  decimal(decimals: number): number {
    if (this.peek() !== QUOTE) return Number.NaN;
    const b = this.bytes;
    const end = b.length;
    let p = this.pos + 1;
    const negative = b[p] === MINUS;
    if (negative) p++;
    const intStart = p;
    let intPart = 0;
    while (p < end && isDigit(b[p]!)) intPart = intPart * 10 + (b[p++]! - ZERO);
    if (p === intStart) return Number.NaN; // "", "-", ".5"
    let frac = 0;
    let fracDigits = 0;
    if (b[p] === DOT) {
      p++;
      while (p < end && isDigit(b[p]!)) {
        frac = frac * 10 + (b[p++]! - ZERO);
        fracDigits++;
      }
      // "5." and digits we cannot hold (even zeros: no Kalshi field carries more than its decimals)
      if (fracDigits === 0 || fracDigits > decimals) return Number.NaN;
    }
    if (b[p] !== QUOTE) return Number.NaN;
    this.pos = p + 1;
    const value = intPart * POW10[decimals]! + frac * POW10[decimals - fracDigits]!;
    if (!Number.isSafeInteger(value)) return Number.NaN;
    return negative && value !== 0 ? -value : value;
  }

  /** Skips a string, number, true, false or null; false for anything else (objects, arrays). */
  skipScalar(): boolean {
    const c = this.peek();
    if (c === QUOTE) return this.string(false);
    if (c === 0x74) return this.word(TRUE);
    if (c === 0x66) return this.word(FALSE);
    if (c === 0x6e) return this.word(NULL);
    return this.skipNumber();
  }

  /** -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
  private skipNumber(): boolean {
    const b = this.bytes;
    let p = this.pos;
    if (b[p] === MINUS) p++;
    if (b[p] === ZERO) p++;
    else if (p < b.length && isDigit(b[p]!)) while (p < b.length && isDigit(b[p]!)) p++;
    else return false;
    if (b[p] === DOT) {
      const first = ++p;
      while (p < b.length && isDigit(b[p]!)) p++;
      if (p === first) return false;
    }
    if (b[p] === 0x65 || b[p] === 0x45) {
      p++;
      if (b[p] === 0x2b || b[p] === MINUS) p++;
      const first = p;
      while (p < b.length && isDigit(b[p]!)) p++;
      if (p === first) return false;
    }
    this.pos = p;
    return true;
  }

  private eat(c: number): boolean {
    if (this.peek() !== c) return false;
    this.pos++;
    return true;
  }

  private word(w: Uint8Array): boolean {
    const b = this.bytes;
    const p = this.pos;
    if (p + w.length > b.length) return false;
    for (let i = 0; i < w.length; i++) if (b[p + i] !== w[i]) return false;
    this.pos = p + w.length;
    return true;
  }
}
