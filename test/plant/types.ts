// The public shape of a running test plant, shared by the in-process API and plant.json.
import type { NodeId, ServiceName } from './layout';

export type { NodeId, ServiceName } from './layout';

/** One node of the plant: where its servers listen and how to log in to them. */
export interface PlantNode {
  id: NodeId;
  address: string;
  sshPort: number;
  redisPort: number;
  postgresPort: number;
  /** "SHA256:…" exactly as `ssh-keygen -lf` prints it; compare with ssh2's hostVerifier. */
  hostKeyFingerprint: string;
  /** "ssh-ed25519 AAAA…", as it would appear in known_hosts. */
  hostPublicKey: string;
  postgresUser: string;
  /** Generated per run and per node, like the deployment's VKnn_PG_PASSWORD variables. */
  postgresPassword: string;
  postgresDatabase: string;
  /** This node's folder inside the plant directory: configs, logs, data. */
  dir: string;
  /** The files the stand-ins answer from; see docs/test-plant.md. */
  scenarioDir: string;
  /** The real PostgreSQL log; `docker logs database-server` returns it. */
  postgresLogPath: string;
  /** The server's self-signed certificate (PEM): the `caFile` for `tls: verify`. */
  postgresCertPath: string;
  /**
   * A cgroup v2 tree standing in for the node's /sys/fs/cgroup: system.slice/docker-<id>.scope/
   * with memory.current, memory.max, memory.stat and cpu.stat for every running container.
   */
  cgroupRoot: string;
  /** What the docker stand-in's restart/start/stop/kill/rm did, one tab-separated line each. */
  dockerActionsPath: string;
  /** PIDs of the servers now running; null while a server is stopped. */
  pids: Record<ServiceName, number | null>;
}

/** Everything a client needs to reach the plant, without the means to control it. */
export interface PlantInfo {
  dir: string;
  sshUser: string;
  clientKeyPath: string;
  /** A known_hosts file listing the three nodes' host keys. */
  knownHostsPath: string;
  nodes: Record<NodeId, PlantNode>;
}
