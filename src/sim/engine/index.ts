// The simulator engine's public entry point.

export type { SimMarketSpec } from './market-generator';
export { generateMarketSpecs } from './market-generator';
export { MAX_ORDER_COUNT } from './order-commands';
export type { PriceLevelStructure } from './price-grid';
export { isValidPrice, priceRangesFor } from './price-grid';
export { createSeededRandom } from './rng';
export type { Page, SimExchangeEngine, SimExchangeOptions, TopOfBook } from './sim-exchange';
export { createSimExchange } from './sim-exchange';
export type * from './types';
