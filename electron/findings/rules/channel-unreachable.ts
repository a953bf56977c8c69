// A channel that stays down: on one node (that node's daemon, firewall or credentials), on every
// node (more likely our own network or VPN), or every channel of a node (the node itself).
// Reference report 2026-02-18 21:53 #1: SSH unreachable on all 3 nodes while Portainer answers.
import {
  channelNames,
  type ChannelName,
  type NodeSnapshot,
  type Snapshot,
} from '../../../shared/snapshot';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  type Actions,
  draft,
  formatDuration,
  holdingSince,
  HOUR_MS,
  latestNodes,
  listWords,
  MINUTE_MS,
  threshold,
} from './common';

const RULE_ID = 'channel-unreachable';

const channelLabels: Record<ChannelName, string> = {
  ssh: 'SSH',
  postgres: 'PostgreSQL',
  redis: 'Redis',
  http: 'HTTP',
  prometheus: 'Prometheus',
  rabbitmq: 'RabbitMQ',
};

function configured(node: NodeSnapshot, channel: ChannelName): boolean {
  return node.reachability[channel].error?.kind !== 'not-configured';
}

interface Outage {
  node: string;
  channel: ChannelName;
  sinceMs: number;
  error: string;
}

function outages(history: History, minDownMs: number): Map<string, Outage[]> {
  const snapshots = history.snapshots(history.nowMs - 2 * HOUR_MS);
  const byNode = new Map<string, Outage[]>();
  for (const [node, snapshot] of latestNodes(history)) {
    for (const channel of channelNames) {
      if (!configured(snapshot, channel)) continue;
      const isDown = (item: Snapshot) => item.nodes[node]?.reachability[channel].state === 'down';
      const sinceMs = holdingSince(snapshots, isDown);
      if (sinceMs === null || history.nowMs - sinceMs < minDownMs) continue;
      const error = snapshot.reachability[channel].error;
      const found = {
        node,
        channel,
        sinceMs,
        error: error ? `${error.kind}: ${error.message}` : '',
      };
      byNode.set(node, [...(byNode.get(node) ?? []), found]);
    }
  }
  return byNode;
}

/** Endpoints that still answered at the newest tick, e.g. `portainer on vk01`. */
function stillAnswering(history: History): string[] {
  return latestNodes(history).flatMap(([node, snapshot]) =>
    snapshot.endpoints
      .filter((endpoint) => endpoint.status >= 200 && endpoint.status < 400)
      .map((endpoint) => `${endpoint.name} on ${node}`),
  );
}

function actionsFor(answering: string[]): Actions {
  return answering.some((text) => text.startsWith('portainer')) ? ['node.openPortainer'] : [];
}

function answeringSentence(answering: string[]): string {
  return answering.length > 0
    ? ` Still answering: ${listWords(answering)} — use them to diagnose.`
    : ' Nothing else answers either.';
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const minDownMs = thresholds.minDownMinutes! * MINUTE_MS;
  const nodes = latestNodes(history);
  const byNode = outages(history, minDownMs);
  const answering = stillAnswering(history);
  const drafts: FindingDraft[] = [];
  const fullyDown = nodes
    .filter(([node, snapshot]) => {
      const wanted = channelNames.filter((channel) => configured(snapshot, channel)).length;
      return wanted > 0 && (byNode.get(node)?.length ?? 0) === wanted;
    })
    .map(([node]) => node);
  if (nodes.length >= 2 && fullyDown.length === nodes.length) {
    const since = Math.min(...[...byNode.values()].flat().map((outage) => outage.sinceMs));
    return [
      draft({
        ruleId: RULE_ID,
        subject: 'all-nodes/all-channels',
        severity: 'WARNING',
        title: `No node answers on any channel — likely our own network`,
        detail:
          `All ${nodes.length} nodes have answered nothing for ` +
          `${formatDuration(history.nowMs - since)}` +
          `; a whole-plant outage is less likely than our own network, VPN or firewall.`,
        numbers: {
          nodesDown: nodes.length,
          downMinutes: Math.round((history.nowMs - since) / MINUTE_MS),
        },
        nodes: fullyDown,
        actions: [],
      }),
    ];
  }
  for (const node of fullyDown) drafts.push(nodeDown(node, byNode.get(node)!, history.nowMs));
  for (const channel of channelNames) {
    const down = [...byNode.values()]
      .flat()
      .filter((outage) => outage.channel === channel && !fullyDown.includes(outage.node));
    if (down.length === 0) continue;
    const using = nodes
      .filter(([, snapshot]) => configured(snapshot, channel))
      .map(([node]) => node);
    if (using.length >= 2 && down.length === using.length) {
      drafts.push(allNodesDown(channel, down, history.nowMs, answering));
    } else {
      for (const outage of down) drafts.push(oneNodeDown(outage, history.nowMs, answering));
    }
  }
  return drafts;
}

