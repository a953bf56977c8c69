// What the node view shows of one node, and how it differs from its peer (the other node of the
// same role: vk01 and vk02 process the same line and should run the same things). Pure.
import type { FleetSummary } from '../../shared/api/contract';
import type { Container, Host, NodeSnapshot } from '../../shared/snapshot';

type FleetNode = FleetSummary['nodes'][number];

/** The other node of the same role, when there is exactly one kind of peer to compare with. */
export function peerOf(nodes: readonly FleetNode[], nodeId: string): string | null {
  const node = nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return null;
  return nodes.find((other) => other.id !== nodeId && other.role === node.role)?.id ?? null;
}

/** How one container compares with the peer: absent there, or running another tag. */
export type PeerComparison =
  | { kind: 'no-peer' }
  | { kind: 'same' }
  | { kind: 'only-here' }
  | { kind: 'other-tag'; peerTag: string | null };

export interface ContainerRow {
  container: Container;
  peer: PeerComparison;
}

export function containerRows(node: NodeSnapshot, peer: NodeSnapshot | null): ContainerRow[] {
  return (node.containers ?? []).map((container) => ({
    container,
    peer: comparePeer(container, peer),
  }));
}

function comparePeer(container: Container, peer: NodeSnapshot | null): PeerComparison {
  if (!peer?.containers) return { kind: 'no-peer' };
  const twin = peer.containers.find((candidate) => candidate.name === container.name);
  if (!twin) return { kind: 'only-here' };
  return imageVersion(twin) === imageVersion(container)
    ? { kind: 'same' }
    : { kind: 'other-tag', peerTag: twin.tag ?? twin.image };
}

/** The image without its registry path, with its tag: `visionking-inference:c009@c009`. */
function imageVersion(container: Container): string {
  return `${container.image.split('/').at(-1) ?? container.image}@${container.tag ?? ''}`;
}

/** Containers the peer runs that this node does not. */
export function onlyOnPeer(node: NodeSnapshot, peer: NodeSnapshot | null): string[] {
  if (!peer?.containers || !node.containers) return [];
  const here = new Set(node.containers.map((container) => container.name));
  return peer.containers.map((container) => container.name).filter((name) => !here.has(name));
}

export interface VersionRow {
  name: 'docker' | 'compose' | 'postgres' | 'redis';
  here: string | null;
  peer: string | null;
  /** Both known and different. */
  differs: boolean;
}

export function versionRows(node: NodeSnapshot, peer: NodeSnapshot | null): VersionRow[] {
  const read = (view: NodeSnapshot | null): Record<VersionRow['name'], string | null> => ({
    docker: view?.host?.dockerVersion ?? null,
    compose: view?.host?.composeVersion ?? null,
    postgres: view?.postgresServer?.version ?? null,
    redis: view?.redis?.version ?? null,
  });
  const here = read(node);
  const there = read(peer);
  return (Object.keys(here) as VersionRow['name'][]).map((name) => ({
    name,
    here: here[name],
    peer: peer ? there[name] : null,
    differs: here[name] !== null && there[name] !== null && here[name] !== there[name],
  }));
}

/** Why a section of the node is empty: its reason from the snapshot, or the host's. */
export function sectionReason(node: NodeSnapshot, field: keyof NodeSnapshot): string | null {
  return node.missing[field]?.detail ?? null;
}

export function hostFieldReason(host: Host, field: keyof Host): string | null {
  return host.missing[field]?.detail ?? null;
}
