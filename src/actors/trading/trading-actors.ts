// The root machine's trading promise actors: connect (prove auth, read exchange status) and initial sync.
import { fromPromise } from 'xstate';
import type { ConnectTradingOutput, InitialSyncOutput } from '../../machines/trader.events';
import type { TradingService } from './trading-ports';

export function createConnectTradingActor(service: Pick<TradingService, 'connect'>) {
  return fromPromise<ConnectTradingOutput>(() => service.connect());
}

export function createInitialSyncActor(service: Pick<TradingService, 'fullSync'>) {
  return fromPromise<InitialSyncOutput>(async () => {
    const { atMs, changes } = await service.fullSync();
    return { atMs, changes };
  });
}