function nodeDown(node: string, down: Outage[], nowMs: number): FindingDraft {
  const since = Math.min(...down.map((outage) => outage.sinceMs));
  return draft({
    ruleId: RULE_ID,
    subject: `${node}/all-channels`,
    severity: 'WARNING',
    title: `${node} unreachable on every channel`,
    detail:
      `${node} has answered on none of its ${down.length} channels for ` +
      `${formatDuration(nowMs - since)} (${down[0]!.error}); it may be down or rebooting.`,
    numbers: { channelsDown: down.length, downMinutes: Math.round((nowMs - since) / MINUTE_MS) },
    evidence: { values: Object.fromEntries(down.map((outage) => [outage.channel, outage.error])) },
    nodes: [node],
    actions: [],
  });
}

function allNodesDown(
  channel: ChannelName,
  down: Outage[],
  nowMs: number,
  answering: string[],
): FindingDraft {
  const since = Math.min(...down.map((outage) => outage.sinceMs));
  const label = channelLabels[channel];
  return draft({
    ruleId: RULE_ID,
    subject: `all-nodes/${channel}`,
    severity: 'WARNING',
    title: `${label} unreachable on all ${down.length} nodes`,
    detail:
      `${label} has failed on ${listWords(down.map((outage) => outage.node))} for ` +
      `${formatDuration(nowMs - since)} (${down[0]!.error}). The same failure everywhere points ` +
      `to something shared: our network path, a firewall rule or the credentials.` +
      answeringSentence(answering),
    numbers: { nodesDown: down.length, downMinutes: Math.round((nowMs - since) / MINUTE_MS) },
    evidence: { values: Object.fromEntries(down.map((outage) => [outage.node, outage.error])) },
    nodes: down.map((outage) => outage.node),
    actions: actionsFor(answering),
  });
}

function oneNodeDown(outage: Outage, nowMs: number, answering: string[]): FindingDraft {
  const label = channelLabels[outage.channel];
  return draft({
    ruleId: RULE_ID,
    subject: `${outage.node}/${outage.channel}`,
    severity: 'WARNING',
    title: `${label} unreachable on ${outage.node}`,
    detail:
      `${label} on ${outage.node} has failed for ${formatDuration(nowMs - outage.sinceMs)} ` +
      `(${outage.error}) while the other nodes answer: check that node's service and firewall.` +
      answeringSentence(answering.filter((text) => text.endsWith(` on ${outage.node}`))),
    numbers: { downMinutes: Math.round((nowMs - outage.sinceMs) / MINUTE_MS) },
    evidence: { values: { error: outage.error } },
    nodes: [outage.node],
    actions: actionsFor(answering.filter((text) => text.endsWith(` on ${outage.node}`))),
  });
}

export const channelUnreachableRule: Rule = {
  id: RULE_ID,
  findingClass: 'channel-unreachable',
  title: 'Channel unreachable',
  inputs: ['snapshots: nodes.*.reachability', 'latest snapshot: endpoints (what still answers)'],
  thresholds: {
    minDownMinutes: threshold(
      2,
      'min',
      'A channel must be down at every tick for this long; one failed tick is not an outage.',
    ),
  },
  sentence:
    '{channel} unreachable on {nodes} for {duration} ({error}); the same failure everywhere ' +
    'points to our network, a firewall or credentials. Still answering: {endpoints}.',
  actions: ['node.openPortainer'],
  resolution:
    'The channel answers again at a tick (the engine holds it a while so it does not flap).',
  evaluate,
};
