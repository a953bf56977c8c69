// The report's shape: cycles with the highest severity, numbered items, only what is new or
// changed, re-alarms said as such, resolutions after the items, suppressed findings left out.
import { describe, expect, it } from 'vitest';
import { FindingLifecycle, type RuleOutcome } from '../../electron/findings/lifecycle';
import { buildReport, headingFormatter, renderMarkdown } from '../../electron/findings/report';
import { emptyEvidence, type FindingDraft, type Severity } from '../../electron/findings/types';
import { MINUTE_MS } from './history-helpers';

const at = (minutes: number) => Date.parse('2026-02-18T21:53:00-03:00') + minutes * MINUTE_MS;
const rule = { id: 'r', findingClass: 'endpoint-down' as const };

function draft(subject: string, severity: Severity, node = 'vk03'): FindingDraft {
  return {
    ruleId: 'r',
    subject,
    severity,
    title: `${subject} is down`,
    detail: `${subject} answered status 0 for 8 min.`,
    numbers: { status: 0 },
    evidence: emptyEvidence(),
    nodes: [node],
    containers: [],
    actions: [],
  };
}

const seen = (...drafts: FindingDraft[]): RuleOutcome[] => [{ rule, drafts }];

function run(steps: [number, FindingDraft[]][], config = {}) {
  const lifecycle = new FindingLifecycle(undefined, {
    clearEvaluations: 1,
    clearMs: 0,
    realarmIntervalMs: 30 * MINUTE_MS,
    ...config,
  });
  const changes = steps.flatMap(([minute, drafts]) => lifecycle.apply(at(minute), seen(...drafts)));
  return { lifecycle, changes };
}

describe('the report', () => {
  it('heads each cycle with its highest severity and numbers the items, WARNING first', () => {
    const { changes } = run([
      [0, [draft('pgadmin', 'INFO'), draft('ssh', 'WARNING')]],
      [5, [draft('pgadmin', 'INFO'), draft('ssh', 'WARNING')]],
      [15, [draft('pgadmin', 'INFO'), draft('ssh', 'WARNING'), draft('tip', 'SUGGESTION')]],
    ]);
    const text = renderMarkdown(
      buildReport(changes, { deployment: '03002', timeZone: 'America/Sao_Paulo' }),
    );
    expect(text).toBe(
      [
        '# VisionKing 03002 -- Live Improvements Report',
        '',
        '## 2026-02-18 21:53 -- WARNING',
        '1. **[WARNING] ssh is down** — ssh answered status 0 for 8 min.',
        '2. **[INFO] pgadmin is down** — pgadmin answered status 0 for 8 min.',
        '',
        '## 2026-02-18 22:08 -- SUGGESTION',
        '1. **[SUGGESTION] tip is down** — tip answered status 0 for 8 min.',
        '',
      ].join('\n'),
    );
  });

  it('says re-alarms as such, lists resolutions, and merges evaluations into cycles', () => {
    const { changes } = run([
      [0, [draft('ssh', 'WARNING'), draft('pgadmin', 'INFO')]],
      [30, [draft('ssh', 'WARNING')]],
    ]);
    const report = buildReport(changes, { deployment: '03002', cycleMs: 15 * MINUTE_MS });
    const text = renderMarkdown(report);
    expect(text).toContain('1. **[WARNING] ssh is down** — Still unacknowledged: ssh answered');
    expect(text).toContain('_Resolved: pgadmin is down._');
    expect(report.cycles.map((cycle) => cycle.heading)).toEqual([
      '2026-02-19 00:45',
      '2026-02-19 01:15',
    ]);
  });

  it('leaves out what was suppressed then, and what lies outside since/until', () => {
    const { lifecycle, changes } = run([[0, [draft('ssh', 'WARNING', 'vk01')]]]);
    lifecycle.addMaintenance({ node: 'vk01', fromMs: at(-1), untilMs: at(1) });
    const suppressed = (finding: Parameters<typeof lifecycle.suppression>[0], atMs: number) =>
      lifecycle.suppression(finding, atMs) !== null;
    expect(buildReport(changes, { deployment: null, suppressed }).cycles).toEqual([]);
    expect(buildReport(changes, { deployment: null, sinceMs: at(1) }).cycles).toEqual([]);
    expect(renderMarkdown(buildReport([], { deployment: null }))).toBe(
      '# VisionKing Control Room -- Live Improvements Report\n\n_No findings in this period._\n',
    );
  });

  it('formats headings in the zone given, and says UTC when the zone is unknown', () => {
    expect(headingFormatter('America/Sao_Paulo')(at(0))).toBe('2026-02-18 21:53');
    expect(headingFormatter('Nowhere/Else')(at(0))).toBe('2026-02-19 00:53 UTC');
  });
});
