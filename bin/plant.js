#!/usr/bin/env node
// `npm run plant:up` / `npm run plant:down`: the test plant by hand (docs/test-plant.md).
// `up` leaves the servers running after this process exits; `down` stops what plant.json names.
import { register } from 'tsx/esm/api';

register();
const { startPlant, stopPlant, NODE_IDS } = await import('../test/plant/plant.ts');

const USAGE = 'usage: node bin/plant.js up|down [--dir DIR] [--ssh-user USER]';

function parseArguments(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let index = 0; index < rest.length; index += 2) {
    const [flag, value] = [rest[index], rest[index + 1]];
    if (value === undefined) throw new Error(USAGE);
    if (flag === '--dir') options.dir = value;
    else if (flag === '--ssh-user') options.sshUser = value;
    else throw new Error(USAGE);
  }
  return { command, options };
}

function printPlant(plant) {
  console.log(`Test plant running in ${plant.dir}`);
  console.log('node  address       ssh  redis  postgres  host key');
  for (const id of NODE_IDS) {
    const node = plant.nodes[id];
    const ports = `${node.sshPort}   ${node.redisPort}   ${node.postgresPort}`;
    console.log(`${id}  ${node.address.padEnd(12)}  ${ports}      ${node.hostKeyFingerprint}`);
  }
  console.log(`SSH user: ${plant.sshUser}   key: ${plant.clientKeyPath}`);
  console.log(`PostgreSQL user postgres; passwords per node in ${plant.dir}/plant.json`);
  const vk01 = plant.nodes.vk01;
  console.log('Try:');
  console.log(
    `  ssh -i ${plant.clientKeyPath} -o UserKnownHostsFile=${plant.knownHostsPath} ` +
      `${plant.sshUser}@${vk01.address} 'docker ps --format "{{json .}}"'`,
  );
  const psql = `psql -h ${vk01.address} -p ${vk01.postgresPort} -U postgres`;
  console.log(`  PGPASSWORD=${vk01.postgresPassword} ${psql}`);
  console.log(`  redis-cli -h ${vk01.address} -p ${vk01.redisPort} ping`);
  console.log('Stop it with: npm run plant:down');
}

async function up(options) {
  const startedMs = Date.now();
  const plant = await startPlant({ ...options, detached: true, log: (line) => console.log(line) });
  printPlant(plant);
  console.log(`(started in ${Date.now() - startedMs} ms)`);
}

async function down(options) {
  const startedMs = Date.now();
  const stopped = await stopPlant(options);
  if (stopped.length === 0) {
    console.log('No test plant processes were running.');
    return;
  }
  const names = stopped.map((server) => `${server.node} ${server.service} (${server.pid})`);
  console.log(`Stopped ${names.join(', ')} in ${Date.now() - startedMs} ms.`);
}

try {
  const { command, options } = parseArguments(process.argv.slice(2));
  if (command === 'up') await up(options);
  else if (command === 'down') await down(options);
  else throw new Error(USAGE);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
