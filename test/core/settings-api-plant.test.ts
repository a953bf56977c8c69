// Host-key approval through the settings requests, on the test plant's real sshd: an unknown key
// is shown with its fingerprint, approving pins it in the fleet file, a changed key is reported
// with both fingerprints and is re-approved only by naming the key it replaces.
// Run: flock /tmp/plant.lock npx vitest run test/core/settings-api-plant.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { ApiError, createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { temporaryDirectory } from '../helpers/temporary';
import { startPlant, type Plant } from '../plant/plant';

/** A key no plant node presents: what the fleet file pinned before the node was reinstalled. */
const OLD_KEY = `SHA256:${'Q'.repeat(43)}`;

let plant: Plant;
const opened: { core: Core; client: ApiClient }[] = [];

beforeAll(async () => {
  plant = await startPlant();
});

afterEach(async () => {
  for (const { core, client } of opened.splice(0)) {
    client.close();
    await core.stop();
  }
});

afterAll(async () => {
  await plant?.stop();
});

function writeFleet(hostKey?: string): string {
  const { address, sshPort } = plant.nodes.vk02;
  const lines = [
    'deployment: "03002"',
    'nodes:',
    '  vk02: # right camera rack',
    '    role: processing',
    `    host: ${address}`,
    '    ssh:',
    `      user: ${plant.sshUser}`,
    `      port: ${sshPort}`,
    `      identityFile: ${plant.clientKeyPath}`,
    ...(hostKey ? [`      hostKey: ${hostKey}`] : []),
  ];
  const file = join(temporaryDirectory('settings-plant'), 'fleet.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function connect(fleetFile: string): ApiClient {
  const core = createCore({
    mode: 'test',
    fleet: { source: 'file', deployment: '03002', nodes: [] },
    fleetFile,
  });
  const [clientPipe, corePipe] = createMemoryPipePair();
  core.router.attach(corePipe);
  const client = createClient(clientPipe);
  opened.push({ core, client });
  return client;
}

describe('host keys through the settings requests', () => {
  it('shows an unknown key, pins it on approval, then calls it approved', async () => {
    const file = writeFleet();
    const client = connect(file);
    const presented = plant.nodes.vk02.hostKeyFingerprint;

    const unknown = await client.call('hostKey.check', { node: 'vk02' });
    expect(unknown).toMatchObject({
      node: 'vk02',
      state: 'unknown',
      fingerprint: presented,
      pinned: null,
    });
    expect(unknown.message).toContain('ssh-keygen -lf');

    const approved = await client.call('hostKey.approve', { node: 'vk02', fingerprint: presented });
    expect(approved).toMatchObject({ changed: true, previous: null });
    expect(readFileSync(file, 'utf8')).toContain(`hostKey: ${presented}`);
    expect(readFileSync(file, 'utf8')).toContain('# right camera rack');

    expect(await client.call('hostKey.check', { node: 'vk02' })).toEqual({
      node: 'vk02',
      state: 'approved',
      fingerprint: presented,
      pinned: presented,
      message: null,
    });
  });

  it('reports a changed key with both fingerprints until it is re-approved by name', async () => {
    const file = writeFleet(OLD_KEY);
    const client = connect(file);
    const presented = plant.nodes.vk02.hostKeyFingerprint;

    const changed = await client.call('hostKey.check', { node: 'vk02' });
    expect(changed).toMatchObject({ state: 'changed', fingerprint: presented, pinned: OLD_KEY });
    expect(changed.message).toContain('HOST KEY CHANGED for vk02');
    expect(changed.message).toContain(OLD_KEY);
    expect(changed.message).toContain(presented);

    const blind = await client
      .call('hostKey.approve', { node: 'vk02', fingerprint: presented })
      .catch((error: unknown) => error);
    expect(blind).toBeInstanceOf(ApiError);
    expect((blind as ApiError).message).toContain(`vk02 already pins ${OLD_KEY}`);
    expect(readFileSync(file, 'utf8')).toContain(`hostKey: ${OLD_KEY}`);

    const reapproved = await client.call('hostKey.approve', {
      node: 'vk02',
      fingerprint: presented,
      replacing: OLD_KEY,
    });
    expect(reapproved).toMatchObject({ changed: true, previous: OLD_KEY });
    expect(await client.call('hostKey.check', { node: 'vk02' })).toMatchObject({
      state: 'approved',
      pinned: presented,
    });
  });

  it('says unreachable with the reason while the node sshd is stopped', async () => {
    const client = connect(writeFleet(plant.nodes.vk02.hostKeyFingerprint));
    await plant.stop('vk02', 'sshd');
    try {
      const answer = await client.call('hostKey.check', { node: 'vk02' });
      expect(answer).toMatchObject({ state: 'unreachable', fingerprint: null });
      expect(answer.message).toMatch(/^cannot fetch vk02's host key: /);
    } finally {
      await plant.start('vk02', 'sshd');
    }
  });
});
