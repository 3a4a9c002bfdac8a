// The simulator engine's public entry point.

export { isValidPrice } from './price-grid';
export { createSeededRandom } from './rng';
export type { SimExchangeEngine, SimExchangeOptions } from './sim-exchange';
export { createSimExchange } from './sim-exchange';
export type * from './types';
