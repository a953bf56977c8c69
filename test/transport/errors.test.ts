// Error sorting, deadlines, failure logging and secrets: the pieces every transport shares.
import { promises as dns } from 'node:dns';
import net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { errorKinds } from '../../shared/snapshot';
import type { Logger } from '../../electron/log';
import {
  classifyError,
  FailureReporter,
  TransportTimeoutError,
  withTimeout,
} from '../../electron/transport/errors';
import { readSecret, resolveSecret } from '../../electron/transport/secrets';

/** An error shaped like a driver's: a message plus the fields drivers add. */
function driverError(message: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), fields);
}

function connectError(port: number): Promise<Error> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', resolve);
    socket.on('connect', () => {
      socket.destroy();
      resolve(new Error('unexpectedly connected'));
    });
  });
}

describe('classifyError', () => {
  it('sorts real socket and DNS failures', async () => {
    const refused = classifyError(await connectError(1));
    expect(refused).toEqual({ kind: 'socket', message: 'connect ECONNREFUSED 127.0.0.1:1' });

    const lookup = await dns.lookup('no-such-host.invalid').catch((error: unknown) => error);
    expect(classifyError(lookup)).toMatchObject({ kind: 'dns' });
  });

  it.each([
    ['ECONNRESET', 'socket'],
    ['EHOSTUNREACH', 'socket'],
    ['ENETUNREACH', 'socket'],
    ['EPIPE', 'socket'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ETIMEDOUT', 'timeout'],
    ['ABORT_ERR', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['EPROTO', 'tls'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
  ])('sorts Node code %s as %s', (code, kind) => {
    expect(classifyError(driverError(`something ${code}`, { code }))).toMatchObject({ kind });
  });

  it.each([
    ['28P01', 'password authentication failed for user "postgres"', 'auth'],
    ['28000', 'no pg_hba.conf entry for host "10.0.0.9"', 'auth'],
    ['57014', 'canceling statement due to statement timeout', 'timeout'],
    ['57P01', 'terminating connection due to administrator command', 'socket'],
    ['57P03', 'the database system is starting up', 'socket'],
    ['08006', 'connection failure', 'socket'],
    ['3D000', 'database "visionking" does not exist', 'other'],
    ['53300', 'sorry, too many clients already', 'other'],
    ['42P01', 'relation "no_such_table" does not exist', 'protocol'],
  ])('sorts PostgreSQL SQLSTATE %s (%s) as %s', (code, message, kind) => {
    const error = driverError(message, { name: 'error', code, severity: 'FATAL' });
    expect(classifyError(error)).toEqual({ kind, message });
  });

  it.each([
    ['Connection terminated unexpectedly', 'socket'],
    ['timeout exceeded when trying to connect', 'timeout'],
    ['Connection terminated due to connection timeout', 'timeout'],
    ['Query read timeout', 'timeout'],
    ['SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string', 'auth'],
    ['Command timed out', 'timeout'],
    ['Connection is closed.', 'socket'],
    ["Stream isn't writeable and enableOfflineQueue options is false", 'socket'],
  ])('sorts the pg / ioredis message "%s" as %s', (message, kind) => {
    expect(classifyError(new Error(message))).toEqual({ kind, message });
  });

  it('sorts Redis reply errors: credentials as auth, others as protocol', () => {
    const reply = (message: string) => driverError(message, { name: 'ReplyError' });
    expect(classifyError(reply('NOAUTH Authentication required.')).kind).toBe('auth');
    expect(classifyError(reply('WRONGPASS invalid username-password pair')).kind).toBe('auth');
    expect(classifyError(reply('ERR invalid password')).kind).toBe('auth');
    const wrongType = reply('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(classifyError(wrongType).kind).toBe('protocol');
    const retries = driverError('Reached the max retries per request limit (which is 0).', {
      name: 'MaxRetriesPerRequestError',
    });
    expect(classifyError(retries).kind).toBe('socket');
  });

  it('looks inside the wrappers of fetch and Happy Eyeballs', () => {
    const cause = driverError('connect ECONNREFUSED 10.0.0.11:9090', { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause });
    expect(classifyError(fetchFailed)).toEqual({
      kind: 'socket',
      message: 'connect ECONNREFUSED 10.0.0.11:9090',
    });

    const attempts = [
      driverError('connect ECONNREFUSED ::1:4000', { code: 'ECONNREFUSED' }),
      driverError('connect ECONNREFUSED 127.0.0.1:4000', { code: 'ECONNREFUSED' }),
    ];
    const aggregate = Object.assign(new AggregateError(attempts, ''), { code: 'ECONNREFUSED' });
    expect(classifyError(aggregate)).toEqual({
      kind: 'socket',
      message: 'connect ECONNREFUSED ::1:4000; connect ECONNREFUSED 127.0.0.1:4000',
    });
  });

  it('sorts aborts and our own deadlines as timeout', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(classifyError(signal.reason)).toMatchObject({ kind: 'timeout' });
    expect(classifyError(new DOMException('aborted', 'AbortError')).kind).toBe('timeout');
    expect(classifyError(new TransportTimeoutError('Redis PING', 300))).toEqual({
      kind: 'timeout',
      message: 'Redis PING: no answer within 300 ms',
    });
  });

  it('keeps messages short, on one line, and free of secrets', () => {
    const leaky = new Error(
      'cannot reach postgres://postgres:hunter2@10.0.0.11:2345/postgres\n  at x',
    );
    const { message } = classifyError(leaky);
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('\n');
    expect(classifyError(new Error('x'.repeat(5_000))).message).toHaveLength(300);
  });

  it('never throws, and always answers a known kind, whatever it is given', () => {
    expect(classifyError(undefined)).toEqual({ kind: 'other', message: 'unknown error' });
    expect(classifyError('plain text')).toEqual({ kind: 'other', message: 'plain text' });
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const error = classifyError(value);
        expect(errorKinds).toContain(error.kind);
        expect(error.message.length).toBeGreaterThan(0);
        expect(error.message.length).toBeLessThanOrEqual(300);
      }),
    );
  });
});

