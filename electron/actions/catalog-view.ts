// The catalog as data (no functions): what `actions.catalog` answers and docs/actions.md shows.
// Command plans are rendered with placeholders such as `<container>`.
import { z } from 'zod';
import type { CatalogEntryView, PlannedStep } from '../../shared/api/requests-actions';
import { commandText } from '../transport/ssh-command';
import {
  catalog,
  minimumRoleFor,
  postCheckText,
  preconditionText,
  type ActionDefinition,
  type PlanContext,
  type Step,
} from './catalog';

/** The exact text a step sends: shell-quoted argv, SQL, a Redis command or a URL. */
export function stepText(step: Step): string {
  switch (step.via) {
    case 'ssh':
      return commandText({ argv: step.argv });
    case 'postgres':
      return step.sql;
    case 'redis':
      return step.command === 'info'
        ? `INFO ${step.section}`
        : `SELECT ${step.db}; HGETALL ${step.key}`;
    case 'browser':
      return step.url;
  }
}

export function plannedStep(step: Step): PlannedStep {
  return {
    node: step.node,
    via: step.via,
    label: step.label,
    argv: step.via === 'ssh' ? [...step.argv] : null,
    text: stepText(step),
  };
}

/** A plan context of placeholders, for showing a plan before a target is chosen. */
function templateContext(definition: ActionDefinition): PlanContext<unknown> {
  const parsed = definition.args.safeParse({});
  return {
    node: '<node>',
    container: '<container>',
    args: parsed.success ? parsed.data : {},
    nodes: ['<each node>'],
    endpoints: { portainer: '<portainer URL>', pgadmin: '<pgadmin URL>' },
    watchedKeys: [{ db: 0, key: '<each watched key>' }],
    gpuExporter: '<GPU exporter>',
  };
}

function templateText(step: Step): string {
  // Placeholders are not shell words; show them bare rather than quoted.
  if (step.via === 'ssh') return step.argv.join(' ');
  return stepText(step);
}

export function catalogEntry(definition: ActionDefinition): CatalogEntryView {
  const steps = definition.plan(templateContext(definition));
  return {
    id: definition.id,
    title: definition.title,
    what: definition.what,
    why: definition.why,
    risk: definition.risk,
    targetKind: definition.targetKind,
    allNodes: definition.allNodes,
    minimumRole: minimumRoleFor[definition.risk],
    arguments: z.toJSONSchema(definition.args, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >,
    commands: steps.map((step) => ({ via: step.via, text: templateText(step) })),
    preconditions: definition.preconditions.map((condition) => preconditionText[condition]),
    postCheck: postCheckText(definition.postCheck),
    expectedDurationSeconds: definition.expectedDurationSeconds,
    confirmation: definition.risk === 'destructive' ? 'type-target' : 'click',
  };
}

export function catalogView(): CatalogEntryView[] {
  return catalog.map(catalogEntry);
}
