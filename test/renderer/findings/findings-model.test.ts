import { describe, expect, it } from 'vitest';
import { findingView } from '../finding-view-factory';
import {
  evidenceTarget,
  filterFindings,
  groupIntoCycles,
} from '../../../renderer/findings/findings-model';
import type { FindingView } from '../../../renderer/findings/use-findings';
import { findingsToAlert } from '../../../renderer/components/alert-model';

const finding = findingView;

describe('findings by cycle', () => {
  it('group findings of the same minute, newest cycle first, WARNING first within', () => {
    const early = finding({ severity: 'SUGGESTION', firstSeen: '2026-02-18T21:53:40-03:00' });
    const warning = finding({ firstSeen: '2026-02-18T21:53:05-03:00' });
    const late = finding({ severity: 'INFO', firstSeen: '2026-02-18T22:08:00-03:00' });
    const cycles = groupIntoCycles([early, late, warning]);
    expect(cycles.map((cycle) => [cycle.at, cycle.severity])).toEqual([
      ['2026-02-19T01:08:00.000Z', 'INFO'],
      ['2026-02-19T00:53:00.000Z', 'WARNING'],
    ]);
    expect(cycles[1]?.findings).toEqual([warning, early]);
  });

  it('filter by severity, node and state', () => {
    const open = finding({ nodes: ['vk01', 'vk02'] });
    const resolved = finding({ state: 'resolved', nodes: ['vk01'] });
    const info = finding({ severity: 'INFO', nodes: ['vk03'] });
    const all = [open, resolved, info];
    const every = new Set(['WARNING', 'INFO', 'SUGGESTION'] as const);
    expect(filterFindings(all, { severities: every, node: '', state: 'open' })).toEqual([
      open,
      info,
    ]);
    expect(filterFindings(all, { severities: every, node: 'vk01', state: 'all' })).toEqual([
      open,
      resolved,
    ]);
    const warnings = new Set(['WARNING'] as const);
    expect(filterFindings(all, { severities: warnings, node: '', state: 'resolved' })).toEqual([
      resolved,
    ]);
  });

  it('send evidence to the chart of its kind', () => {
    expect(evidenceTarget('vk01|gpu:0|temperatureC')).toBe('gpus');
    expect(evidenceTarget('vk02|container:visionking-visualizer|memoryBytes')).toBe('containers');
    expect(evidenceTarget('vk01|disk:/|usedPct')).toBe('nodes');
  });
});

describe('alerts', () => {
  const changed = (change: 'opened' | 'changed' | 'acknowledged', item: FindingView) => ({
    at: item.lastSeen,
    changes: [{ change, finding: item }],
  });

  it('are raised for a WARNING that opens, not for INFO, silenced or acknowledged ones', () => {
    const warning = finding();
    expect(findingsToAlert(changed('opened', warning))).toEqual([warning]);
    expect(findingsToAlert(changed('changed', warning))).toEqual([]);
    expect(findingsToAlert(changed('opened', finding({ severity: 'INFO' })))).toEqual([]);
    expect(findingsToAlert(changed('opened', finding({ suppressed: 'silenced' })))).toEqual([]);
  });
});
