// From a request to a plan, or to a refusal that says why: the action exists, the target and the
// arguments are well formed, the role allows it, the fleet file and the latest snapshot meet its
// preconditions, the node answers, and no other disruptive action holds the target. Nothing here
// touches a node: a refused request never reaches a transport.
import type { FleetHealthView } from '../../shared/api/contract';
import type {
  ActionTarget,
  PreviewRequest,
  Refusal,
  RefusalCode,
  Role,
} from '../../shared/api/requests-actions';
import type { Fleet } from '../../shared/fleet';
import type { Container, NodeSnapshot, Snapshot } from '../../shared/snapshot';
import {
  findAction,
  preconditionText,
  type ActionDefinition,
  type PlanContext,
  type Precondition,
  type Step,
} from './catalog';
import { rolePermits } from './roles';
import {
  checkWord,
  containerNameRule,
  describeArgumentIssues,
  nodeIdRule,
  showValue,
  wordProblem,
} from './validation';

export interface PrepareContext {
  fleet: Fleet;
  snapshot: Snapshot | null;
  health: FleetHealthView | null;
  role: Role;
  /** Targets held by a disruptive run in progress: target key → run id. */
  busyTargets: ReadonlyMap<string, string>;
}

export interface PreparedAction {
  definition: ActionDefinition;
  target: ActionTarget;
  args: Record<string, unknown>;
  nodes: string[];
  steps: Step[];
  planContext: PlanContext<unknown>;
  /** `node/container` (or `node/`): what one disruptive run at a time holds. */
  targetKey: string;
  findingId: string | null;
}

export function refusal(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}

export function isRefusal(value: unknown): value is Refusal {
  return (value as Refusal | null)?.ok === false;
}

export function prepareAction(
  request: PreviewRequest,
  context: PrepareContext,
): PreparedAction | Refusal {
  const definition = findAction(request.actionId);
  if (!definition) {
    return refusal('unknown-action', `there is no action named ${showValue(request.actionId)}`);
  }
  const target = checkTarget(definition, request.target, context.fleet);
  if (isRefusal(target)) return target;
  const parsed = definition.args.safeParse(request.args ?? {});
  if (!parsed.success) {
    const issues = describeArgumentIssues(parsed.error);
    return refusal('invalid-arguments', `${definition.id}: ${issues}`);
  }
  const roleRefusal = checkRole(definition, context.role);
  if (roleRefusal) return roleRefusal;
  const findingRefusal = checkFindingId(request.findingId);
  if (findingRefusal) return findingRefusal;
  return planAction(definition, target, parsed.data as Record<string, unknown>, request, context);
}

function planAction(
  definition: ActionDefinition,
  target: ActionTarget,
  args: Record<string, unknown>,
  request: PreviewRequest,
  context: PrepareContext,
): PreparedAction | Refusal {
  const nodeSnapshot = context.snapshot?.nodes[target.node] ?? null;
  for (const condition of definition.preconditions) {
    const problem = preconditionProblem(condition, target, context.fleet, nodeSnapshot);
    if (problem) return problem;
  }
  const nodes = definition.allNodes ? reachableNodes(context) : [target.node];
  if (nodes.length === 0) {
    return refusal('unreachable', 'no node of the fleet answers over SSH at the moment');
  }
  const planContext = buildPlanContext(target, args, nodes, context.fleet, nodeSnapshot);
  const steps = definition.plan(planContext);
  const unreachable = definition.allNodes ? null : reachabilityProblem(steps, context.health);
  if (unreachable) return unreachable;
  const targetKey = `${target.node}/${target.container ?? ''}`;
  const holder = context.busyTargets.get(targetKey);
  if (definition.risk !== 'read-only' && holder) {
    const what = target.container ? `${target.container} on ${target.node}` : target.node;
    return refusal(
      'busy',
      `another disruptive action (run ${holder}) is still working on ${what}; wait for it`,
    );
  }
  return {
    definition,
    target,
    args,
    nodes,
    steps,
    planContext,
    targetKey,
    findingId: request.findingId ?? null,
  };
}

function checkTarget(
  definition: ActionDefinition,
  target: ActionTarget,
  fleet: Fleet,
): ActionTarget | Refusal {
  const nodeProblem = checkWord('target.node', target.node, nodeIdRule);
  if (nodeProblem) return refusal('invalid-target', nodeProblem);
  if (definition.targetKind === 'container') {
    if (target.container === undefined) {
      return refusal('invalid-target', `${definition.id} acts on a container: name one`);
    }
    const problem = checkWord('target.container', target.container, containerNameRule);
    if (problem) return refusal('invalid-target', problem);
  } else if (target.container !== undefined) {
    return refusal(
      'invalid-target',
      `${definition.id} acts on a ${definition.targetKind}, not a container: ` +
        'leave target.container out',
    );
  }
  if (!Object.hasOwn(fleet.nodes, target.node)) {
    return refusal('no-such-node', `the fleet ${fleet.deployment} has no node ${target.node}`);
  }
  return target.container === undefined
    ? { node: target.node }
    : { node: target.node, container: target.container };
}

