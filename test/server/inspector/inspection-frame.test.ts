import type { StatelyInspectionEvent } from '@statelyai/inspect';
import { describe, expect, it } from 'vitest';
import { encodeInspectionFrame } from '../../../src/server/inspector/inspection-frame';
import { REDACTED } from '../../../src/server/inspector/safe-json';

const base = { rootId: 'x:0', createdAt: '1', id: 'i', _version: '0.7.2' };

const snapshotEvent = (context: unknown): StatelyInspectionEvent => ({
  ...base,
  type: '@xstate.snapshot',
  sessionId: 'x:0',
  event: { type: 'GO', payload: 'p' },
  snapshot: { status: 'active', value: 'b', context } as never,
});

const actorEvent = (definition: string): StatelyInspectionEvent => ({
  ...base,
  type: '@xstate.actor',
  sessionId: 'x:1',
  name: 'child',
  parentId: 'x:0',
  definition,
  snapshot: { status: 'active' },
});

describe('encodeInspectionFrame', () => {
  it('carries the event unchanged when it fits, with its routing facts', () => {
    const frame = encodeInspectionFrame(snapshotEvent({ n: 1 }), 10_000);
    expect(frame).toMatchObject({
      type: '@xstate.snapshot',
      sessionId: 'x:0',
      status: 'active',
      trimmed: false,
    });
    expect(JSON.parse(frame?.json ?? '')).toMatchObject({ snapshot: { value: 'b', context: { n: 1 } } });
  });

  it('notes the parent of an actor', () => {
    expect(encodeInspectionFrame(actorEvent('{"id":"child"}'), 10_000)).toMatchObject({ parentId: 'x:0' });
  });

  it('redacts secrets inside the definition string as data, without cutting a long definition', () => {
    const states = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`s${i}`, { on: { GO: `s${i + 1}` } }]),
    );
    const definition = JSON.stringify({ id: 'child', context: { token: 'secret-value' }, states });
    expect(definition.length).toBeGreaterThan(4_096);
    const json = encodeInspectionFrame(actorEvent(definition), 1_000_000)?.json ?? '';
    expect(json).not.toContain('secret-value');
    const parsed = JSON.parse(JSON.parse(json).definition);
    expect(parsed.context.token).toBe(REDACTED);
    expect(Object.keys(parsed.states)).toHaveLength(300);
  });

  it('cuts the context of an oversized snapshot before giving up on it', () => {
    const frame = encodeInspectionFrame(snapshotEvent({ blob: 'x'.repeat(3_000) }), 1_000);
    expect(frame?.trimmed).toBe(true);
    const parsed = JSON.parse(frame?.json ?? '');
    expect(parsed.snapshot.value).toBe('b');
    expect(parsed.snapshot.context).toMatch(/^\[context cut: frame was \d+ bytes\]$/);
    expect(Buffer.byteLength(frame?.json ?? '')).toBeLessThanOrEqual(1_000);
  });

  it('drops the definition first for an oversized actor event', () => {
    const frame = encodeInspectionFrame(
      actorEvent(JSON.stringify({ id: 'c', pad: 'y'.repeat(3_000) })),
      1_000,
    );
    expect(frame?.trimmed).toBe(true);
    expect(JSON.parse(frame?.json ?? '')).not.toHaveProperty('definition');
  });

  it('returns undefined when even the smallest version is over the cap', () => {
    expect(encodeInspectionFrame(snapshotEvent({ n: 1 }), 50)).toBeUndefined();
  });
});
