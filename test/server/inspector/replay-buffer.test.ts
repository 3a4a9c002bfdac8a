import { describe, expect, it } from 'vitest';
import type { EncodedFrame } from '../../../src/server/inspector/inspection-frame';
import { ReplayBuffer } from '../../../src/server/inspector/replay-buffer';

const actor = (sessionId: string, parentId?: string, status = 'active'): EncodedFrame => ({
  type: '@xstate.actor',
  sessionId,
  status,
  ...(parentId === undefined ? {} : { parentId }),
  json: `actor ${sessionId}`,
  trimmed: false,
});
const snapshot = (sessionId: string, label: string, status = 'active'): EncodedFrame => ({
  type: '@xstate.snapshot',
  sessionId,
  status,
  json: `snapshot ${sessionId} ${label}`,
  trimmed: false,
});
const event = (label: string): EncodedFrame => ({
  type: '@xstate.event',
  sessionId: 'x:0',
  json: `event ${label}`,
  trimmed: false,
});

describe('ReplayBuffer', () => {
  it('replays every actor with only its latest snapshot, in the original order', () => {
    const buffer = new ReplayBuffer({ maxEvents: 10, maxActors: 10 });
    buffer.add(actor('x:0'));
    buffer.add(snapshot('x:0', 'first'));
    buffer.add(actor('x:1', 'x:0'));
    buffer.add(event('GO'));
    buffer.add(snapshot('x:0', 'second'));
    expect(buffer.frames()).toEqual(['actor x:0', 'actor x:1', 'event GO', 'snapshot x:0 second']);
  });

  it('keeps only the last maxEvents events', () => {
    const buffer = new ReplayBuffer({ maxEvents: 3, maxActors: 10 });
    for (let i = 0; i < 2_000; i++) buffer.add(event(String(i)));
    expect(buffer.frames()).toEqual(['event 1997', 'event 1998', 'event 1999']);
    expect(buffer.stats().events).toBe(3);
  });

  it('ignores snapshots of actors it does not know', () => {
    const buffer = new ReplayBuffer({ maxEvents: 10, maxActors: 10 });
    buffer.add(snapshot('x:9', 'orphan'));
    expect(buffer.frames()).toEqual([]);
  });

  it('evicts finished children first, then the oldest children, never a root while children remain', () => {
    const buffer = new ReplayBuffer({ maxEvents: 10, maxActors: 3 });
    buffer.add(actor('x:0'));
    buffer.add(actor('x:1', 'x:0'));
    buffer.add(actor('x:2', 'x:0'));
    buffer.add(snapshot('x:2', 'stop', 'stopped'));
    buffer.add(actor('x:3', 'x:0'));
    expect(buffer.frames()).toEqual(['actor x:0', 'actor x:1', 'actor x:3']);
    buffer.add(actor('x:4', 'x:0'));
    expect(buffer.frames()).toEqual(['actor x:0', 'actor x:3', 'actor x:4']);
  });
});
