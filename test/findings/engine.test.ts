// The engine: every rule after each tick, faults contained and reported, nothing invented.
import { describe, expect, it } from 'vitest';
import { FindingsEngine } from '../../electron/findings/engine';
import { buildReport, renderMarkdown } from '../../electron/findings/report';
import { nodeDarkRule } from '../../electron/findings/rules/node-dark';
import { emptyEvidence, type Rule } from '../../electron/findings/types';
import { container, MINUTE_MS, nodeSnapshot, snapshotsEvery } from './history-helpers';

function rule(id: string, evaluate: Rule['evaluate']): Rule {
  return {
    id,
    findingClass: 'memory-leak',
    title: id,
    inputs: [],
    thresholds: { limitMb: { value: 400, unit: 'MB', doc: 'the limit' } },
    sentence: '',
    actions: [],
    resolution: '',
    evaluate,
  };
}

const memoryRule = rule('memory-above', (history, thresholds) => {
  const key = 'vk02|container:visualizer|memoryBytes';
  const last = history.series(key, 0).at(-1);
  if (!last || last.value === null) return []; // no data, nothing said
  const memoryMb = last.value / 1e6;
  if (memoryMb <= thresholds.limitMb!) return [];
  return [
    {
      ruleId: 'memory-above',
      subject: 'vk02/visualizer',
      severity: 'WARNING',
      title: 'visualizer above its limit',
      detail: `visualizer uses ${memoryMb} MB, above ${thresholds.limitMb} MB`,
      numbers: { memoryMb },
      evidence: emptyEvidence(),
      nodes: ['vk02'],
      containers: ['visualizer'],
      actions: ['container.restart'],
    },
  ];
});

const snapshots = (memories: (number | null)[]) =>
  snapshotsEvery('2026-02-18T21:30:00-03:00', 5 * MINUTE_MS, memories.length, (index) => {
    const memoryBytes = memories[index]!;
    const visualizer = { ...container('visualizer'), memoryBytes };
    if (memoryBytes === null) {
      visualizer.missing = {
        ...visualizer.missing,
        memoryBytes: { kind: 'unavailable', detail: 'x' },
      };
    }
    return { vk02: nodeSnapshot({ containers: [visualizer] }) };
  });

describe('FindingsEngine', () => {
  it('runs the rules after each tick, with thresholds and their overrides', () => {
    const engine = new FindingsEngine({ rules: [memoryRule] });
    const [first, second] = snapshots([390e6, 410e6]);
    expect(engine.tick(first!)!.changes).toEqual([]);
    const opened = engine.tick(second!)!.changes;
    expect(opened.map((change) => [change.change, change.finding.numbers.memoryMb])).toEqual([
      ['opened', 410],
    ]);
    const strict = new FindingsEngine({
      rules: [memoryRule],
      thresholds: { 'memory-above': { limitMb: 300 } },
    });
    expect(strict.tick(first!)!.changes).toHaveLength(1);
  });

  it('skips a snapshot that is not newer than the last', () => {
    const engine = new FindingsEngine({ rules: [memoryRule] });
    const [first] = snapshots([410e6]);
    expect(engine.tick(first!)).not.toBeNull();
    expect(engine.tick(first!)).toBeNull();
  });

  it('contains a rule that throws and reports it as a rule fault; the others still run', () => {
    let calls = 0;
    const broken = rule('broken', () => {
      calls++;
      throw new Error('cannot read samples');
    });
    const engine = new FindingsEngine({ rules: [broken, memoryRule] });
    const result = engine.tick(snapshots([410e6])[0]!)!;
    expect(calls).toBe(1);
    expect(result.faults).toEqual([
      expect.objectContaining({ ruleId: 'broken', message: 'cannot read samples' }),
    ]);
    const kinds = result.changes.map((change) => [change.finding.ruleId, change.finding.subject]);
    expect(kinds).toEqual([
      ['memory-above', 'vk02/visualizer'],
      ['engine.rule-fault', 'broken'],
    ]);
  });

  it('treats a draft with NaN or another rule id as a fault, not as a finding', () => {
    const nan = rule('nan', () => [
      { ...memoryRuleDraft(), ruleId: 'nan', numbers: { rate: NaN } },
    ]);
    const impostor = rule('impostor', () => [memoryRuleDraft()]);
    const engine = new FindingsEngine({ rules: [nan, impostor] });
    const result = engine.tick(snapshots([1])[0]!)!;
    expect(result.faults.map((fault) => fault.ruleId)).toEqual(['nan', 'impostor']);
    expect(result.faults[0]!.message).toContain('NaN for rate');
    expect(result.changes.every((change) => change.finding.ruleId === 'engine.rule-fault')).toBe(
      true,
    );
  });

  it('says nothing when the inputs are null', () => {
    const engine = new FindingsEngine({ rules: [memoryRule, nodeDarkRule] });
    for (const snapshot of snapshots([null, null, null])) {
      expect(engine.tick(snapshot)!.changes).toEqual([]);
    }
  });

  it('feeds the report: one cycle per evaluation with what is new', () => {
    const engine = new FindingsEngine({ rules: [memoryRule] });
    const changes = snapshots([390e6, 410e6, 420e6]).flatMap(
      (snapshot) => engine.tick(snapshot)!.changes,
    );
    const markdown = renderMarkdown(
      buildReport(changes, { deployment: '03002', timeZone: 'America/Sao_Paulo' }),
    );
    expect(markdown).toBe(
      '# VisionKing 03002 -- Live Improvements Report\n\n' +
        '## 2026-02-18 21:35 -- WARNING\n' +
        '1. **[WARNING] visualizer above its limit** — visualizer uses 410 MB, above 400 MB\n',
    );
  });
});

function memoryRuleDraft() {
  return {
    ruleId: 'memory-above',
    subject: 'x',
    severity: 'INFO' as const,
    title: 't',
    detail: 'd',
    numbers: {},
    evidence: emptyEvidence(),
    nodes: [],
    containers: [],
    actions: [],
  };
}