describe('withTimeout', () => {
  it('passes the result through, or rejects at the deadline', async () => {
    await expect(withTimeout(Promise.resolve(42), 100, 'quick')).resolves.toBe(42);
    const never = new Promise<never>(() => undefined);
    const startedMs = Date.now();
    await expect(withTimeout(never, 50, 'slow')).rejects.toBeInstanceOf(TransportTimeoutError);
    expect(Date.now() - startedMs).toBeLessThan(200);
  });
});

describe('FailureReporter', () => {
  it('logs a failure when it starts or changes, and the recovery, not every repeat', () => {
    const log = { warn: vi.fn(), info: vi.fn() };
    const reporter = new FailureReporter(log as unknown as Logger, 'vk02 10.0.0.12:4000');
    const refused = { kind: 'socket' as const, message: 'connect ECONNREFUSED 10.0.0.12:4000' };
    for (let tick = 0; tick < 5; tick += 1) reporter.failed(refused);
    reporter.failed({ kind: 'socket', message: 'connect EHOSTUNREACH 10.0.0.12:4000' });
    reporter.succeeded();
    reporter.succeeded();

    expect(log.warn.mock.calls).toEqual([
      ['vk02 10.0.0.12:4000: socket: connect ECONNREFUSED 10.0.0.12:4000'],
      ['vk02 10.0.0.12:4000: socket: connect EHOSTUNREACH 10.0.0.12:4000'],
    ]);
    expect(log.info.mock.calls).toEqual([['vk02 10.0.0.12:4000: answering again']]);
  });
});

describe('secrets', () => {
  it('come only from the named environment variable', () => {
    const env = { VK01_PG_PASSWORD: 'hunter2', EMPTY: '' };
    expect(readSecret('VK01_PG_PASSWORD', env)).toBe('hunter2');
    expect(readSecret(undefined, env)).toBeUndefined();
    expect(readSecret('EMPTY', env)).toBeUndefined();
    expect(readSecret('UNSET', env)).toBeUndefined();
  });

  it('name the missing variable, never a value', () => {
    expect(resolveSecret(undefined, {})).toEqual({ ok: true, value: undefined });
    expect(resolveSecret('VK01_PG_PASSWORD', {})).toEqual({
      ok: false,
      error: {
        kind: 'not-configured',
        message:
          'the environment variable VK01_PG_PASSWORD named in the fleet file is not set ' +
          '(desktop app: enter it in Settings, Passwords and passphrases; browser mode: export it)',
      },
    });
  });
});
