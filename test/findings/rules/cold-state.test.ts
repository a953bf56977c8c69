import { describe, expect, it } from 'vitest';
import { coldStateRule } from '../../../electron/findings/rules/cold-state';
import type { Redis } from '../../../shared/snapshot';
import { nodeSnapshot } from '../history-helpers';
import { evaluate, ticks } from './builders';

function redis(keys: number[]): Redis {
  return {
    version: '6.3.4',
    uptimeSeconds: 100,
    usedMemoryBytes: 1_183_744,
    connectedClients: 6,
    databases: keys.map((count, db) => ({ db, keys: count, expires: 0, avgTtlMs: 0 })),
    watched: [],
    missing: {},
  };
}

function run(keysAt: (index: number) => number[] | null) {
  return ticks(12, (index) => {
    const keys = keysAt(index);
    const missing = { ...nodeSnapshot().missing };
    if (keys === null) missing.redis = { kind: 'channel-down', detail: 'refused' };
    else delete missing.redis;
    const node = () => nodeSnapshot({ redis: keys === null ? null : redis(keys), missing });
    return { vk01: node(), vk02: node() };
  });
}

describe('cold-state', () => {
  it('reports every database empty on both nodes, DB0–DB3', () => {
    const drafts = evaluate(
      coldStateRule,
      run(() => [0, 0, 0, 0]),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'redis',
      severity: 'INFO',
      title: 'All Redis databases empty on vk01 and vk02 (DB0–DB3)',
      numbers: { nodes: 2, databases: 4, keys: 0 },
      actions: ['redis.diagnostics'],
    });
  });

  it('stays silent with keys, when empty only briefly, and when Redis is unread', () => {
    expect(
      evaluate(
        coldStateRule,
        run(() => [0, 3, 0, 0]),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        coldStateRule,
        run((index) => (index < 5 ? [1, 0, 0, 0] : [0, 0, 0, 0])),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        coldStateRule,
        run(() => null),
      ),
    ).toEqual([]);
  });
});
