// Peers that run different versions: the same container on two nodes from different images or
// tags, and Docker or Compose at different versions. Reference report 2026-02-18 23:18 #2
// (inference c014 dev tag on vk01, c009 on vk02) and 23:36 #4 (Compose 2.32.4 / 2.29.7 / 2.31.0).
import { versionDrift, type VersionGroup } from '../quantities/peers';
import type { FindingDraft, History, Rule } from '../types';
import { draft, latestNodes, listWords } from './common';

const RULE_ID = 'version-drift';

function describe(groups: VersionGroup[]): string {
  return groups.map((group) => `${group.version} on ${listWords(group.nodes)}`).join(', ');
}

function hostVersions(history: History): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const tools = [
    ['compose', 'Docker Compose', 'composeVersion'],
    ['docker', 'Docker Engine', 'dockerVersion'],
  ] as const;
  for (const [subject, label, field] of tools) {
    const versions = Object.fromEntries(
      latestNodes(history).map(([node, snapshot]) => [node, snapshot.host?.[field] ?? null]),
    );
    const drift = versionDrift(versions);
    if (drift.value === null || drift.value.groups.length < 2) continue;
    const groups = drift.value.groups;
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject,
        severity: 'SUGGESTION',
        title: `Standardize ${label} across nodes`,
        detail:
          `${label} runs ${describe(groups)}. Functionally compatible perhaps, but drift makes ` +
          `behaviour differences harder to troubleshoot; align them in the next maintenance ` +
          `window.`,
        numbers: { versions: groups.length },
        evidence: { values: Object.fromEntries(Object.entries(versions)) },
        nodes: groups.flatMap((group) => group.nodes),
        actions: ['versions.compare'],
      }),
    );
  }
  return drafts;
}

function imageVersions(history: History): FindingDraft[] {
  const byContainer = new Map<string, Record<string, string>>();
  for (const [node, snapshot] of latestNodes(history)) {
    for (const container of snapshot.containers ?? []) {
      const images = byContainer.get(container.name) ?? {};
      images[node] = container.image;
      byContainer.set(container.name, images);
    }
  }
  const drafts: FindingDraft[] = [];
  for (const [name, images] of [...byContainer].sort(([a], [b]) => a.localeCompare(b))) {
    const drift = versionDrift(images);
    if (drift.value === null || drift.value.groups.length < 2) continue;
    const groups = drift.value.groups;
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `image:${name}`,
        severity: 'INFO',
        title: `Version inconsistency of ${name} between ${listWords(Object.keys(images).sort())}`,
        detail:
          `${name} runs ${describe(groups)}: the peers do not run the same code` +
          (groups.some((group) => /(^|[/:-])dev[-:]/.test(group.version))
            ? ', one of them a dev build'
            : '') +
          `. If this is deliberate (A/B), document it; otherwise align them before the next shift.`,
        numbers: { versions: groups.length },
        evidence: { values: images },
        nodes: Object.keys(images),
        containers: [name],
        actions: ['versions.compare'],
      }),
    );
  }
  return drafts;
}

export const versionDriftRule: Rule = {
  id: RULE_ID,
  findingClass: 'version-drift',
  title: 'Version drift between peer nodes',
  inputs: ['latest host.composeVersion, host.dockerVersion', 'latest containers[].image per name'],
  thresholds: {},
  sentence:
    '{container} runs {image} on {node} and {image} on {node}; Docker Compose runs {version} on ' +
    '{node}, {version} on {node}.',
  actions: ['versions.compare'],
  resolution: 'Every node that reports a version reports the same one.',
  evaluate(history) {
    return [...imageVersions(history), ...hostVersions(history)];
  },
};
