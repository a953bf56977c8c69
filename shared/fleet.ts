// The fleet file: which deployment, which nodes, how each node is reached (DESIGN.md section 4).
// Secrets never live here: only the names of environment variables that hold them.
import { z } from 'zod';

export const nodeIdPattern = /^[a-z][a-z0-9-]{0,31}$/;
const hostPattern = /^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$/;
const environmentNamePattern = /^[A-Z_][A-Z0-9_]{0,127}$/;
/** What `ssh-keygen -lf` prints for an SHA-256 fingerprint: `SHA256:` + 43 base64 characters. */
export const hostKeyPattern = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

const port = z.number().int().min(1).max(65_535);
const environmentName = z
  .string()
  .regex(environmentNamePattern, 'an environment variable name such as VK01_PG_PASSWORD');
const httpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' });

export const sshSchema = z
  .object({
    user: z.string().regex(/^[a-z_][a-z0-9_.-]{0,31}$/i, 'a user name'),
    port: port.default(22),
    /** Private key file; `~` is the home directory. Without it the SSH agent is used. */
    identityFile: z.string().min(1).optional(),
    /** Environment variable holding the key file's passphrase or, with no key, the password. */
    passwordEnv: environmentName.optional(),
    /** Pinned host key. Without it every key is refused and its fingerprint shown for approval. */
    hostKey: z
      .string()
      .regex(hostKeyPattern, 'a fingerprint like SHA256:<43 characters>')
      .optional(),
    /** Where cgroup v2 is mounted on the node; container memory and CPU are read there. */
    cgroupRoot: z
      .string()
      .regex(/^\/[A-Za-z0-9_./-]*$/, 'an absolute path such as /sys/fs/cgroup')
      .optional(),
  })
  .strict();

export const redisWatchSchema = z
  .object({
    db: z.number().int().min(0).max(15),
    key: z.string().min(1).max(512),
    /** Hash fields the pipeline needs; a missing one becomes a finding. */
    fields: z.array(z.string().min(1).max(512)).max(64).optional(),
  })
  .strict();

/** The PostgreSQL fields, without the check across them (bundles pick from these). */
export const postgresFieldsSchema = z
  .object({
    port: port.default(5432),
    user: z.string().min(1).max(63).default('postgres'),
    database: z.string().min(1).max(63).default('postgres'),
    passwordEnv: environmentName.optional(),
    /**
     * off: plain TCP (the 03002 servers); require: encrypted, the certificate not checked (as
     * libpq's sslmode=require); verify: encrypted, and the certificate must chain to the system's
     * authorities or to `caFile` and name the host (as sslmode=verify-full).
     */
    tls: z.enum(['off', 'require', 'verify'], 'off, require or verify').default('off'),
    /** PEM file of the authority that signed the server's certificate; `~` is home. */
    caFile: z.string().min(1).optional(),
  })
  .strict();

export const postgresSchema = postgresFieldsSchema.refine(
  (settings) => settings.caFile === undefined || settings.tls === 'verify',
  { path: ['caFile'], error: 'caFile is only read with tls: verify' },
);

export const redisSchema = z
  .object({
    port: port.default(6379),
    passwordEnv: environmentName.optional(),
    watch: z.array(redisWatchSchema).max(64).default([]),
  })
  .strict();

export const rabbitmqSchema = z
  .object({ url: httpUrl, user: z.string().min(1), passwordEnv: environmentName.optional() })
  .strict();

/** What the action runner may do on a node beyond the Docker CLI (issue #8). */
export const nodeActionsSchema = z
  .object({
    /** `sudo -n` is allowed (passwordless, for the SSH user): enabling NTP needs it. */
    sudo: z.boolean().default(false),
  })
  .strict();

export const nodeSchema = z
  .object({
    role: z.enum(['processing', 'dashboard']),
    host: z.string().regex(hostPattern, 'an IP address or host name'),
    ssh: sshSchema.optional(),
    postgres: postgresSchema.optional(),
    redis: redisSchema.optional(),
    prometheus: httpUrl.optional(),
    rabbitmq: rabbitmqSchema.optional(),
    /** Web endpoints probed over HTTP, by name (portainer, visualizer, pgadmin, backend…). */
    endpoints: z
      .record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/i, 'a short name'), httpUrl)
      .optional(),
    actions: nodeActionsSchema.optional(),
  })
  .strict();

export const collectionSchema = z
  .object({
    /** Reachability, container memory/CPU and GPU. */
    fastIntervalSeconds: z.number().min(1).max(3600).default(5),
    /** Logs, database sizes, Redis keyspace, disks, layer sizes. */
    slowIntervalSeconds: z.number().min(5).max(86_400).default(60),
  })
  .strict();

export const fleetSchema = z
  .object({
    deployment: z.string().min(1).max(64),
    collection: collectionSchema.default({ fastIntervalSeconds: 5, slowIntervalSeconds: 60 }),
    // Node names are checked by the fleet loader, so that a badly named node's fields are still
    // checked and every problem is reported in one pass (zod skips refinements after an issue).
    nodes: z.record(z.string(), nodeSchema).refine((nodes) => Object.keys(nodes).length > 0, {
      message: 'needs at least one node',
    }),
  })
  .strict();

export type Fleet = z.infer<typeof fleetSchema>;
export type FleetNode = z.infer<typeof nodeSchema>;
export type SshSettings = z.infer<typeof sshSchema>;
export type PostgresSettings = z.infer<typeof postgresSchema>;
export type RedisSettings = z.infer<typeof redisSchema>;
export type RedisWatch = z.infer<typeof redisWatchSchema>;
export type NodeActions = z.infer<typeof nodeActionsSchema>;
export type RabbitmqSettings = z.infer<typeof rabbitmqSchema>;
