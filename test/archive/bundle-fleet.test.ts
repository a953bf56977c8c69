// The fleet a bundle carries: every secret field removed (environment variable names of
// passwords, the private key's path, credentials and tokens in URLs), proved on the bytes of the
// bundle; and the demo plant's fleet arrives as the demo fleet summary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Archive,
  exportBundle,
  HEADER_BYTES,
  openBundleForReview,
  redactFleet,
} from '../../electron/archive';
import { summarizeFleet } from '../../electron/core/watched';
import { demoFleet, loadDefaultScenario } from '../../electron/demo';
import { parseFleet } from '../../electron/fleet/load';
import { temporaryDirectory } from '../helpers/temporary';
import { demoFleetSnapshot, retimed } from './helpers';

const SECRET = 'S3cret-planted-7f3a9c';

const fleetText = `
deployment: "03002"
nodes:
  vk01:
    role: processing
    host: 10.0.0.11
    ssh: { user: visionking, port: 22, identityFile: ~/.ssh/id_planted_key,
           passwordEnv: VK01_SSH_PASSPHRASE, hostKey: "SHA256:${'A'.repeat(43)}" }
    postgres: { port: 2345, user: postgres, database: postgres, passwordEnv: VK01_PG_PASSWORD,
                tls: verify, caFile: ~/planted-ca.pem }
    redis: { port: 4000, passwordEnv: VK01_REDIS_PASSWORD, watch: [{ db: 0, key: DB_Speed }] }
    prometheus: "http://metrics:${SECRET}@10.0.0.11:9090/?token=${SECRET}"
    rabbitmq: { url: "http://guest:${SECRET}@10.0.0.11:15672", user: guest,
                passwordEnv: VK01_RABBIT_PASSWORD }
    endpoints:
      portainer: "https://10.0.0.11:9443/#access_token=${SECRET}"
      visualizer: "http://10.0.0.11:5000/"
`;

let archive: Archive;
let startMs: number;

beforeAll(async () => {
  archive = Archive.open({ directory: temporaryDirectory('fleet') });
  const snapshot = await demoFleetSnapshot();
  startMs = Date.parse(snapshot.takenAt);
  for (let tick = 0; tick < 3; tick++)
    archive.recordSnapshot(retimed(snapshot, startMs + tick * 5_000));
});

afterAll(() => archive?.close());

function loadedFleet() {
  const result = parseFleet(fleetText, 'planted.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.fleet;
}

describe('the fleet in a bundle', () => {
  it('holds no secret, nor where one is kept, in any byte of the bundle', async () => {
    const environment = ['VK01_SSH_PASSPHRASE', 'VK01_PG_PASSWORD', 'VK01_RABBIT_PASSWORD'];
    for (const name of environment) process.env[name] = SECRET;
    try {
      const outFile = join(temporaryDirectory('fleet-bundle'), 'fleet.vkbundle');
      const fleet = { fleet: loadedFleet(), source: 'file' as const };
      await exportBundle(archive, { fromMs: startMs, toMs: startMs + 60_000, outFile, fleet });
      const text = gunzipSync(readFileSync(outFile).subarray(HEADER_BYTES)).toString('utf8');
      const paths = ['id_planted_key', 'planted-ca'];
      for (const forbidden of [SECRET, ...environment, 'VK01_REDIS_PASSWORD', ...paths]) {
        expect(text).not.toContain(forbidden);
      }
      expect(text).not.toMatch(/passwordEnv|identityFile|caFile|access_token|metrics:/);
      // ... while what a reviewer needs is still there.
      expect(text).toContain('"host":"10.0.0.11"');
      expect(text).toContain('"prometheus":"http://10.0.0.11:9090/"');
      expect(text).toContain('"hostKey":"SHA256:');
      expect(text).toContain('"tls":"verify"');
    } finally {
      for (const name of environment) delete process.env[name];
    }
  });

  it('keeps an allow-list of fields, so a field added later stays out', () => {
    const fleet = loadedFleet();
    const node = fleet.nodes.vk01 as Record<string, unknown>;
    node.ssh = { ...(node.ssh as object), futureSecretField: SECRET };
    expect(JSON.stringify(redactFleet(fleet))).not.toContain(SECRET);
  });

  it('brings the demo fleet summary back from a bundle of the demo plant', async () => {
    const fleet = demoFleet(loadDefaultScenario());
    const outFile = join(temporaryDirectory('demo-bundle'), 'demo.vkbundle');
    const input = { fleet, source: 'demo' as const };
    await exportBundle(archive, { fromMs: startMs, toMs: startMs + 60_000, outFile, fleet: input });
    const review = await openBundleForReview(outFile);
    try {
      expect(review.fleet?.summary).toEqual(summarizeFleet(fleet, 'demo'));
      expect(review.fleet?.fleet.nodes.vk01?.host).toBe(fleet.nodes.vk01?.host);
      expect(review.header.deployment).toBe('03002');
    } finally {
      review.close();
    }
  });
});
