import { describe, expect, it } from 'vitest';
import { exposureWarning, isLoopbackBind } from '../../src/config/bind-exposure';

describe('isLoopbackBind', () => {
  it('is true only for addresses that never leave the machine', () => {
    for (const host of ['localhost', '127.0.0.1', '127.0.0.53', '::1', '[::1]']) {
      expect(isLoopbackBind(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.7', 'trader.lan', 'fe80::1', '']) {
      expect(isLoopbackBind(host), host).toBe(false);
    }
  });
});

describe('exposureWarning', () => {
  it('says nothing on loopback', () => {
    expect(exposureWarning({ host: '127.0.0.1', allowedHosts: [] })).toBeUndefined();
  });

  it('names the address and the hosts that will be served', () => {
    expect(exposureWarning({ host: '0.0.0.0', allowedHosts: ['trader.lan', '.example.com'] })).toBe(
      'listening on 0.0.0.0, reachable from the network: the API, console and feed are readable by anyone ' +
        'who can connect, commands need the control token, and only requests naming loopback, 0.0.0.0 or ' +
        'trader.lan, .example.com are served (V3_ALLOWED_HOSTS)',
    );
  });
});
