// docs/actions.md, generated from the catalog (catalog.ts) so the two cannot drift apart:
// `npx tsx scripts/actions-doc.ts` writes it, test/actions/doc.test.ts fails when it is stale.
import { readFileSync } from 'node:fs';
import { catalogView } from './catalog-view';
import type { CatalogEntryView } from '../../shared/api/requests-actions';

export const ACTIONS_DOC_PATH = 'docs/actions.md';

/** The prose before the catalog (what the flow, roles, guards and API are). */
const introFile = new URL('./actions-doc-intro.md', import.meta.url);

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
  const header = readFileSync(introFile, 'utf8');
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
