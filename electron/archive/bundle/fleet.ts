// The fleet file as a bundle carries it: built field by field from an allow-list, so a field
// added to the fleet file later stays out until someone decides it is safe. Left out: every
// `passwordEnv` (it points at a secret; shared/fleet.ts, electron/transport/secrets.ts),
// `ssh.identityFile` (where the private key lives), `postgres.caFile` (a path on this machine),
// and the user-info, query and fragment of every URL (`http://user:password@host/?token=...`
// carries secrets in plain sight).
import { z } from 'zod';
import type { FleetSummary } from '../../../shared/api/contract';
import {
  collectionSchema,
  nodeSchema,
  postgresFieldsSchema,
  rabbitmqSchema,
  redisSchema,
  sshSchema,
  type Fleet,
  type FleetNode,
} from '../../../shared/fleet';

const httpUrl = z.url({ protocol: /^https?$/ }).refine(isBareUrl, 'a URL without credentials');

export const bundleNodeSchema = nodeSchema
  .extend({
    ssh: sshSchema.omit({ identityFile: true, passwordEnv: true }).strict().optional(),
    postgres: postgresFieldsSchema.omit({ passwordEnv: true, caFile: true }).strict().optional(),
    redis: redisSchema.omit({ passwordEnv: true }).strict().optional(),
    rabbitmq: rabbitmqSchema
      .omit({ passwordEnv: true })
      .extend({ url: httpUrl })
      .strict()
      .optional(),
    prometheus: httpUrl.optional(),
    endpoints: z.record(z.string(), httpUrl).optional(),
  })
  .strict();

export const bundleFleetSchema = z
  .object({
    deployment: z.string().min(1).max(64),
    collection: collectionSchema,
    nodes: z.record(z.string(), bundleNodeSchema),
  })
  .strict();

export type BundleFleet = z.infer<typeof bundleFleetSchema>;

/** What the exporter is given: the fleet the archive was collected from, and its source. */
export interface FleetInput {
  fleet: Fleet;
  source: 'file' | 'demo';
}

/** The fleet record of a bundle: the summary the interface shows, and the redacted fleet. */
export interface BundleFleetRecord {
  summary: FleetSummary;
  fleet: BundleFleet;
}

export function bundleFleetRecord(input: FleetInput): BundleFleetRecord {
  const fleet = redactFleet(input.fleet);
  const nodes = Object.entries(fleet.nodes).map(([id, node]) => ({
    id,
    role: node.role,
    host: node.host,
  }));
  return { summary: { source: input.source, deployment: fleet.deployment, nodes }, fleet };
}

export function redactFleet(fleet: Fleet): BundleFleet {
  const nodes = Object.fromEntries(
    Object.entries(fleet.nodes).map(([id, node]) => [id, redactNode(node)]),
  );
  return bundleFleetSchema.parse({
    deployment: fleet.deployment,
    collection: { ...fleet.collection },
    nodes,
  });
}

function redactNode(node: FleetNode): Record<string, unknown> {
  const kept: Record<string, unknown> = { role: node.role, host: node.host };
  if (node.ssh) {
    const { user, port, hostKey, cgroupRoot } = node.ssh;
    kept.ssh = withoutUndefined({ user, port, hostKey, cgroupRoot });
  }
  if (node.postgres) {
    const { port, user, database, tls } = node.postgres;
    kept.postgres = { port, user, database, tls };
  }
  if (node.redis) {
    kept.redis = { port: node.redis.port, watch: structuredClone(node.redis.watch) };
  }
  if (node.prometheus) kept.prometheus = bareUrl(node.prometheus);
  if (node.rabbitmq) kept.rabbitmq = { url: bareUrl(node.rabbitmq.url), user: node.rabbitmq.user };
  if (node.endpoints) {
    kept.endpoints = Object.fromEntries(
      Object.entries(node.endpoints).map(([name, url]) => [name, bareUrl(url)]),
    );
  }
  return kept;
}

/** The URL without user-info, query or fragment. */
export function bareUrl(text: string): string {
  const url = new URL(text);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString();
}

function isBareUrl(text: string): boolean {
  try {
    return bareUrl(text) === new URL(text).toString();
  } catch {
    return false;
  }
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
