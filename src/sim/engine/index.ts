// The simulator engine's public entry point.

export { isValidPrice } from './price-grid';
export { createSeededRandom } from './rng';
export type { Determination, SimExchangeEngine, SimExchangeOptions } from './sim-exchange';
export { createSimExchange } from './sim-exchange';
export type * from './types';
