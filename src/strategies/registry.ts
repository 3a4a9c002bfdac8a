// The built-in strategies by name, each made from its (already checked) parameters.
import type { Strategy } from '../actors/strategy/strategy-types';
import { HOLD_STRATEGY } from './hold-strategy';
import { createMarketMaker } from './market-maker/market-maker.strategy';
import { MarketMakerParamsSchema } from './market-maker/market-maker-params';
import type { BuiltinStrategyName } from './strategy-params';

export const BUILTIN_FACTORIES: Record<BuiltinStrategyName, (params: unknown) => Strategy> = {
  hold: () => HOLD_STRATEGY,
  market_maker: (params) => createMarketMaker(MarketMakerParamsSchema.parse(params)),
};
