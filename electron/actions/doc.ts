// docs/actions.md, generated from the catalog (catalog.ts) so the two cannot drift apart:
// `npx tsx scripts/actions-doc.ts` writes it, test/actions/doc.test.ts fails when it is stale.
import { catalogView } from './catalog-view';
import type { CatalogEntryView } from '../../shared/api/requests-actions';

export const ACTIONS_DOC_PATH = 'docs/actions.md';

const header = `# Actions

<!-- Generated from electron/actions/catalog.ts by \`npx tsx scripts/actions-doc.ts\`; do not edit.
     test/actions/doc.test.ts fails when this file and the catalog disagree. -->

One-click remediation (issue #8, DESIGN.md section 6). Every run goes **preview** (the exact
commands, the node, the risk, what will happen), then **confirmation** (destructive actions: type
the target's name), **run** with live output and a cancel, **post-check**, **result**, and leaves an
append-only audit record (who, role, when, target, arguments, exit status, output digest, post-check
result, the finding it came from) in the archive.

## Roles

| role | may run |
|---|---|
| viewer | nothing (review sessions are viewers by construction) |
| technician | read-only and disruptive actions |
| supervisor | every action, destructive ones included |

Raising the role asks for the PIN set in Settings (4 to 12 digits, kept as a salted scrypt hash in
\`<data directory>/action-settings.json\`); lowering it does not.

## Guards

An action is refused, with the reason, when: its target or an argument is malformed (container
names \`^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$\`; no shell syntax, line breaks, NUL, leading \`-\`,
non-ASCII, or overlong text ever reaches a node); the role does not allow its risk; the latest
snapshot does not have the container or a precondition is not met; a channel it needs is down
(health from the collector); another disruptive action still works on the same target. Commands
are argv arrays, each word quoted for the remote shell; none is built from text.

## The catalog
`;

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function argumentsText(entry: CatalogEntryView): string {
  const properties = (entry.arguments.properties ?? {}) as Record<string, Record<string, unknown>>;
  const names = Object.keys(properties);
  if (names.length === 0) return 'none';
  return names
    .map((name) => {
      const schema = properties[name] ?? {};
      const range =
        schema.minimum !== undefined
          ? ` ${String(schema.minimum)} to ${String(schema.maximum)}`
          : '';
      const fallback = schema.default !== undefined ? `, default ${String(schema.default)}` : '';
      return `\`${name}\` (${String(schema.type ?? 'value')}${range}${fallback})`;
    })
    .join(', ');
}

function section(entry: CatalogEntryView): string {
  const commands = entry.commands.map((command) => `    ${command.via}: ${command.text}`);
  const rows = [
    ['risk', `${entry.risk} (least role: ${entry.minimumRole})`],
    ['target', `${entry.targetKind}${entry.allNodes ? ' (runs on every node)' : ''}`],
    ['arguments', argumentsText(entry)],
    ['preconditions', entry.preconditions.join('; ') || 'none'],
    ['post-check', entry.postCheck ?? 'none'],
    ['confirmation', entry.confirmation === 'type-target' ? "type the target's name" : 'a click'],
    ['expected duration', `${entry.expectedDurationSeconds} s`],
  ];
  return [
    `### \`${entry.id}\`: ${entry.title}`,
    '',
    `${entry.what} ${entry.why}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([key, value]) => `| ${key} | ${cell(value ?? '')} |`),
    '',
    'Commands:',
    '',
    ...commands,
    '',
  ].join('\n');
}

export function renderActionsDoc(): string {
  const entries = catalogView();
  const index = entries.map(
    (entry) => `| \`${entry.id}\` | ${cell(entry.title)} | ${entry.risk} | ${entry.targetKind} |`,
  );
  return [
    header,
    '| id | action | risk | target |',
    '|---|---|---|---|',
    ...index,
    '',
    ...entries.map(section),
  ].join('\n');
}

/** The doc as the repository keeps it: formatted by prettier, as `npm run format` would. */
export async function formattedActionsDoc(): Promise<string> {
  // Loaded only here: prettier is a development tool, never part of the app.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(ACTIONS_DOC_PATH)) ?? {};
  return prettier.format(renderActionsDoc(), { ...options, parser: 'markdown' });
}
