import { describe, expect, it } from 'vitest';
import type { FindingView } from '../../../renderer/findings/use-findings';
import { findingMarks } from '../../../renderer/trends/finding-marks';

const TEMPERATURE = 'vk01|gpu:0|temperatureC';
const UTILIZATION = 'vk01|gpu:0|utilizationPct';

function finding(id: number, findingClass: string, subject: string, keys: string[]): FindingView {
  return {
    id,
    key: `${findingClass}|${subject}`,
    ruleId: findingClass,
    findingClass,
    subject,
    severity: 'INFO',
    title: 't',
    detail: 'd',
    numbers: {},
    evidence: {
      series: keys.map((key) => ({ key, fromMs: 1_000, toMs: 5_000 })),
      logLines: [],
      values: {},
    },
    nodes: ['vk01'],
    containers: [],
    actions: [],
    state: 'ongoing',
    firstSeen: '2026-02-19T00:00:00.000Z',
    lastSeen: '2026-02-19T00:00:00.000Z',
    resolvedAt: null,
    acknowledged: null,
    silencedUntil: null,
    suppressed: null,
  };
}

describe('finding marks on GPU charts', () => {
  const findings = [
    finding(1, 'gpu-thermal-cycling', 'vk01/gpu:0', [TEMPERATURE]),
    finding(2, 'gpu-thermal-cycling', 'vk01/gpu:0/steady', [TEMPERATURE]),
    finding(3, 'gpu-idle-loaded', 'vk01/gpu:0', [UTILIZATION, 'vk01|gpu:0|memoryUsedPct']),
    finding(4, 'endpoint-down', 'vk01/visualizer', [TEMPERATURE]),
  ];

  it('marks cycling on the temperature series its evidence read, not the steady comparison', () => {
    expect(findingMarks(findings, TEMPERATURE)).toEqual([
      { fromMs: 1_000, toMs: 5_000, kind: 'cycling', findingId: 1 },
    ]);
  });

  it('marks idle with models loaded on utilization; other series and classes get nothing', () => {
    expect(findingMarks(findings, UTILIZATION)).toEqual([
      { fromMs: 1_000, toMs: 5_000, kind: 'idleLoaded', findingId: 3 },
    ]);
    expect(findingMarks(findings, 'vk01|gpu:0|powerW')).toEqual([]);
  });
});
