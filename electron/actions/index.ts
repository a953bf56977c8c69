// The action runner's public API (issue #8, docs/actions.md): the catalog, the service the core
// hands requests to, the role store and the audit stores, and builders for the two kinds of live
// session (the demo plant, a fleet file).
import { join } from 'node:path';
import type { Fleet } from '../../shared/fleet';
import type { Archive } from '../archive';
import { createNodeTransports } from '../collect/channels';
import type { Collector } from '../collect/collector';
import { createDemoTransports, type DemoPlant } from '../demo';
import { dataDirectory } from '../log';
import { archiveAuditStore, fileAuditStore, type AuditStore } from './audit';
import { RoleStore, type RoleStoreOptions } from './roles';
import { createActionService, type ActionServiceOptions } from './service';
import type { ActionService } from './types';

export { archiveAuditStore, AUDIT_EVENT_KIND, fileAuditStore, outputDigest } from './audit';
export type { AuditStore, NewAuditRecord } from './audit';
export { catalog, findAction, minimumRoleFor } from './catalog';
export type { ActionDefinition, PostCheck, Precondition, Step } from './catalog';
export { catalogEntry, catalogView, stepText } from './catalog-view';
export { hashPin, pinMatches, RoleStore, rolePermits, PIN_PATTERN } from './roles';
export { createActionService, type ActionServiceOptions } from './service';
export type { ActionEvent, ActionService } from './types';

export const AUDIT_FILE = 'action-audit.jsonl';

export interface SessionOptions {
  /** Audit records go to the archive when there is one, else to a file in `dataDir`. */
  archive?: Archive;
  /** Default: the app's data directory. */
  dataDir?: string;
  roles?: RoleStore | RoleStoreOptions;
  actor?: string;
  postCheckPollMs?: number;
  postCheckTimeScale?: number;
}

function common(options: SessionOptions) {
  const dataDir = options.dataDir ?? dataDirectory();
  const audit: AuditStore = options.archive
    ? archiveAuditStore(options.archive)
    : fileAuditStore(join(dataDir, AUDIT_FILE));
  const roles =
    options.roles instanceof RoleStore
      ? options.roles
      : new RoleStore({ file: join(dataDir, 'action-settings.json'), ...options.roles });
  const { actor, postCheckPollMs, postCheckTimeScale } = options;
  return { audit, roles, actor, postCheckPollMs, postCheckTimeScale };
}

/** Actions on the demo plant: carried out by its engine (a restart restarts the simulation's). */
export function createDemoActionService(
  plant: DemoPlant,
  options: SessionOptions = {},
): ActionService {
  return createActionService({
    ...common(options),
    fleet: plant.fleet,
    state: plant.collector,
    transportsFor: (node) => createDemoTransports(plant.engine, node),
  } satisfies ActionServiceOptions);
}

/** Actions on a real fleet, over their own connections (the collector's stay its own). */
export function createFleetActionService(
  fleet: Fleet,
  collector: Pick<Collector, 'snapshot' | 'health'>,
  options: SessionOptions & { env?: NodeJS.ProcessEnv; privateKey?: string } = {},
): ActionService {
  return createActionService({
    ...common(options),
    fleet,
    state: collector,
    transportsFor: (node) =>
      createNodeTransports(node, fleet.nodes[node]!, {
        env: options.env,
        privateKey: options.privateKey,
      }),
    closeTransports: async ({ ssh, postgres, redis }) => {
      ssh?.close();
      await Promise.all([postgres?.close(), redis?.close()]);
    },
  });
}
