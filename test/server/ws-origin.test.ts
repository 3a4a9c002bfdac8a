import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from '../../src/server/ws-origin';

describe('isOriginAllowed', () => {
  const allowed = ['http://console.example:5173'];

  it('allows clients without an Origin (non-browser)', () => {
    expect(isOriginAllowed(undefined, '127.0.0.1:8005', [])).toBe(true);
  });

  it('allows the same origin as the Host, default ports included', () => {
    expect(isOriginAllowed('http://127.0.0.1:8005', '127.0.0.1:8005', [])).toBe(true);
    expect(isOriginAllowed('http://LOCALHOST', 'localhost:80', [])).toBe(true);
    expect(isOriginAllowed('https://daemon.example', 'daemon.example', [])).toBe(true);
  });

  it('allows listed origins and refuses the rest', () => {
    expect(isOriginAllowed('http://console.example:5173', '127.0.0.1:8005', allowed)).toBe(true);
    expect(isOriginAllowed('http://console.example:5174', '127.0.0.1:8005', allowed)).toBe(false);
    expect(isOriginAllowed('http://evil.example', '127.0.0.1:8005', allowed)).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:9999', '127.0.0.1:8005', allowed)).toBe(false);
  });

  it('refuses opaque and non-http origins', () => {
    expect(isOriginAllowed('null', '127.0.0.1:8005', ['null'])).toBe(false);
    expect(isOriginAllowed('file://', '127.0.0.1:8005', [])).toBe(false);
    expect(isOriginAllowed('chrome-extension://abc', 'abc', [])).toBe(false);
  });
});
