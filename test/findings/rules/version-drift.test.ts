import { describe, expect, it } from 'vitest';
import { versionDriftRule } from '../../../electron/findings/rules/version-drift';
import type { MissingMap } from '../../../shared/snapshot';
import { host, nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

function node(image: string, compose: string | null) {
  const missing: MissingMap = {};
  if (compose === null) missing.composeVersion = { kind: 'error', detail: 'x' };
  return nodeSnapshot({
    containers: [containerWith('visionking-inference', { image })],
    host: host({ composeVersion: compose, dockerVersion: '27.5.1', missing }),
  });
}

describe('version-drift', () => {
  it('finds the dev inference image on vk01 and three Compose versions', () => {
    const history = ticks(1, () => ({
      vk01: node('dev-visionking-inference:c014', '2.32.4'),
      vk02: node('visionking-inference:c009', '2.29.7'),
      vk03: node('visionking-inference:c009', '2.31.0'),
    }));
    const drafts = evaluate(versionDriftRule, history);
    expect(drafts.map((item) => [item.subject, item.severity])).toEqual([
      ['image:visionking-inference', 'INFO'],
      ['compose', 'SUGGESTION'],
    ]);
    expect(drafts[0]!.detail).toContain(
      'visionking-inference:c009 on vk02 and vk03, dev-visionking-inference:c014 on vk01',
    );
    expect(drafts[0]!.detail).toContain('a dev build');
    expect(drafts[1]!.detail).toContain('2.32.4 on vk01, 2.29.7 on vk02, 2.31.0 on vk03');
  });

  it('stays silent when peers agree, or when only one node can say', () => {
    const same = ticks(1, () => ({ vk01: node('a:1', '2.3'), vk02: node('a:1', '2.3') }));
    expect(evaluate(versionDriftRule, same)).toEqual([]);
    const unknown = ticks(1, () => ({ vk01: node('a:1', '2.3'), vk02: node('a:1', null) }));
    expect(evaluate(versionDriftRule, unknown)).toEqual([]);
  });
});
