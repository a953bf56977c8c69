// The SSH transport against the test plant's real OpenSSH servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshConnection, type SshOptions } from '../../electron/transport/ssh';
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

function connect(
  node: NodeId,
  overrides: Partial<SshOptions> = {},
  hostKey?: string | null,
): SshConnection {
  const { address, sshPort, hostKeyFingerprint } = plant.nodes[node];
  const pinned = hostKey === undefined ? hostKeyFingerprint : (hostKey ?? undefined);
  const connection = new SshConnection({
    nodeId: node,
    host: address,
    settings: { user: plant.sshUser, port: sshPort, hostKey: pinned },
    privateKey: plant.clientPrivateKey,
    backoffInitialMs: 100,
    backoffMaxMs: 400,
    ...overrides,
  });
  open.push(connection);
  return connection;
}

describe('the SSH transport', () => {
  it('runs commands on each node over one reused connection', async () => {
    for (const node of ['vk01', 'vk02', 'vk03'] as const) {
      const connection = connect(node);
      const first = await connection.exec({
        argv: ['docker', 'version', '--format', '{{.Server.Version}}'],
      });
      const second = await connection.exec({ argv: ['sh', '-c', 'echo "$VK_NODE"'] });
      expect(first).toMatchObject({ ok: true, exitCode: 0, stdout: '28.2.2\n' });
      expect(second).toMatchObject({ ok: true, stdout: `${node}\n` });
      expect(connection.counters).toEqual({ connections: 1, execs: 2 });
    }
  });

  it('refuses an unknown host key and shows its fingerprint for approval', async () => {
    const connection = connect('vk01', {}, null);
    const result = await connection.exec({ argv: ['true'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('host-key');
    expect(result.error.message).toContain(
      `unknown host key ${plant.nodes.vk01.hostKeyFingerprint}`,
    );
  });

  it('refuses a changed host key loudly, naming both fingerprints', async () => {
    const connection = connect('vk02', {}, plant.nodes.vk01.hostKeyFingerprint);
    const result = await connection.exec({ argv: ['true'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('host-key');
    expect(result.error.message).toContain('HOST KEY CHANGED');
    expect(result.error.message).toContain(plant.nodes.vk01.hostKeyFingerprint);
    expect(result.error.message).toContain(plant.nodes.vk02.hostKeyFingerprint);
  });

  it('gives up on a command after its timeout, closes its channel and stays usable', async () => {
    const connection = connect('vk01');
    const slow = await connection.exec({ argv: ['sleep', '5'] }, { timeoutMs: 300 });
    expect(slow).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(slow.durationMs).toBeLessThan(2_000);
    await expect(connection.exec({ argv: ['echo', 'ok'] })).resolves.toMatchObject({
      stdout: 'ok\n',
    });
  });

  it('hands output on as the command prints it, before the command ends', async () => {
    const connection = connect('vk02');
    const pieces: { stream: string; text: string; atMs: number }[] = [];
    const startedMs = performance.now();
    const result = await connection.exec(
      { argv: ['sh', '-c', 'echo first; echo oops >&2; sleep 1; echo second'] },
      {
        onOutput: (stream, text) =>
          pieces.push({ stream, text, atMs: performance.now() - startedMs }),
      },
    );
    expect(result).toMatchObject({ ok: true, stdout: 'first\nsecond\n', stderr: 'oops\n' });
    const first = pieces.find((piece) => piece.text.includes('first'))!;
    const second = pieces.find((piece) => piece.text.includes('second'))!;
    expect(pieces.filter((piece) => piece.stream === 'stderr').map((p) => p.text)).toEqual([
      'oops\n',
    ]);
    // The first line arrived while the command still slept.
    expect(second.atMs - first.atMs).toBeGreaterThan(700);
  });

  it('kills a command on the node when its signal aborts, and stays usable', async () => {
    const connection = connect('vk03');
    const marker = `sleep 37.${process.pid}`;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const cancelled = await connection.exec(
      { argv: ['sh', '-c', `exec ${marker}`] },
      { signal: controller.signal },
    );
    expect(cancelled).toMatchObject({ ok: false, error: { message: /cancelled/ } });
    expect(cancelled.durationMs).toBeLessThan(2_000);
    expect(await exitOfPgrep(connection, marker)).toBe(1);
  });

  it('kills the command too when the abort comes while its channel is opening', async () => {
    const connection = connect('vk03');
    expect((await connection.exec({ argv: ['true'] })).ok).toBe(true);
    const marker = `sleep 38.${process.pid}`;
    const controller = new AbortController();
    const pending = connection.exec(
      { argv: ['sh', '-c', `exec ${marker}`] },
      { signal: controller.signal },
    );
    // The channel-open round trip has not come back yet: the abort lands before it.
    setImmediate(() => controller.abort());
    expect(await pending).toMatchObject({ ok: false, error: { message: /cancelled/ } });
    expect(await exitOfPgrep(connection, marker)).toBe(1);
  });

  it('keeps at most maxChannels open, queueing the rest instead of failing', async () => {
    const connection = connect('vk03', { maxChannels: 2 });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => connection.exec({ argv: ['sleep', '0.1'] })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
  });

  it('fails fast while sshd is stopped and reconnects by itself once it is back', async () => {
    const connection = connect('vk02');
    await connection.exec({ argv: ['true'] });
    await plant.stop('vk02', 'sshd');
    try {
      const down = await connection.exec({ argv: ['true'] }, { timeoutMs: 3_000 });
      expect(down).toMatchObject({ ok: false, error: { kind: 'socket' } });
    } finally {
      await plant.start('vk02', 'sshd');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(connection.exec({ argv: ['echo', 'back'] })).resolves.toMatchObject({
      stdout: 'back\n',
    });
    expect(connection.counters.connections).toBe(2);
  });

  it('times out without hanging on a server that accepts but never answers', async () => {
    plant.pause('vk03', 'sshd');
    try {
      const connection = connect('vk03', { connectTimeoutMs: 1_000 });
      const result = await connection.exec({ argv: ['true'] }, { timeoutMs: 1_000 });
      expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
      expect(result.durationMs).toBeLessThan(3_000);
    } finally {
      plant.resume('vk03', 'sshd');
    }
  });

  it('notices a dead peer through keepalive', async () => {
    const connection = connect('vk01', { keepaliveIntervalMs: 300, keepaliveCountMax: 2 });
    await connection.exec({ argv: ['true'] });
    expect(connection.state).toBe('ready');
    plant.pause('vk01', 'sshd');
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(connection.state).not.toBe('ready');
    } finally {
      plant.resume('vk01', 'sshd');
    }
  });
});

/** pgrep's exit code for `marker` on the node once a kill has had up to 2 s to land (1: gone). */
async function exitOfPgrep(connection: SshConnection, marker: string): Promise<number> {
  let exitCode = -1;
  for (let attempt = 0; attempt < 20; attempt++) {
    // `[s]leep` matches the sleep but not the shell that runs this pgrep.
    const found = await connection.exec({ argv: ['pgrep', '-f', `[s]${marker.slice(1)}`] });
    exitCode = found.ok ? (found.exitCode ?? 0) : -1;
    if (exitCode === 1) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return exitCode;
}
