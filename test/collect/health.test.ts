import { describe, expect, it } from 'vitest';
import {
  fleetVerdict,
  initialHealth,
  nextHealth,
  type ChannelHealth,
} from '../../electron/collect/health';

const refused = { kind: 'socket' as const, message: 'connect ECONNREFUSED 127.0.0.12:22' };
const start = new Date('2026-12-03T08:00:00Z');

function observe(sequence: ('ok' | 'fail')[]): ChannelHealth[] {
  const states: ChannelHealth[] = [];
  let health = initialHealth(start);
  sequence.forEach((outcome, tick) => {
    health = nextHealth(
      health,
      outcome === 'ok' ? null : refused,
      new Date(start.getTime() + tick * 5000),
    );
    states.push(health);
  });
  return states;
}

describe('channel health', () => {
  it('is unknown until the first answer, then up', () => {
    expect(initialHealth(start).state).toBe('unknown');
    expect(observe(['ok']).map((health) => health.state)).toEqual(['up']);
  });

  it('goes down on the second failed tick in a row, through degraded', () => {
    expect(observe(['ok', 'fail', 'fail', 'fail']).map((health) => health.state)).toEqual([
      'up',
      'degraded',
      'down',
      'down',
    ]);
  });

  it('does not flap on a single lost answer', () => {
    expect(observe(['ok', 'fail', 'ok', 'ok']).map((health) => health.state)).toEqual([
      'up',
      'degraded',
      'degraded',
      'up',
    ]);
  });

  it('comes back up after two good ticks and forgets the error', () => {
    const states = observe(['fail', 'fail', 'ok', 'ok']);
    expect(states.map((health) => health.state)).toEqual(['unknown', 'down', 'degraded', 'up']);
    expect(states[2]?.lastError).toEqual(refused);
    expect(states[3]?.lastError).toBeNull();
  });

  it('records when the state last changed', () => {
    const states = observe(['ok', 'fail', 'fail', 'fail']);
    expect(states[3]?.since).toBe(states[2]?.since);
    expect(states[2]?.since).toBe('2026-12-03T08:00:10.000Z');
  });
});

describe('the fleet verdict', () => {
  it('blames the workstation when every channel of every node is down', () => {
    const verdict = fleetVerdict({
      vk01: { ssh: 'down', redis: 'down' },
      vk02: { ssh: 'down', postgres: 'down' },
      vk03: { ssh: 'down' },
    });
    expect(verdict?.kind).toBe('all-unreachable');
    expect(verdict?.message).toContain('all 3 nodes');
  });

  it('points at the SSH path when SSH fails everywhere but other channels answer', () => {
    const verdict = fleetVerdict({
      vk01: { ssh: 'down', http: 'up' },
      vk02: { ssh: 'down', http: 'up' },
      vk03: { ssh: 'down', http: 'down' },
    });
    expect(verdict?.kind).toBe('ssh-unreachable-everywhere');
  });

  it('says nothing when a single node is down', () => {
    expect(
      fleetVerdict({ vk01: { ssh: 'up' }, vk02: { ssh: 'down' }, vk03: { ssh: 'up' } }),
    ).toBeNull();
  });
});
