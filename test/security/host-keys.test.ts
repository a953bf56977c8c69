// Host keys on the test plant's real sshd: an unknown key is shown for approval, an approved key is
// pinned in the fleet file (comments kept) and lets the node in, a changed key blocks the node with
// both fingerprints until an operator re-approves. Run: flock /tmp/plant.lock npx vitest run ...
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFleetFile } from '../../electron/fleet/load';
import { fetchHostKey, judgeHostKey, pinHostKey } from '../../electron/fleet/pin-host-key';
import { SshConnection } from '../../electron/transport/ssh';
import { temporaryDirectory } from '../helpers/temporary';
import { startPlant, type NodeId, type Plant } from '../plant/plant';

let plant: Plant;
const open: SshConnection[] = [];

beforeAll(async () => {
  plant = await startPlant();
});

afterAll(async () => {
  for (const connection of open) connection.close();
  await plant?.stop();
});

/** A fleet file as an operator writes it, comments included; `pins` sets hostKey per node. */
function writeFleet(pins: Partial<Record<NodeId, string>>): string {
  const lines = ['# Line 03002 (test plant)', 'deployment: "03002"', 'nodes:'];
  for (const node of ['vk01', 'vk02'] as const) {
    const { address, sshPort } = plant.nodes[node];
    lines.push(
      `  ${node}: # ${node === 'vk01' ? 'left camera rack' : 'right camera rack'}`,
      '    role: processing',
      `    host: ${address}`,
      '    ssh:',
      `      user: ${plant.sshUser} # the deployment account`,
      `      port: ${sshPort}`,
      `      identityFile: ${plant.clientKeyPath}`,
      ...(pins[node] ? [`      hostKey: ${pins[node]}`] : []),
    );
  }
  const file = join(temporaryDirectory('host-keys'), 'fleet.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Connects to a node exactly as the fleet file says. */
async function execThroughFleet(file: string, node: NodeId) {
  const loaded = loadFleetFile(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const settings = loaded.fleet.nodes[node]?.ssh;
  if (!settings) throw new Error(`no ssh for ${node}`);
  const connection = new SshConnection({
    nodeId: node,
    host: plant.nodes[node].address,
    settings,
    backoffInitialMs: 50,
    backoffMaxMs: 100,
  });
  open.push(connection);
  return connection.exec({ argv: ['sh', '-c', 'echo "$VK_NODE"'] });
}

describe('an unknown host key', () => {
  it('is refused, and its fingerprint is shown for approval', async () => {
    const file = writeFleet({});
    const result = await execThroughFleet(file, 'vk01');
    const presented = plant.nodes.vk01.hostKeyFingerprint;

    expect(result).toMatchObject({ ok: false, error: { kind: 'host-key' } });
    expect(JSON.stringify(result)).toContain(presented);
    expect(await fetchHostKey(plant.nodes.vk01.address, plant.nodes.vk01.sshPort)).toEqual({
      ok: true,
      fingerprint: presented,
    });
    const verdict = judgeHostKey('vk01', undefined, presented);
    expect(verdict).toMatchObject({ status: 'unknown', presented });
    expect(verdict.status === 'unknown' && verdict.message).toContain('ssh-keygen -lf');
  });

  it('fetching a key from a port with no sshd is a socket error, not a fingerprint', async () => {
    const result = await fetchHostKey('127.0.0.11', 1, 2_000);
    expect(result).toMatchObject({ ok: false, error: { kind: 'socket' } });
  });
});

describe('an approved host key', () => {
  it('is pinned in the fleet file with its comments kept, and lets the node in', async () => {
    const file = writeFleet({});
    const fetched = await fetchHostKey(plant.nodes.vk01.address, plant.nodes.vk01.sshPort);
    if (!fetched.ok) throw new Error(fetched.error.message);

    expect(pinHostKey(file, 'vk01', fetched.fingerprint)).toEqual({
      ok: true,
      changed: true,
      previous: null,
    });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Line 03002 (test plant)');
    expect(text).toContain('# left camera rack');
    expect(text).toContain('# the deployment account');
    expect(text).toContain(`hostKey: ${fetched.fingerprint}`);
    expect(text.match(/hostKey/g)).toHaveLength(1);
    expect(await execThroughFleet(file, 'vk01')).toMatchObject({ ok: true, stdout: 'vk01\n' });
    // vk02 was not approved and stays blocked.
    expect(await execThroughFleet(file, 'vk02')).toMatchObject({ error: { kind: 'host-key' } });
    // Approving the same key again changes nothing.
    expect(pinHostKey(file, 'vk01', fetched.fingerprint)).toMatchObject({ changed: false });
  });
});

describe('a changed host key', () => {
  it('blocks the node with both fingerprints until an operator re-approves', async () => {
    // vk02's pin is vk01's key: to the client, vk02 now presents a different key.
    const stale = plant.nodes.vk01.hostKeyFingerprint;
    const presented = plant.nodes.vk02.hostKeyFingerprint;
    const file = writeFleet({ vk02: stale });

    const blocked = await execThroughFleet(file, 'vk02');
    expect(blocked).toMatchObject({ ok: false, error: { kind: 'host-key' } });
    const message = blocked.ok ? '' : blocked.error.message;
    expect(message).toContain('HOST KEY CHANGED');
    expect(message).toContain(stale);
    expect(message).toContain(presented);
    const verdict = judgeHostKey('vk02', stale, presented);
    expect(verdict).toMatchObject({ status: 'changed', pinned: stale, presented });

    // An approval that does not name the pinned key replaces nothing.
    const before = readFileSync(file, 'utf8');
    const refused = pinHostKey(file, 'vk02', presented);
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.message).toContain(stale);
    expect(pinHostKey(file, 'vk02', presented, { replacing: presented })).toMatchObject({
      ok: false,
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(await execThroughFleet(file, 'vk02')).toMatchObject({ ok: false });

    // The operator re-approves, naming the key they saw pinned.
    expect(pinHostKey(file, 'vk02', presented, { replacing: stale })).toEqual({
      ok: true,
      changed: true,
      previous: stale,
    });
    expect(await execThroughFleet(file, 'vk02')).toMatchObject({ ok: true, stdout: 'vk02\n' });
  });
});

describe('pinning refuses bad input with a clear message', () => {
  it.each([
    ['vk01', 'SHA256:short', /not a SHA256/],
    ['vk09', 'SHA256:' + 'A'.repeat(43), /no node vk09 with an ssh section/],
  ])('node %s, key %s', (node, fingerprint, message) => {
    const file = writeFleet({});
    const result = pinHostKey(file, node, fingerprint);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('leaves a file that is not YAML alone', () => {
    const file = join(temporaryDirectory('host-keys'), 'broken.yaml');
    writeFileSync(file, 'nodes: [unclosed\n');
    const result = pinHostKey(file, 'vk01', 'SHA256:' + 'A'.repeat(43));
    expect(result).toEqual({
      ok: false,
      message: `${file} is not valid YAML; fix it before approving keys`,
    });
    expect(readFileSync(file, 'utf8')).toBe('nodes: [unclosed\n');
  });
});
