import { describe, expect, it } from 'vitest';
import { channelUnreachableRule } from '../../../electron/findings/rules/channel-unreachable';
import { resolveThresholds } from '../../../electron/findings/types';
import type { ChannelError, NodeSnapshot } from '../../../shared/snapshot';
import {
  downChannel,
  historyFrom,
  MINUTE_MS,
  nodeSnapshot,
  reachability,
  snapshotsEvery,
} from '../history-helpers';

const thresholds = resolveThresholds(channelUnreachableRule);
const timeout: ChannelError = { kind: 'timeout', message: 'ssh: timed out after 5000 ms' };
const portainer = {
  name: 'portainer',
  url: 'https://x:9443',
  status: 200,
  latencyMs: 20,
  error: null,
};

function node(sshDown: boolean): NodeSnapshot {
  return nodeSnapshot({
    reachability: reachability(sshDown ? { ssh: downChannel(timeout) } : {}),
    endpoints: [portainer],
  });
}

/** `count` ticks a minute apart; `down(node, index)` says whether SSH is down. */
function run(count: number, down: (node: string, index: number) => boolean) {
  const snapshots = snapshotsEvery('2026-02-18T21:45:00-03:00', MINUTE_MS, count, (index) => ({
    vk01: node(down('vk01', index)),
    vk02: node(down('vk02', index)),
    vk03: node(down('vk03', index)),
  }));
  return channelUnreachableRule.evaluate(historyFrom(snapshots), thresholds);
}

describe('channel-unreachable', () => {
  it('names SSH down on all 3 nodes, and Portainer still answering', () => {
    const drafts = run(9, (_, index) => index >= 1);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'all-nodes/ssh',
      severity: 'WARNING',
      title: 'SSH unreachable on all 3 nodes',
      numbers: { nodesDown: 3, downMinutes: 7 },
      nodes: ['vk01', 'vk02', 'vk03'],
      actions: ['node.openPortainer'],
    });
    expect(drafts[0]!.detail).toContain('timeout: ssh: timed out after 5000 ms');
    expect(drafts[0]!.detail).toContain('portainer on vk01');
  });

  it('names one node when only its SSH fails', () => {
    const drafts = run(5, (name) => name === 'vk02');
    expect(drafts.map((item) => item.subject)).toEqual(['vk02/ssh']);
    expect(drafts[0]!.title).toBe('SSH unreachable on vk02');
  });

  it('stays silent on healthy data and on one failed tick (borderline)', () => {
    expect(run(5, () => false)).toEqual([]);
    expect(run(5, (_, index) => index === 4)).toEqual([]);
    expect(run(5, (_, index) => index >= 3)).toEqual([]); // down 1 min, 2 needed
  });

  it('says nothing about channels the fleet file does not configure', () => {
    const notConfigured: ChannelError = { kind: 'not-configured', message: 'no Redis settings' };
    const snapshots = snapshotsEvery('2026-02-18T21:45:00-03:00', MINUTE_MS, 6, () => ({
      vk03: nodeSnapshot({ reachability: reachability({ redis: downChannel(notConfigured) }) }),
      vk01: nodeSnapshot(),
    }));
    expect(channelUnreachableRule.evaluate(historyFrom(snapshots), thresholds)).toEqual([]);
  });

  it('reports a node down on every channel once, not once per channel', () => {
    const allDown = Object.fromEntries(
      ['ssh', 'postgres', 'redis', 'http', 'prometheus', 'rabbitmq'].map((name) => [
        name,
        downChannel({ kind: 'socket', message: 'connect EHOSTUNREACH' }),
      ]),
    );
    const snapshots = snapshotsEvery('2026-02-18T21:33:30-03:00', MINUTE_MS, 5, () => ({
      vk01: nodeSnapshot({ reachability: reachability(allDown) }),
      vk02: nodeSnapshot(),
    }));
    const drafts = channelUnreachableRule.evaluate(historyFrom(snapshots), thresholds);
    expect(drafts.map((item) => item.subject)).toEqual(['vk01/all-channels']);
    expect(drafts[0]!.numbers).toMatchObject({ channelsDown: 6, downMinutes: 4 });
  });
});
