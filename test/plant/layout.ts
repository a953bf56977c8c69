// Where each node of the test plant listens: the deployment's own ports on loopback addresses.
// Linux routes all of 127.0.0.0/8 to lo, so these addresses need no setup.

export const NODE_IDS = ['vk01', 'vk02', 'vk03'] as const;
export type NodeId = (typeof NODE_IDS)[number];

export const SERVICE_NAMES = ['sshd', 'redis', 'postgres'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface NodeLayout {
  id: NodeId;
  address: string;
  sshPort: number;
  redisPort: number;
  /** 2345 on the processing nodes, 2347 on the dashboard node, as deployed. */
  postgresPort: number;
}

export const NODE_LAYOUTS: Record<NodeId, NodeLayout> = {
  vk01: { id: 'vk01', address: '127.0.0.11', sshPort: 22, redisPort: 4000, postgresPort: 2345 },
  vk02: { id: 'vk02', address: '127.0.0.12', sshPort: 22, redisPort: 4000, postgresPort: 2345 },
  vk03: { id: 'vk03', address: '127.0.0.13', sshPort: 22, redisPort: 4000, postgresPort: 2347 },
};

export function servicePort(layout: NodeLayout, service: ServiceName): number {
  if (service === 'sshd') return layout.sshPort;
  if (service === 'redis') return layout.redisPort;
  return layout.postgresPort;
}

export interface Endpoint {
  address: string;
  port: number;
}

export function allEndpoints(): Endpoint[] {
  return NODE_IDS.flatMap((id) =>
    SERVICE_NAMES.map((service) => ({
      address: NODE_LAYOUTS[id].address,
      port: servicePort(NODE_LAYOUTS[id], service),
    })),
  );
}
