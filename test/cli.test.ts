import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarks } from '../electron/bench/bench';
import { EXIT_BAD_INPUT, EXIT_OK, run, type Output } from '../electron/cli';

const benchmarkNames = Object.keys(benchmarks).join(', ');
import { parseSnapshot, type Snapshot } from '../shared/snapshot';
import { temporaryDirectory } from './helpers/temporary';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

describe('the control-room command line', () => {
  it('prints its version from package.json', async () => {
    const output = capture();
    expect(await run(['--version'], output)).toEqual({ exitCode: EXIT_OK });
    expect(output.lines).toEqual(['0.1.0']);
  });

  it('prints help listing serve', async () => {
    const output = capture();
    expect(await run(['--help'], output)).toEqual({ exitCode: EXIT_OK });
    expect(output.lines.join('\n')).toMatch(
      /serve \[--fleet F \| --demo\] \[--port N\] \[--host H\]/,
    );
  });

  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['serve', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['serve', '--port', '80; rm -rf /'], '--port must be a whole number'],
    [['serve', '--host', 'http://evil/'], '--host must be an address or host name'],
    [['serve', '--colour'], "Unknown option '--colour'"],
    [['snapshot'], 'snapshot needs --fleet FILE'],
    [['snapshot', '--fleet', '/nonexistent/fleet.yaml'], '/nonexistent/fleet.yaml: cannot read'],
    [['snapshot', '--demo', '--fleet', 'f.yaml'], 'choose --fleet FILE or --demo, not both'],
    [['snapshot', '--demo', '--at', 'yesterday'], '--at must be an ISO-8601 time'],
    [['snapshot', '--fleet', 'f.yaml', '--at', '2026-02-18T22:00:00Z'], '--at applies to the demo'],
    [['bench', 'warp-drive'], `no benchmark named 'warp-drive' (known: ${benchmarkNames})`],
  ])('exits 2 with a message naming the problem for %j', async (argv, message) => {
    const output = capture();
    expect(await run(argv, output)).toEqual({ exitCode: EXIT_BAD_INPUT });
    expect(output.errors.join('\n')).toContain(message);
  });
});

describe('control-room snapshot', () => {
  it('exits 2 naming the file, line and field of a bad fleet file', async () => {
    const file = join(temporaryDirectory('fleet'), 'fleet.yaml');
    writeFileSync(
      file,
      'deployment: "03002"\nnodes:\n  vk01:\n    role: processing\n' +
        '    host: 10.0.0.1\n    ssh: { port: 22 }\n',
    );
    const output = capture();
    expect(await run(['snapshot', '--fleet', file], output)).toEqual({ exitCode: EXIT_BAD_INPUT });
    expect(output.errors.join('\n')).toContain(`${file}:6: nodes.vk01.ssh.user: missing`);
  });

  it('exits 0 with a snapshot that says a node is down when nothing answers', async () => {
    const file = join(temporaryDirectory('fleet'), 'fleet.yaml');
    const node = '    role: processing\n    host: 127.0.0.99\n    redis: { port: 4000 }\n';
    writeFileSync(file, `deployment: "03002"\nnodes:\n  vk09:\n${node}`);
    const output = capture();
    expect(await run(['snapshot', '--fleet', file], output)).toEqual({ exitCode: EXIT_OK });
    const snapshot = JSON.parse(output.lines.join('\n')) as Snapshot;
    expect(parseSnapshot(snapshot).ok).toBe(true);
    expect(snapshot.nodes.vk09?.reachability.redis).toMatchObject({
      state: 'down',
      error: { kind: 'socket' },
    });
    expect(snapshot.nodes.vk09?.redis).toBeNull();
    expect(snapshot.nodes.vk09?.missing.redis?.kind).toBe('channel-down');
  });
});

describe('control-room snapshot --demo', () => {
  it('prints the same valid snapshot of the simulated 03002 on every run', async () => {
    const texts: string[] = [];
    for (const _run of [1, 2]) {
      const output = capture();
      const moment = ['--at', '2026-02-18T22:08:00-03:00'];
      expect(await run(['snapshot', '--demo', ...moment], output)).toEqual({ exitCode: EXIT_OK });
      texts.push(output.lines.join('\n'));
    }
    expect(texts[0]).toBe(texts[1]);
    const snapshot = JSON.parse(texts[0] ?? '') as Snapshot;
    expect(parseSnapshot(snapshot).ok).toBe(true);
    expect(snapshot).toMatchObject({ deployment: '03002', takenAt: '2026-02-19T01:08:00.000Z' });
    expect(Object.keys(snapshot.nodes)).toEqual(['vk01', 'vk02', 'vk03']);
  });
});

describe('control-room serve, run as a program', () => {
  it('prints one line with the URL and refuses requests without its token', async () => {
    const child = spawn(process.execPath, ['bin/control-room.js', 'serve', '--port', '0'], {
      env: {
        ...process.env,
        CONTROL_ROOM_DATA_DIR: temporaryDirectory('serve'),
        CONTROL_ROOM_TOKEN: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await firstLine(child.stdout);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(line)?.[1];
      expect(url, line).toBeDefined();

      const origin = new URL(url!).origin;
      expect((await fetch(`${origin}/`)).status).toBe(403);
      expect([200, 503]).toContain((await fetch(url!)).status);
    } finally {
      child.kill('SIGTERM');
    }
    const exitCode = await new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    expect(exitCode).toBe(0);
  });
});

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    stream.once('end', () => reject(new Error(`no line printed: ${text}`)));
  });
}
