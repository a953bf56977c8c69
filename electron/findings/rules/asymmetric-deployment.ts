// Peer nodes that do not run the same services: what runs on only one of them has no
// redundancy. Peers are nodes whose running containers mostly overlap (two processing nodes),
// so a dashboard node is not compared with them. Reference report 2026-02-18 23:18 #3:
// length-measure, rc-sis-surface and pm-sis-surface only on vk02.
import { presenceDifference } from '../quantities/peers';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import { draft, listWords, MINUTE_MS, threshold } from './common';

const RULE_ID = 'asymmetric-deployment';

type Running = Map<string, Set<string>>;

function running(history: History, minutes: number): Running | null {
  const snapshots = history.snapshots(history.nowMs - minutes * MINUTE_MS);
  // What runs at every readable tick of the window, so a restart does not count as absence.
  let result: Running | null = null;
  for (const snapshot of snapshots) {
    const now: Running = new Map();
    for (const [node, item] of Object.entries(snapshot.nodes)) {
      if (!item.containers || item.containers.length === 0) continue;
      const names = item.containers.filter((c) => c.state === 'running').map((c) => c.name);
      now.set(node, new Set(names));
    }
    if (result === null) {
      result = now;
      continue;
    }
    for (const [node, names] of result) {
      const later = now.get(node);
      // A node unread at this tick keeps what it had; one read keeps only what still runs.
      if (later) result.set(node, new Set([...names].filter((name) => later.has(name))));
    }
  }
  return result;
}

function overlap(left: Set<string>, right: Set<string>): number {
  const shared = [...left].filter((name) => right.has(name)).length;
  const union = new Set([...left, ...right]).size;
  return union === 0 ? 0 : shared / union;
}

/** Groups of peer nodes: connected by an overlap of at least `minOverlap`. */
function peerGroups(nodes: Running, minOverlap: number): string[][] {
  const names = [...nodes.keys()].sort();
  const groups: string[][] = [];
  const placed = new Set<string>();
  for (const start of names) {
    if (placed.has(start)) continue;
    const group = [start];
    placed.add(start);
    for (let index = 0; index < group.length; index++) {
      for (const other of names) {
        if (placed.has(other)) continue;
        if (overlap(nodes.get(group[index]!)!, nodes.get(other)!) >= minOverlap) {
          group.push(other);
          placed.add(other);
        }
      }
    }
    if (group.length >= 2) groups.push(group.sort());
  }
  return groups;
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const nodes = running(history, thresholds.minMinutes!);
  if (!nodes) return [];
  const drafts: FindingDraft[] = [];
  for (const group of peerGroups(nodes, thresholds.minOverlap!)) {
    const partial = presenceDifference(
      Object.fromEntries(group.map((node) => [node, [...nodes.get(node)!]])),
    );
    if (partial.size === 0) continue;
    const only = group.map((node) => ({
      node,
      names: [...partial]
        .filter(([, having]) => having.length === 1 && having[0] === node)
        .map(([name]) => name),
    }));
    const sentences = only
      .filter((item) => item.names.length > 0)
      .map((item) => `only ${item.node} runs ${listWords(item.names)}`);
    const single = only
      .filter((item) => item.names.length > 0)
      .sort((left, right) => right.names.length - left.names.length);
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `peers:${group.join('+')}`,
        severity: 'SUGGESTION',
        title: `${listWords(group)} are peers but run different services`,
        detail:
          `Among the peer nodes ${listWords(group)}, ${sentences.join('; ')}. They are not ` +
          `interchangeable: if ${single[0]?.node ?? group[0]} goes down, ` +
          `${listWords(single[0]?.names ?? [])} would be lost with no redundancy. Document the ` +
          `asymmetry and consider mirroring the critical services.`,
        numbers: {
          peers: group.length,
          servicesOnOneNode: single.reduce((sum, item) => sum + item.names.length, 0),
        },
        evidence: {
          values: Object.fromEntries(only.map((item) => [item.node, item.names.join(', ')])),
        },
        nodes: group,
        containers: [...partial.keys()],
        actions: ['versions.compare'],
      }),
    );
  }
  return drafts;
}

export const asymmetricDeploymentRule: Rule = {
  id: RULE_ID,
  findingClass: 'asymmetric-deployment',
  title: 'Asymmetric deployment',
  inputs: ['snapshots: running containers per node'],
  thresholds: {
    minOverlap: threshold(
      0.5,
      'fraction',
      'Nodes sharing at least this share of their running containers (Jaccard) are peers.',
    ),
    minMinutes: threshold(
      10,
      'min',
      'A container must be missing on a peer at every readable tick this long.',
    ),
  },
  sentence:
    'Among the peer nodes {nodes}, only {node} runs {containers}; if {node} goes down, they are ' +
    'lost with no redundancy.',
  actions: ['versions.compare'],
  resolution: 'The peers run the same services (or stop being peers).',
  evaluate,
};
