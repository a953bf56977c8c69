// Example rule (the shape for every other): a node that answers on the network but runs no
// containers and reports no host metrics is "dark" (reference report 2026-02-22 20:16, item 6).
// B2 owns this file from here on and may refine it.
import { channelNames, type NodeSnapshot } from '../../../shared/snapshot';
import { emptyEvidence, type FindingDraft, type History, type Rule } from '../types';

/** In the snapshot format's channel order, whatever order the object's keys came in. */
function channelsUp(node: NodeSnapshot): string[] {
  return channelNames.filter((name) => node.reachability[name].state === 'up');
}

function darkDraft(name: string, node: NodeSnapshot, upChannels: string[]): FindingDraft {
  const evidence = emptyEvidence();
  evidence.values.containersRunning = 0;
  evidence.values.channelsUp = upChannels.join(', ');
  return {
    ruleId: 'node-dark',
    subject: name,
    severity: 'INFO',
    title: `${name} is fully dark — reachable at network level but running zero containers`,
    detail:
      `${name} answers on ${upChannels.join(', ')} but lists 0 running containers` +
      (node.host === null ? ' and no host metrics' : '') +
      `; everything it ran is now carried by the other nodes, with no redundancy.`,
    numbers: { containersRunning: 0, channelsUp: upChannels.length },
    evidence,
    nodes: [name],
    containers: [],
    actions: ['node.diagnostics'],
  };
}

export const nodeDarkRule: Rule = {
  id: 'node-dark',
  findingClass: 'node-dark',
  title: 'Node dark',
  inputs: ['latest snapshot: reachability, containers, host'],
  thresholds: {},
  sentence:
    '{node} answers on {channels} but lists 0 running containers; everything it ran is ' +
    'now carried by the other nodes, with no redundancy.',
  actions: ['node.diagnostics'],
  resolution:
    'The node lists a running container again, or no channel answers (then it is ' +
    'unreachable, another finding).',
  evaluate(history: History): FindingDraft[] {
    const latest = history.latest;
    if (!latest) return [];
    const drafts: FindingDraft[] = [];
    for (const [name, node] of Object.entries(latest.nodes)) {
      // A list we could not read (null) says nothing: only a list read as empty counts.
      if (node.containers === null) continue;
      if (node.containers.some((container) => container.state === 'running')) continue;
      const upChannels = channelsUp(node);
      if (upChannels.length === 0) continue;
      drafts.push(darkDraft(name, node, upChannels));
    }
    return drafts;
  },
};
