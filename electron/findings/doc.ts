// docs/findings.md, generated from the rule table (rules/index.ts) so the two cannot drift apart:
// `npx tsx scripts/findings-doc.ts` writes it, test/findings/doc.test.ts fails when it is stale.
import { defaultLifecycleConfig } from './lifecycle';
import { rules } from './rules';
import { defaultHistoryLimits } from './history';
import { rangesInWords, THRESHOLDS_FILE } from './threshold-settings';
import { findingClasses, type Rule } from './types';

export const FINDINGS_DOC_PATH = 'docs/findings.md';

const MINUTE_MS = 60_000;

function header(): string {
  const lifecycle = defaultLifecycleConfig;
  const limits = defaultHistoryLimits;
  return `# Findings

<!-- Generated from electron/findings/rules/index.ts by \`npx tsx scripts/findings-doc.ts\`; do not
     edit. test/findings/doc.test.ts fails when this file and the rule table disagree. -->

The findings engine (issue #6, DESIGN.md section 5) runs every rule below after each tick. A rule
is a pure function of the recent history (snapshots, series, log digests, health events) that
returns findings; a rule whose inputs are null says nothing, except those about telemetry being
lost. Each finding has a stable identity (rule + subject), a severity (WARNING / INFO /
SUGGESTION), a title, a detail sentence with its numbers and units, evidence (series and time
range, sample values, log lines), the nodes and containers concerned and suggested actions
(docs/actions.md).

## Lifecycle

- **New, ongoing, resolved.** A finding resolves after its rule has run without it
  ${lifecycle.clearEvaluations} times in a row and for at least
  ${lifecycle.clearMs / MINUTE_MS} min. A rule that faults neither confirms nor clears its
  findings (it gets an \`engine.rule-fault\` finding).
- **Reopening.** Firing again within ${lifecycle.reopenWindowMs / 3_600_000} h of resolving
  reopens the same finding.
- **Changes.** A finding is reported again when its severity or title changes; the detail and
  numbers are updated on every tick without a new report item.
- **Acknowledge** (who, note), **silence until** a time, **maintenance window** per node: silenced
  findings and findings whose nodes are all in maintenance are kept but not reported.
- **Re-alarm.** An unacknowledged WARNING re-alarms every
  ${lifecycle.realarmIntervalMs / MINUTE_MS} min.
- Findings are stored in the archive: a \`finding\` row each, and an \`event\` of kind \`finding\`
  per change, so review sessions and bundles see them as of any moment.

## The history rules read

Series as in the archive (\`vk02|container:visionking-visualizer|memoryBytes\`): \`series\`
gives every sample, \`seriesByMinute\` per-minute means (at most 1,440 points a day, the cheap
way to read hours). Kept for
${limits.seriesWindowMs / 3_600_000} h and at most ${limits.maxSamplesPerSeries} samples per series;
the newest ${limits.maxSnapshots} snapshots within ${limits.snapshotWindowMs / 3_600_000} h; log
digests for ${limits.logWindowMs / 3_600_000} h (at most ${limits.maxLogLinesPerContainer} lines per
container); health events for ${limits.eventWindowMs / 3_600_000} h.

## Overriding thresholds

Every threshold below is a default. Settings, "Finding thresholds" (core requests
\`thresholds.list\` and \`thresholds.save\`), lists each rule's thresholds with unit, meaning,
default and the value in use, and saves overrides. Each must be a finite number in the range of
its unit (${rangesInWords().join('; ')}); a refusal names the rule and the threshold, and nothing
is saved unless every value fits. Overrides are kept in
\`<data directory>/${THRESHOLDS_FILE}\`
(\`{ "version": 1, "overrides": { RULE: { NAME: VALUE } } }\`, only values unlike the default),
read when the app or \`control-room serve\` starts and handed to the running engine at once:
its next evaluation uses them. An entry of that file that no longer fits (a renamed threshold,
a hand edit out of range) is logged and ignored. No role is needed: roles (docs/actions.md)
guard actions that change the plant's machines, while thresholds, like the fleet file, change
only what this workstation reports, and whoever sits at it can edit the data directory anyway.
A review or an empty fleet runs no engine: there the list is read-only.
\`control-room report --replay\` and the benchmarks use the defaults.

Titles and details are written in English by the rules. The interface in Portuguese writes them
again from each finding's fields with the catalogue in \`renderer/findings/finding-text-pt.ts\`
(keyed by rule id; where the fields do not hold what the sentence needs it declares a fallback
and the English is shown marked \`lang="en"\`): a new rule needs an entry there, and
test/renderer/findings/finding-text.test.ts fails until it has one.

## The report

\`control-room report\` with \`--archive DIR\`, \`--bundle FILE\` or \`--snapshots FILE\`
(and \`--since T\`, \`--until T\`, \`--format md|json\`, \`--cycle 15m\`, \`--tz ZONE\`;
\`--replay\` runs the engine again over an archive's ticks instead of reading its findings),
and \`report.render\` in the core API: \`## YYYY-MM-DD HH:MM -- SEVERITY\` per cycle
(the highest severity in it), then numbered \`**[LEVEL] Title** — detail\` items,
only what is new or changed in that cycle.
`;
}

/** Free text from a rule, safe in Markdown prose: no stray emphasis or table pipes. */
function prose(text: string): string {
  return text.replace(/([*_|\\[\]<>])/g, '\\$1').replaceAll('\n', ' ');
}

function thresholdsList(rule: Rule): string {
  const entries = Object.entries(rule.thresholds);
  if (entries.length === 0) return '- **Thresholds:** none';
  const items = entries.map(
    ([name, spec]) => `  - \`${name}\` = ${spec.value} ${prose(spec.unit)}: ${prose(spec.doc)}`,
  );
  return ['- **Thresholds:**', ...items].join('\n');
}

function ruleSection(rule: Rule): string {
  const code = (items: string[]) => items.map((item) => `\`${item}\``).join(', ');
  return [
    `### ${prose(rule.title)} (\`${rule.id}\`)`,
    '',
    `- **Class:** ${rule.findingClass}`,
    `- **Inputs:** ${rule.inputs.map(prose).join('; ') || 'none'}`,
    `- **Sentence:** ${prose(rule.sentence)}`,
    `- **Actions:** ${rule.actions.length === 0 ? 'none' : code(rule.actions)}`,
    `- **Resolves when:** ${prose(rule.resolution)}`,
    thresholdsList(rule),
    '',
  ].join('\n');
}

function coverage(table: readonly Rule[]): string {
  const rows = findingClasses
    .filter((findingClass) => findingClass !== 'rule-fault')
    .map((findingClass) => {
      const ids = table
        .filter((rule) => rule.findingClass === findingClass)
        .map((rule) => `\`${rule.id}\``);
      return `| ${findingClass} | ${ids.length > 0 ? ids.join(', ') : '— (no rule yet)'} |`;
    });
  return ['## Classes and their rules', '', '| class | rules |', '|---|---|', ...rows, ''].join(
    '\n',
  );
}

export function renderFindingsDoc(table: readonly Rule[] = rules): string {
  const sections = table.map(ruleSection).join('\n');
  return `${header()}\n${coverage(table)}\n## Rules\n\n${sections}`;
}

export async function formattedFindingsDoc(): Promise<string> {
  // Loaded only here: prettier is a development tool, never part of the app.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(FINDINGS_DOC_PATH)) ?? {};
  // Prose wrapped at the print width, so the generated file keeps to 100 columns too.
  return prettier.format(renderFindingsDoc(), {
    ...options,
    parser: 'markdown',
    proseWrap: 'always',
  });
}