function checkRole(definition: ActionDefinition, role: Role): Refusal | null {
  if (role === 'viewer') {
    return refusal('role', 'a viewer runs no actions; switch to technician or supervisor');
  }
  if (rolePermits(role, definition.risk)) return null;
  return refusal(
    'role',
    `${definition.id} is ${definition.risk}: only a supervisor may run it (you are ${role})`,
  );
}

function checkFindingId(findingId: string | undefined): Refusal | null {
  if (findingId === undefined || /^[A-Za-z0-9][A-Za-z0-9_.:/@|-]{0,199}$/.test(findingId)) {
    return null;
  }
  return refusal('invalid-arguments', `findingId: ${showValue(findingId)} is not a finding id`);
}

function containerOf(snapshot: NodeSnapshot | null, name: string): Container | null {
  return snapshot?.containers?.find((container) => container.name === name) ?? null;
}

function preconditionProblem(
  condition: Precondition,
  target: ActionTarget,
  fleet: Fleet,
  snapshot: NodeSnapshot | null,
): Refusal | null {
  const node = fleet.nodes[target.node]!;
  const unmet = (why: string) =>
    refusal('precondition', `${preconditionText[condition]}: no, ${why}`);
  switch (condition) {
    case 'ssh-configured':
      return node.ssh ? null : unmet(`${target.node} has no ssh section in the fleet file`);
    case 'postgres-configured':
      return node.postgres ? null : unmet(`${target.node} has no postgres section`);
    case 'redis-configured':
      return node.redis ? null : unmet(`${target.node} has no redis section`);
    case 'sudo-allowed':
      return node.actions?.sudo ? null : unmet(`${target.node} has no actions.sudo: true`);
    case 'portainer-url':
      return node.endpoints?.portainer ? null : unmet(`${target.node} names no portainer URL`);
    case 'pgadmin-url':
      return node.endpoints?.pgadmin ? null : unmet(`${target.node} names no pgadmin URL`);
    case 'inference-container':
      return /inference/i.test(target.container ?? '')
        ? null
        : unmet(`${target.container} is not an inference container`);
    default:
      return containerProblem(condition, target, snapshot);
  }
}

function containerProblem(
  condition: Precondition,
  target: ActionTarget,
  snapshot: NodeSnapshot | null,
): Refusal | null {
  const name = target.container ?? '';
  if (!snapshot?.containers) {
    const why = snapshot?.missing?.containers?.detail ?? 'no snapshot of its containers yet';
    return refusal('precondition', `cannot check ${name} on ${target.node}: ${why}`);
  }
  const container = containerOf(snapshot, name);
  if (!container) {
    return refusal(
      'no-such-container',
      `${target.node} has no container named ${name} in the latest snapshot`,
    );
  }
  const running = container.state === 'running';
  if (condition === 'container-running' && !running) {
    return refusal('precondition', `${name} on ${target.node} is ${container.state}, not running`);
  }
  if (condition === 'container-not-running' && running) {
    return refusal('precondition', `${name} on ${target.node} is already running`);
  }
  return null;
}

const channelOfStep: Record<Step['via'], 'ssh' | 'postgres' | 'redis' | null> = {
  ssh: 'ssh',
  postgres: 'postgres',
  redis: 'redis',
  browser: null,
};

function channelDown(health: FleetHealthView | null, node: string, channel: string) {
  const state = health?.nodes[node]?.[channel];
  return state?.state === 'down' ? state : null;
}

/** Refused while a channel the plan needs is down (health from the collector). */
function reachabilityProblem(steps: Step[], health: FleetHealthView | null): Refusal | null {
  for (const step of steps) {
    const channel = channelOfStep[step.via];
    const down = channel ? channelDown(health, step.node, channel) : null;
    if (channel && down) {
      const why = down.lastError ? `: ${down.lastError.message}` : '';
      return refusal(
        'unreachable',
        `${step.node} is unreachable over ${channel} since ${down.since}${why}`,
      );
    }
  }
  return null;
}

function reachableNodes(context: PrepareContext): string[] {
  return Object.entries(context.fleet.nodes)
    .filter(([node, settings]) => settings.ssh && !channelDown(context.health, node, 'ssh'))
    .map(([node]) => node);
}

/**
 * The GPU exporter among the node's containers: NVIDIA's DCGM exporter or a look-alike. The name
 * comes from the node, so it passes the same check as a name an operator types.
 */
function gpuExporterOf(snapshot: NodeSnapshot | null): string | null {
  const names = snapshot?.containers?.map((container) => container.name) ?? [];
  const candidates = names.filter((name) => wordProblem(name, containerNameRule) === null);
  return candidates.find((name) => /dcgm|nvidia.*exporter/i.test(name)) ?? null;
}

function buildPlanContext(
  target: ActionTarget,
  args: Record<string, unknown>,
  nodes: string[],
  fleet: Fleet,
  snapshot: NodeSnapshot | null,
): PlanContext<unknown> {
  const node = fleet.nodes[target.node]!;
  return {
    node: target.node,
    container: target.container ?? '',
    args,
    nodes,
    endpoints: node.endpoints ?? {},
    watchedKeys: (node.redis?.watch ?? []).map(({ db, key }) => ({ db, key })),
    gpuExporter: gpuExporterOf(snapshot),
  };
}
