import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { dataDirectory, redactText } from '../electron/log';
import { temporaryDirectory } from './helpers/temporary';

describe('redactText', () => {
  it.each([
    ['password=hunter2 user=vk', 'password=[redacted] user=vk'],
    ['PGPASSWORD: "s3cr3t"', 'PGPASSWORD: [redacted]'],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [redacted]'],
    ['amqp://guest:guest@10.0.0.11:5672', 'amqp://guest:[redacted]@10.0.0.11:5672'],
    ['GET /?token=abcDEF123 HTTP/1.1', 'GET /?token=[redacted] HTTP/1.1'],
  ])('scrubs %s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('removes private keys whole', () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n' +
      '-----END OPENSSH PRIVATE KEY-----';
    expect(redactText(`key: ${key} end`)).toBe('key: [private key] end');
  });

  it('leaves ordinary plant text alone', () => {
    const line = 'FATAL:  database "visionking" does not exist; Velocidade_Tratada=12.5';
    expect(redactText(line)).toBe(line);
  });
});

describe('the data directory', () => {
  it('follows CONTROL_ROOM_DATA_DIR, else XDG_DATA_HOME on Linux', () => {
    expect(dataDirectory({ CONTROL_ROOM_DATA_DIR: '/srv/cr' })).toBe('/srv/cr');
    if (process.platform === 'linux') {
      expect(dataDirectory({ XDG_DATA_HOME: '/x' })).toBe('/x/visionking-control-room');
    }
  });
});

describe('the module logger', () => {
  it('writes ISO times, the module name and never a secret to its file', async () => {
    const folder = temporaryDirectory('log');
    const module = JSON.stringify(join(process.cwd(), 'electron/log.ts'));
    const script = `
      import { configureLogging, createLogger } from ${module};
      configureLogging({ file: ${JSON.stringify(join(folder, 'app.log'))} });
      const log = createLogger('ssh');
      log.info({ password: 'hunter2', node: 'vk02' }, 'connecting with password=hunter2');
      log.error({ err: new Error('auth failed for postgres://vk:hunter2@db:2345') }, 'failed');
    `;
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    const text = readFileSync(join(folder, 'app.log'), 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

    expect(text).not.toContain('hunter2');
    expect(lines[0]).toMatchObject({
      level: 'info',
      module: 'ssh',
      node: 'vk02',
      password: '[redacted]',
    });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lines[1]).toMatchObject({ level: 'error', err: { type: 'Error' } });
    expect(pino.levels.values.error ?? 0).toBeGreaterThan(pino.levels.values.info ?? 0);
  });
});
