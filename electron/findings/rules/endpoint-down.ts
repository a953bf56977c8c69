// An HTTP endpoint that does not answer, told apart by what runs behind it: its container exited
// (a failure: WARNING), its container runs but the port refuses (wrong port or path in the fleet
// file, or the service was never meant to be there), or no such container (not deployed).
// Reference report 2026-02-18 21:53 #2 (pgAdmin status 0) and #3 (visualizers down).
import type { Container, Endpoint, Snapshot } from '../../../shared/snapshot';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  holdingSince,
  HOUR_MS,
  latestNodes,
  MINUTE_MS,
  threshold,
} from './common';

const RULE_ID = 'endpoint-down';

function failing(endpoint: Endpoint | undefined): boolean {
  return endpoint !== undefined && (endpoint.status === 0 || endpoint.status >= 500);
}

/** The container serving an endpoint: same name, or one name containing the other. */
export function containerFor(name: string, containers: readonly Container[]): Container | null {
  const wanted = name.toLowerCase();
  return (
    containers.find((item) => item.name.toLowerCase() === wanted) ??
    containers.find((item) => item.name.toLowerCase().includes(wanted)) ??
    containers.find((item) => wanted.includes(item.name.toLowerCase())) ??
    null
  );
}

function describeError(endpoint: Endpoint): string {
  return endpoint.error ? `${endpoint.error.kind}: ${endpoint.error.message}` : 'no error text';
}

/** The newest container list that could be read (SSH may be down at this very tick). */
function lastKnownContainers(snapshots: readonly Snapshot[], node: string): Container[] | null {
  for (let index = snapshots.length - 1; index >= 0; index--) {
    const containers = snapshots[index]!.nodes[node]?.containers;
    if (containers) return containers;
  }
  return null;
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const minDownMs = thresholds.minDownMinutes! * MINUTE_MS;
  const snapshots = history.snapshots(history.nowMs - 2 * HOUR_MS);
  const drafts: FindingDraft[] = [];
  for (const [node, snapshot] of latestNodes(history)) {
    for (const endpoint of snapshot.endpoints) {
      const isDown = (item: Snapshot) =>
        failing(item.nodes[node]?.endpoints.find((other) => other.name === endpoint.name));
      const sinceMs = holdingSince(snapshots, isDown);
      if (sinceMs === null || history.nowMs - sinceMs < minDownMs) continue;
      const containers = lastKnownContainers(snapshots, node);
      drafts.push(endpointDraft(node, endpoint, containers, history.nowMs - sinceMs));
    }
  }
  return drafts;
}

function endpointDraft(
  node: string,
  endpoint: Endpoint,
  containers: Container[] | null,
  downMs: number,
): FindingDraft {
  const base = {
    ruleId: RULE_ID,
    subject: `${node}/${endpoint.name}`,
    nodes: [node],
    numbers: { status: endpoint.status, downMinutes: Math.round(downMs / MINUTE_MS) },
    evidence: {
      values: { url: endpoint.url, status: endpoint.status, error: describeError(endpoint) },
    },
  };
  const what =
    `${node} ${endpoint.name} (${endpoint.url}) has answered status ${endpoint.status} ` +
    `for ${formatDuration(downMs)} (${describeError(endpoint)})`;
  if (containers === null) {
    return draft({
      ...base,
      severity: 'WARNING',
      title: `${node} ${endpoint.name} is down (status ${endpoint.status})`,
      detail:
        `${what}; the container list could not be read, so whether it failed or is not ` +
        `deployed is unknown.`,
      actions: ['node.openPortainer'],
    });
  }
  const serving = containerFor(endpoint.name, containers);
  if (serving && serving.state !== 'running') {
    const code = serving.exitCode === null ? '' : ` with code ${serving.exitCode}`;
    return draft({
      ...base,
      severity: 'WARNING',
      title: `${node} ${endpoint.name} is down (status ${endpoint.status})`,
      detail:
        `${what}: its container ${serving.name} is ${serving.state}${code}. ` +
        `Restart it and read its logs.`,
      containers: [serving.name],
      actions: ['container.restart', 'container.logs', 'node.openPortainer'],
    });
  }
  if (serving) {
    return draft({
      ...base,
      severity: 'INFO',
      title: `${node} ${endpoint.name} endpoint does not answer though ${serving.name} runs`,
      detail:
        `${what} while ${serving.name} is running: the service listens elsewhere or is not ` +
        `meant to be exposed here. Fix the endpoint in the fleet file or remove it from ` +
        `monitoring.`,
      containers: [serving.name],
      actions: ['container.logs'],
    });
  }
  return draft({
    ...base,
    severity: 'INFO',
    title: `${node} ${endpoint.name} is not deployed (status ${endpoint.status})`,
    detail:
      `${what} and no container named like it runs on ${node}: probably not deployed here. ` +
      `If it is not needed, remove it from the monitored endpoints to avoid false warnings.`,
    actions: [],
  });
}

export const endpointDownRule: Rule = {
  id: RULE_ID,
  findingClass: 'endpoint-down',
  title: 'Endpoint down vs not deployed',
  inputs: ['snapshots: nodes.*.endpoints', 'latest snapshot: nodes.*.containers'],
  thresholds: {
    minDownMinutes: threshold(
      2,
      'min',
      'The endpoint must fail (status 0 or 5xx) at every tick for this long.',
    ),
  },
  sentence:
    '{node} {endpoint} ({url}) has answered status {status} for {duration} ({error}): its ' +
    'container is exited (WARNING) / runs but the port refuses / is not deployed (INFO).',
  actions: ['container.restart', 'container.logs', 'node.openPortainer'],
  resolution: 'The endpoint answers with a status below 500, or is removed from the fleet file.',
  evaluate,
};
