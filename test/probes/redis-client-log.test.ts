import { describe, expect, it } from 'vitest';
import { parseRedisClientErrors } from '../../electron/probes/redis-client-log';
import { readFixture } from './fixtures';

const FOLDER = '09-redis-info-ioredis';
const parse = (file: string) => parseRedisClientErrors(readFixture(FOLDER, file));

describe('Redis client errors in application logs', () => {
  it('reads ENOTFOUND through the quote prefix, with the port inside the host', () => {
    const { value } = parse('ioredis-4.26-enotfound-host-includes-port-quoted-with-lt.txt');
    expect(value).toEqual([
      {
        line: 1,
        kind: 'dns',
        target: '127.0.0.1:6379',
        timeText: null,
        message: '[ioredis] Unhandled error event: Error: getaddrinfo ENOTFOUND 127.0.0.1:6379',
      },
    ]);
  });

  it('counts ETIMEDOUT once, not again in the error object fields', () => {
    const { value } = parse('ioredis-5.7.0-etimedout-error-object.txt');
    expect(value.map((error) => [error.line, error.kind, error.target])).toEqual([
      [1, 'timeout', null],
    ]);
  });

  it('finds "all sentinels unreachable" behind a double timestamp prefix', () => {
    const { value } = parse(
      'ioredis-sentinel-debug-double-timestamp-prefix-all-sentinels-unreachable-masked-ip.txt',
    );
    expect(value).toEqual([
      expect.objectContaining({
        line: 9,
        kind: 'sentinels-unreachable',
        timeText: '2021-07-25 17:44:08.039',
      }),
    ]);
  });

  it('reads each ECONNREFUSED statement of the unhandled-rejection banner', () => {
    const { value } = parse(
      'ioredis-unhandled-rejection-and-unhandled-error-event-econnrefused-k8s.txt',
    );
    expect(value.map((error) => [error.line, error.kind, error.target])).toEqual([
      [2, 'refused', '127.0.0.1:6379'],
      [5, 'refused', '127.0.0.1:6379'],
      [7, 'refused', '127.0.0.1:6379'],
      [9, 'refused', '127.0.0.1:6379'],
    ]);
  });

  it('reads MaxRetriesPerRequestError under the NestJS winston prefix, once', () => {
    const { value } = parse('nestjs-winston-ioredis-max-retries-per-request-error-excerpt.txt');
    expect(value.map((error) => [error.line, error.kind])).toEqual([[1, 'max-retries']]);
  });

  it('sorts the reconnect loop of the reference report by kind and target', () => {
    const text = [
      '[Nest] 1  - 02/18/2026, 9:40:01 PM   ERROR [RedisService] ' +
        'Error: connect ECONNREFUSED 10.244.70.26:4000',
      '[ioredis] Unhandled error event: Error: connect EHOSTUNREACH 10.244.70.26:4000',
      '2026-02-18T21:41:00.000Z Error: read ECONNRESET',
    ].join('\n');
    expect(parseRedisClientErrors(text).value.map((error) => [error.kind, error.target])).toEqual([
      ['refused', '10.244.70.26:4000'],
      ['unreachable', '10.244.70.26:4000'],
      ['reset', null],
    ]);
  });
});
