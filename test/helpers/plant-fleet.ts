// A fleet file for the running test plant, as an operator would write it for the real 03002.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Plant } from '../plant/plant';
import { temporaryDirectory } from './temporary';

export interface PlantFleet {
  file: string;
  /** The environment holding the passwords the fleet file names (VKnn_PG_PASSWORD). */
  env: NodeJS.ProcessEnv;
  fleet: Record<string, unknown>;
}

export function plantFleet(
  plant: Plant,
  extra: { endpoints?: Record<string, Record<string, string>> } = {},
): PlantFleet {
  const env: NodeJS.ProcessEnv = {};
  const nodes: Record<string, unknown> = {};
  for (const node of Object.values(plant.nodes)) {
    const passwordEnv = `${node.id.toUpperCase()}_PG_PASSWORD`;
    env[passwordEnv] = node.postgresPassword;
    nodes[node.id] = {
      role: node.id === 'vk03' ? 'dashboard' : 'processing',
      host: node.address,
      ssh: {
        user: plant.sshUser,
        port: node.sshPort,
        identityFile: plant.clientKeyPath,
        hostKey: node.hostKeyFingerprint,
        ...(nodeCgroupRoot(node) ? { cgroupRoot: nodeCgroupRoot(node) } : {}),
      },
      postgres: {
        port: node.postgresPort,
        user: node.postgresUser,
        database: node.postgresDatabase,
        passwordEnv,
      },
      redis: {
        port: node.redisPort,
        watch: [{ db: 0, key: 'DB_Speed', fields: ['Velocidade_Tratada'] }],
      },
      ...(extra.endpoints?.[node.id] ? { endpoints: extra.endpoints[node.id] } : {}),
    };
  }
  const fleet = { deployment: '03002', nodes };
  const file = join(temporaryDirectory('fleet'), 'fleet.yaml');
  writeFileSync(file, stringify(fleet));
  return { file, env, fleet };
}

function nodeCgroupRoot(node: Plant['nodes'][keyof Plant['nodes']]): string | undefined {
  return (node as { cgroupRoot?: string }).cgroupRoot;
}
