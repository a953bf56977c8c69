import { describe, expect, it } from 'vitest';
import { asymmetricDeploymentRule } from '../../../electron/findings/rules/asymmetric-deployment';
import { nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

const shared = ['keydb', 'prometheus', 'cadvisor', 'visionking-inference', 'visionking-result'];
const running = (names: string[]) => names.map((name) => containerWith(name, {}));

function run(vk01: string[], vk02: string[], vk03 = ['database-server', 'pgadmin', 'backend']) {
  return ticks(12, () => ({
    vk01: nodeSnapshot({ containers: running(vk01) }),
    vk02: nodeSnapshot({ containers: running(vk02) }),
    vk03: nodeSnapshot({ containers: running(vk03) }),
  }));
}

describe('asymmetric-deployment', () => {
  it('names what only one peer runs, and leaves the dashboard node out', () => {
    const only02 = ['visionking-length-measure', 'rc-sis-surface', 'pm-sis-surface'];
    const drafts = evaluate(
      asymmetricDeploymentRule,
      run([...shared, 'visionking-plc-monitor'], [...shared, ...only02]),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'peers:vk01+vk02',
      severity: 'SUGGESTION',
      numbers: { peers: 2, servicesOnOneNode: 4 },
    });
    expect(drafts[0]!.detail).toContain('only vk01 runs visionking-plc-monitor');
    expect(drafts[0]!.detail).toContain(
      'only vk02 runs pm-sis-surface, rc-sis-surface and visionking-length-measure',
    );
    expect(drafts[0]!.detail).toContain('if vk02 goes down');
  });

  it('stays silent for symmetric peers, unrelated nodes and unread lists', () => {
    expect(evaluate(asymmetricDeploymentRule, run(shared, shared))).toEqual([]);
    expect(evaluate(asymmetricDeploymentRule, run(shared, ['a', 'b', 'c']))).toEqual([]);
    const unread = ticks(12, () => ({
      vk01: nodeSnapshot({ containers: running(shared) }),
      vk02: nodeSnapshot({
        containers: null,
        missing: { ...nodeSnapshot().missing, containers: { kind: 'channel-down', detail: 'x' } },
      }),
    }));
    expect(evaluate(asymmetricDeploymentRule, unread)).toEqual([]);
  });
});
