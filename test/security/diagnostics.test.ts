// The rotating log and "copy diagnostics": versions, the fleet file without secrets or comments,
// the health of every channel and the latest log lines, with no secret anywhere in it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { gatherDiagnostics, secretVariableNames } from '../../electron/diagnostics';
import { openRotatingLog, rotatedLogFiles } from '../../electron/log';
import { temporaryDirectory } from '../helpers/temporary';

const SECRET = 'Diag-planted-s3cret-4412';

const fleetText = `# 03002; the old password was ${SECRET} (someone's note)
deployment: "03002"
nodes:
  vk01:
    role: processing
    host: 10.244.70.26
    ssh: { user: visionking, passwordEnv: VK01_SSH_PASSWORD }
    postgres:
      passwordEnv: VK01_PG_PASSWORD # ${SECRET}
    redis: { port: 4000, password: ${SECRET} }
`;

const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the rotating log', () => {
  it('rolls files at the size limit and keeps only the newest few', async () => {
    const directory = temporaryDirectory('rotating-log');
    const destination = openRotatingLog(directory, { maxFileBytes: 4_096, keptFiles: 2 });
    const log = pino({}, destination);
    log.info({ line: 0 }, 'a line of about a hundred bytes');
    await destination.ready;
    // pino-roll checks the size after each write to disk: write in bursts, as an app does.
    for (let burst = 0; burst < 30; burst++) {
      for (let index = 1; index <= 30; index++) {
        log.info({ line: burst * 30 + index }, 'a line of about a hundred bytes');
      }
      await waitMs(20);
    }
    await waitMs(300);

    const files = rotatedLogFiles(directory);
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    expect(files.every((file) => /control-room\.\d+\.log$/.test(file))).toBe(true);
    const lines = files
      .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { line: number }).line);
    // The newest line is the last written, and the kept files hold the latest lines in order.
    expect(lines.at(-1)).toBe(900);
    expect(lines).toEqual([...lines].sort((left, right) => left - right));
    expect(lines.length).toBeLessThan(200);
  });

  it('keeps lines written before its first file is open', async () => {
    const directory = temporaryDirectory('rotating-log');
    const destination = openRotatingLog(directory, { maxFileBytes: 4_096, keptFiles: 2 });
    pino({}, destination).info('written at once');
    await destination.ready;
    await waitMs(100);
    const [file] = rotatedLogFiles(directory);
    expect(readFileSync(file ?? '', 'utf8')).toContain('"msg":"written at once"');
  });

  it('lists no files for a folder that does not exist', () => {
    expect(rotatedLogFiles('/nonexistent/control-room/logs')).toEqual([]);
  });
});

describe('copy diagnostics', () => {
  function setUp() {
    const folder = temporaryDirectory('diagnostics');
    const fleetFile = join(folder, 'fleet.yaml');
    writeFileSync(fleetFile, fleetText);
    const logDirectory = join(folder, 'logs');
    mkdirSync(logDirectory);
    const older = Array.from({ length: 5 }, (_, index) => `{"msg":"older ${index}"}`);
    writeFileSync(join(logDirectory, 'control-room.1.log'), `${older.join('\n')}\n`);
    const leaked = `{"msg":"driver said: auth failed for ${SECRET}"}`;
    const newer = [`{"msg":"newer 0"}`, leaked, `{"msg":"newer 2"}`];
    writeFileSync(join(logDirectory, 'control-room.2.log'), `${newer.join('\n')}\n`);
    return { fleetFile, logDirectory };
  }

  const health = {
    vk01: {
      ssh: { state: 'up', since: '2026-02-19T01:00:00.000Z', lastError: null },
      postgres: {
        state: 'down',
        since: '2026-02-19T01:02:00.000Z',
        lastError: { kind: 'auth', message: 'password authentication failed' },
      },
    },
  };

  it('gathers versions, the fleet, every channel and recent lines, and no secret', () => {
    const { fleetFile, logDirectory } = setUp();
    const env = { VK01_PG_PASSWORD: SECRET };
    const text = gatherDiagnostics({
      appVersion: '0.1.0',
      fleetFile,
      logDirectory,
      health,
      env,
      logLines: 6,
      now: new Date('2026-02-19T01:05:00Z'),
    });

    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(text).toContain('VisionKing Control Room diagnostics, 2026-02-19T01:05:00.000Z');
    expect(text).toContain('app 0.1.0');
    expect(text).toContain(`node ${process.versions.node}`);
    expect(text).toContain('host: 10.244.70.26');
    expect(text).toContain('password: "[removed]"');
    expect(text).not.toContain('# 03002');
    expect(text).toContain('  VK01_PG_PASSWORD: set');
    expect(text).toContain('  VK01_SSH_PASSWORD: NOT SET');
    expect(text).toContain('vk01 ssh: up since 2026-02-19T01:00:00.000Z');
    expect(text).toContain('vk01 postgres: down since 2026-02-19T01:02:00.000Z (auth:');
    // The last six lines, across the rotated files, oldest first.
    const logPart = text.slice(text.indexOf('== Recent log lines =='));
    expect(logPart.split('\n').slice(1)).toEqual([
      '{"msg":"older 2"}',
      '{"msg":"older 3"}',
      '{"msg":"older 4"}',
      '{"msg":"newer 0"}',
      '{"msg":"driver said: auth failed for [redacted]"}',
      '{"msg":"newer 2"}',
    ]);
  });

  it('says what is missing instead of failing: no fleet, no health, no logs', () => {
    const text = gatherDiagnostics({
      appVersion: '0.1.0',
      fleetFile: null,
      logDirectory: '/nonexistent/logs',
      health: null,
    });
    expect(text).toContain('none (demo plant or no fleet chosen)');
    expect(text).toContain('no collector is running');
    expect(text).toContain('no log files in /nonexistent/logs');
  });

  it('quotes the problems, not the text, of a fleet file that is not YAML', () => {
    const folder = temporaryDirectory('diagnostics');
    const fleetFile = join(folder, 'fleet.yaml');
    writeFileSync(fleetFile, `nodes: [${SECRET}\n`);
    const text = gatherDiagnostics({
      appVersion: '0',
      fleetFile,
      logDirectory: folder,
      health: null,
    });
    expect(text).toContain(`${fleetFile}: not valid YAML`);
    expect(text).not.toContain(SECRET);
    const missing = gatherDiagnostics({
      appVersion: '0',
      fleetFile: join(folder, 'absent.yaml'),
      logDirectory: folder,
      health: null,
    });
    expect(missing).toMatch(/absent\.yaml: cannot read it: ENOENT/);
    writeFileSync(fleetFile, 'nodes: *nowhere\n');
    const dangling = gatherDiagnostics({
      appVersion: '0',
      fleetFile,
      logDirectory: folder,
      health: null,
    });
    expect(dangling).toContain('its YAML cannot be written back');
  });

  it('finds every secret variable the fleet file names', () => {
    expect(secretVariableNames(fleetText)).toEqual(['VK01_PG_PASSWORD', 'VK01_SSH_PASSWORD']);
  });
});
