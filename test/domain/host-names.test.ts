import { describe, expect, it } from 'vitest';
import { hostnameOf, isLoopbackHostname, normalizeHostname } from '../../src/domain/host-names';

describe('hostnameOf', () => {
  it('reads a Host header as a browser would: case, port, trailing dot, IP forms', () => {
    expect(hostnameOf('LocalHost:8005')).toBe('localhost');
    expect(hostnameOf('localhost.')).toBe('localhost');
    expect(hostnameOf('127.1')).toBe('127.0.0.1');
    expect(hostnameOf('0x7f.1:80')).toBe('127.0.0.1');
    expect(hostnameOf('[0:0:0:0:0:0:0:1]:8005')).toBe('[::1]');
    expect(hostnameOf('[::ffff:127.0.0.1]')).toBe('[::ffff:7f00:1]');
  });

  it('refuses what is not a host: userinfo, paths, bad ports, bare IPv6, spaces', () => {
    for (const bad of [
      'evil.example@127.0.0.1',
      '127.0.0.1/x',
      '127.0.0.1#x',
      '127.0.0.1:99999',
      '::1',
      'a b',
      '',
      '%31%32%37.0.0.1',
      '[::1',
    ]) {
      expect(hostnameOf(bad), bad).toBeUndefined();
    }
  });
});

describe('normalizeHostname', () => {
  it('takes configured hosts with or without IPv6 brackets, never with a port', () => {
    expect(normalizeHostname('::1')).toBe('[::1]');
    expect(normalizeHostname('[::1]')).toBe('[::1]');
    expect(normalizeHostname('0.0.0.0')).toBe('0.0.0.0');
    expect(normalizeHostname('Trader.LAN')).toBe('trader.lan');
    expect(normalizeHostname('[::1]:80')).toBeUndefined();
    expect(normalizeHostname('trader.lan:80')).toBeUndefined();
  });
});

describe('isLoopbackHostname', () => {
  it('knows localhost, its subdomains, 127/8, ::1 and IPv4-mapped 127/8', () => {
    for (const h of ['localhost', 'app.localhost', '127.0.0.1', '127.255.3.4', '[::1]', '[::ffff:7f00:1]']) {
      expect(isLoopbackHostname(h), h).toBe(true);
    }
  });

  it('refuses everything else, look-alikes included', () => {
    for (const h of ['evil.example', 'localhost.evil.example', '127.0.0.1.evil.example', '0.0.0.0', '[::]']) {
      expect(isLoopbackHostname(h), h).toBe(false);
    }
    expect(isLoopbackHostname(hostnameOf('128.0.0.1') as string)).toBe(false);
    expect(isLoopbackHostname(hostnameOf('[::2]') as string)).toBe(false);
  });
});
