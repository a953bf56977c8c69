// A demo plant with an action service whose transports count every call, so a test can say
// that nothing reached a node.
import { join } from 'node:path';
import {
  createActionService,
  fileAuditStore,
  RoleStore,
  type ActionService,
} from '../../electron/actions';
import type { RunTransports } from '../../electron/actions/runner';
import type { FleetHealthView } from '../../shared/api/contract';
import type { Role } from '../../shared/api/requests-actions';
import type { Snapshot } from '../../shared/snapshot';
import {
  createDemoClock,
  createDemoPlant,
  createDemoTransports,
  type DemoPlant,
} from '../../electron/demo';
import { temporaryDirectory } from '../helpers/temporary';

export interface CountedSession {
  plant: DemoPlant;
  service: ActionService;
  roles: RoleStore;
  /** Every call any transport of the service received: `node via what`. */
  calls: string[];
}

export interface SessionOptions {
  role?: Role;
  /** Every SSH command takes this long (a run that stays in progress). */
  sshDelayMs?: number;
  /** Shortens post-checks: their seconds times this. */
  postCheckTimeScale?: number;
  /** Changes the snapshot the guards see (a node reporting odd names). */
  snapshot?: (snapshot: Snapshot) => Snapshot;
  /** Replaces the collector's health (a node marked down). */
  health?: FleetHealthView;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function counted(
  transports: RunTransports,
  node: string,
  calls: string[],
  sshDelayMs: number,
): RunTransports {
  const { ssh, postgres, redis } = transports;
  return {
    ssh: ssh && {
      ...ssh,
      exec: async (script, options) => {
        calls.push(`${node} ssh ${script}`);
        if (sshDelayMs > 0) await pause(sshDelayMs);
        return ssh.exec(script, options);
      },
    },
    postgres: postgres && {
      ...postgres,
      query: (sql, params) => (calls.push(`${node} sql ${sql}`), postgres.query(sql, params)),
    },
    redis: redis && {
      ...redis,
      info: (section) => (calls.push(`${node} redis info`), redis.info(section)),
      hgetall: (db, key) => (calls.push(`${node} redis hgetall ${key}`), redis.hgetall(db, key)),
    },
  };
}

export async function countedDemoSession(options: SessionOptions = {}): Promise<CountedSession> {
  const { role = 'supervisor', sshDelayMs = 0 } = options;
  const dir = temporaryDirectory('actions');
  const clock = createDemoClock({ startTime: '2026-02-18T22:30:00-03:00', speed: 60 });
  const plant = createDemoPlant({ clock });
  await plant.collector.collectOnce();
  const calls: string[] = [];
  const roles = new RoleStore({ file: join(dir, 'settings.json'), initialRole: role });
  const service = createActionService({
    fleet: plant.fleet,
    state: {
      snapshot: () => {
        const snapshot = plant.collector.snapshot();
        return options.snapshot ? options.snapshot(snapshot) : snapshot;
      },
      health: () => options.health ?? plant.collector.health(),
    },
    transportsFor: (node) =>
      counted(createDemoTransports(plant.engine, node), node, calls, sshDelayMs),
    audit: fileAuditStore(join(dir, 'audit.jsonl')),
    roles,
    actor: 'tester',
    postCheckPollMs: 20,
    postCheckTimeScale: options.postCheckTimeScale,
  });
  return { plant, service, roles, calls };
}
