// Kalshi's official client (kalshi-typescript 3.30.0) for a contract target. Every Api object gets a
// private axios instance: the SDK otherwise puts its signing interceptor on the global axios, and every
// client in the process would sign with the first key (protocol notes §7).
import axios from 'axios';
import { Configuration, MarketApi, OrdersApi, PortfolioApi } from 'kalshi-typescript';
import type { Connection } from './targets';

export function sdk(conn: Connection) {
  const config = new Configuration({
    apiKey: conn.credentials.keyId,
    privateKeyPem: conn.privateKeyPem,
    basePath: conn.restUrl,
  });
  return {
    market: new MarketApi(config, undefined, axios.create()),
    portfolio: new PortfolioApi(config, undefined, axios.create()),
    orders: new OrdersApi(config, undefined, axios.create()),
  };
}
