import { describe, expect, it } from 'vitest';
import { endpointDownRule } from '../../../electron/findings/rules/endpoint-down';
import type { Endpoint, NodeSnapshot } from '../../../shared/snapshot';
import { downChannel, nodeSnapshot, reachability } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

function endpoint(name: string, status: number): Endpoint {
  const url = `http://10.244.70.20:5050/${name}`;
  if (status !== 0) return { name, url, status, latencyMs: 4, error: null };
  const error = { kind: 'socket' as const, message: 'connect ECONNREFUSED 10.244.70.20:5050' };
  return { name, url, status, latencyMs: null, error };
}

function node(status: number, containers: NodeSnapshot['containers']): NodeSnapshot {
  return nodeSnapshot({ endpoints: [endpoint('pgadmin', status)], containers });
}

const exited = [containerWith('pgadmin', { state: 'exited', exitCode: 1 })];

describe('endpoint-down', () => {
  it('calls an endpoint whose container exited a failure (WARNING)', () => {
    const drafts = evaluate(
      endpointDownRule,
      ticks(4, () => ({ vk03: node(0, exited) })),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk03/pgadmin',
      severity: 'WARNING',
      title: 'vk03 pgadmin is down (status 0)',
      numbers: { status: 0, downMinutes: 3 },
      containers: ['pgadmin'],
      actions: ['container.restart', 'container.logs', 'node.openPortainer'],
    });
    expect(drafts[0]!.detail).toContain('container pgadmin is exited with code 1');
  });

  it('calls an endpoint with no container behind it not deployed (INFO)', () => {
    const drafts = evaluate(
      endpointDownRule,
      ticks(4, () => ({ vk01: node(0, []) })),
    );
    expect(drafts[0]).toMatchObject({
      severity: 'INFO',
      title: 'vk01 pgadmin is not deployed (status 0)',
    });
  });

  it('uses the last container list read while SSH is down', () => {
    const sshDown = { kind: 'timeout' as const, message: 'timed out' };
    const history = ticks(4, (index) => ({
      vk03:
        index < 2
          ? node(0, exited)
          : nodeSnapshot({
              reachability: reachability({ ssh: downChannel(sshDown) }),
              endpoints: [endpoint('pgadmin', 0)],
              containers: null,
              missing: {
                ...nodeSnapshot().missing,
                containers: { kind: 'channel-down', detail: 'ssh: timed out' },
              },
            }),
    }));
    expect(evaluate(endpointDownRule, history)[0]!.severity).toBe('WARNING');
  });

  it('stays silent when healthy, when the failure is one tick old, or on a 4xx', () => {
    expect(
      evaluate(
        endpointDownRule,
        ticks(4, () => ({ vk03: node(200, exited) })),
      ),
    ).toEqual([]);
    const lastOnly = ticks(4, (index) => ({ vk03: node(index === 3 ? 0 : 200, exited) }));
    expect(evaluate(endpointDownRule, lastOnly)).toEqual([]);
    expect(
      evaluate(
        endpointDownRule,
        ticks(4, () => ({ vk03: node(404, exited) })),
      ),
    ).toEqual([]);
  });
});
