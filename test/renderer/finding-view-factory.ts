// A finding as the renderer receives it (`findings.list`, `findings.changed`), for tests: an
// open WARNING about vk03's pgAdmin with a fresh id, changed where a test says.
import type { FindingView } from '../../renderer/findings/use-findings';

let nextId = 1;

export function findingView(changes: Partial<FindingView> = {}): FindingView {
  return {
    id: nextId++,
    key: 'rule|subject',
    ruleId: 'rule',
    findingClass: 'endpoint-down',
    subject: 'subject',
    severity: 'WARNING',
    title: 'vk03 pgadmin is down',
    detail: 'status 0',
    numbers: {},
    evidence: { series: [], logLines: [], values: {} },
    nodes: ['vk03'],
    containers: [],
    actions: [],
    state: 'new',
    firstSeen: '2026-02-18T21:53:10-03:00',
    lastSeen: '2026-02-18T21:53:10-03:00',
    resolvedAt: null,
    acknowledged: null,
    silencedUntil: null,
    suppressed: null,
    ...changes,
  };
}
