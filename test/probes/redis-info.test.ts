import { describe, expect, it } from 'vitest';
import { keyCountsFor, parseRedisInfo, readKeyspaceLine } from '../../electron/probes/redis-info';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '09-redis-info-ioredis';
const files = {
  aliyun: 'aliyun-redis-5.0.5-info-all-empty-executable-negative-rss-overhead-excerpt.txt',
  baidu: 'baidu-redis-6.2.22-info-masked-asterisks-nonnumeric-version-excerpt.txt',
  pika: 'pika-3.4.0-info-all-nonstandard-keyspace-netdata-testdata.txt',
  crashReport: 'redis-2.9.50-crash-report-info-cluster-keyspace-blank-lines-excerpt.txt',
  redis6: 'redis-6.0.9-info-all-resp-length-prefix-netdata-testdata.txt',
  keyspaceGap: 'redis-info-keyspace-multi-db-gap-db1-missing-2015.txt',
};
const clientLogs = [
  'ioredis-4.26-enotfound-host-includes-port-quoted-with-lt.txt',
  'ioredis-5.7.0-etimedout-error-object.txt',
  'ioredis-sentinel-debug-double-timestamp-prefix-all-sentinels-unreachable-masked-ip.txt',
  'ioredis-unhandled-rejection-and-unhandled-error-event-econnrefused-k8s.txt',
  'nestjs-winston-ioredis-max-retries-per-request-error-excerpt.txt',
];
const parse = (file: string) => parseRedisInfo(readFixture(FOLDER, file));

it('covers every fixture of the folder (client logs in redis-client-log.test.ts)', () => {
  expectAllCovered(FOLDER, [...Object.values(files), ...clientLogs]);
});

describe('Redis INFO', () => {
  it('reads Redis 6.0.9 INFO ALL after its RESP length line', () => {
    const { value, problems } = parse(files.redis6);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      version: '6.0.9',
      uptimeSeconds: 252812,
      usedMemoryBytes: 867160,
      connectedClients: 1,
      keyspace: [{ db: 0, keys: 4, expires: 0, avgTtlMs: 0 }],
      missing: {},
    });
    expect(value.sections.Commandstats?.cmdstat_info).toBe(
      'calls=132,usec=37296,usec_per_call=282.55',
    );
    expect(value.sections.Server?.config_file).toBe('');
  });

  it('reads a managed Redis with empty values and a negative overhead', () => {
    const { value, problems } = parse(files.aliyun);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      version: '5.0.5',
      uptimeSeconds: 416971,
      usedMemoryBytes: 41748328,
      connectedClients: 10,
      keyspace: [],
    });
    expect(value.sections.Memory?.rss_overhead_bytes).toBe('-47247360');
    expect(value.sections.Server?.executable).toBe('');
  });

  it('keeps masked and vendor values as text without a problem', () => {
    const { value, problems } = parse(files.baidu);
    expect(problems).toEqual([]);
    expect(value.version).toBe('6.2.22(Baidu Released)');
    expect(value.sections.Server?.process_id).toBe('33***');
    expect(value.sections.Server?.g_shard_id).toBe('0');
    expect(value).toMatchObject({ connectedClients: 3030, uptimeSeconds: 9463055 });
  });

  it('reports a masked summary field as unparsed, naming the field', () => {
    const result = parseRedisInfo('# Clients\nconnected_clients:30**\n');
    expect(result.value.connectedClients).toBeNull();
    expect(result.value.missing.connectedClients).toEqual({
      kind: 'unparsed',
      detail: 'connected_clients: "30**"',
    });
    expect(problemTexts(result)).toEqual(['field connected_clients: not a number: "30**"']);
  });

  it('reads Pika: its version field, per-type keyspace lines and a line it does not know', () => {
    const result = parse(files.pika);
    expect(result.value).toMatchObject({
      version: '3.4.0',
      uptimeSeconds: 72089,
      usedMemoryBytes: 8430,
      connectedClients: 1,
      keyspace: [{ db: 0, keys: 0, expires: 0, avgTtlMs: 0 }],
    });
    expect(Object.keys(result.value.sections)).toContain('Replication(MASTER)');
    expect(problemTexts(result)).toEqual([
      'line 59: not a key:value line: "db0 binlog_offset=0 440,safety_purge=none"',
    ]);
  });

  it('reads a crash-report fragment with blank lines after headers', () => {
    const { value, problems } = parse(files.crashReport);
    expect(problems).toEqual([]);
    expect(value.keyspace).toEqual([{ db: 0, keys: 685, expires: 55, avgTtlMs: 4453510 }]);
    expect(value.sections.Cluster?.cluster_enabled).toBe('1');
    expect(value.sections.Keyspace?.hash_init_value).toBe('1407008056');
    expect(value.version).toBeNull();
    expect(value.missing.version?.kind).toBe('unavailable');
  });

  it('fills the databases INFO leaves out (empty ones) with a real 0', () => {
    const { value, problems } = parse(files.keyspaceGap);
    expect(problems).toEqual([]);
    expect(value.keyspace.map((database) => database.db)).toEqual([0, 2, 3, 4, 5, 6]);
    expect(value.keyspace[3]).toEqual({ db: 4, keys: 20815, expires: 20815, avgTtlMs: 12777452 });
    expect(keyCountsFor(value.keyspace, [0, 1, 2, 3])).toEqual([
      { db: 0, keys: 1, expires: 0, avgTtlMs: 0 },
      { db: 1, keys: 0, expires: 0, avgTtlMs: 0 },
      { db: 2, keys: 107, expires: 17, avgTtlMs: 24556683 },
      { db: 3, keys: 24, expires: 4, avgTtlMs: 32160945 },
    ]);
  });

  it('reads keyspace lines of both dialects and rejects others', () => {
    expect(readKeyspaceLine('db3:keys=24,expires=4,avg_ttl=32160945')).toEqual({
      db: 3,
      keys: 24,
      expires: 4,
      avgTtlMs: 32160945,
    });
    expect(readKeyspaceLine('db0 Hashes_keys=7, expires=1, invalid_keys=0')?.keys).toBe(7);
    expect(readKeyspaceLine('db_size:473558')).toBeNull();
  });

  it('says so when the output holds no INFO at all', () => {
    expect(problemTexts(parseRedisInfo(''))).toEqual(['no INFO fields']);
    expect(problemTexts(parseRedisInfo('-NOAUTH Authentication required.'))).toEqual([
      'line 1: not a key:value line: "-NOAUTH Authentication required."',
      'no INFO fields',
    ]);
  });
});
