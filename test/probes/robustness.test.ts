// Every parser against every real output and against arbitrary text: none may throw, none may
// fall back on its last-resort guard ("parser fault"), and problems must point inside the text.
// Parsers that produce snapshot pieces must produce valid ones (null with a reason, never 0).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gpusFromPrometheus } from '../../electron/probes/dcgm';
import { hostFromNodeExporter } from '../../electron/probes/node-exporter';
import { containersFromCadvisor } from '../../electron/probes/cadvisor';
import {
  parseDockerInspect,
  parseDockerPsJson,
  parseDockerPsTable,
  parseDockerStats,
  parseDockerStatsJson,
  parseDockerStatsTable,
  parseDockerSystemDf,
} from '../../electron/probes/docker';
import { parseGunicornLog } from '../../electron/probes/gunicorn';
import {
  parseComposeVersion,
  parseDf,
  parseDockerVersion,
  parseFree,
  parseLoadavg,
  parseMeminfo,
  parseProcUptime,
  parseUptime,
} from '../../electron/probes/host';
import { summarizeLogs } from '../../electron/probes/log-levels';
import {
  gpusFromNvidiaSmiCsv,
  parseNvidiaSmiComputeApps,
  parseNvidiaSmiCsv,
  parseNvidiaSmiTable,
} from '../../electron/probes/nvidia-smi';
import type { Parsed } from '../../electron/probes/parse-result';
import { parseEngineContainers, parsePortainerEndpoints } from '../../electron/probes/portainer';
import { parsePostgresLog } from '../../electron/probes/postgres-log';
import { parsePrometheusQueryResponse } from '../../electron/probes/prometheus-api';
import { parsePrometheusText } from '../../electron/probes/prometheus-text';
import { parseRabbitmqctlQueues, parseRabbitQueues } from '../../electron/probes/rabbitmq';
import { parseRedisClientErrors } from '../../electron/probes/redis-client-log';
import { parseRedisInfo } from '../../electron/probes/redis-info';
import {
  parseChronycTracking,
  parseTimedatectlShow,
  parseTimedatectlStatus,
  parseTimesyncStatus,
} from '../../electron/probes/time-sync';
import { diskSchema, gpuSchema, queueSchema } from '../../shared/snapshot';
import { fixtureFiles, readFixture } from './fixtures';

const exposition = (text: string) => parsePrometheusText(text).value;

const parsers: Record<string, (text: string) => Parsed<unknown>> = {
  parseDockerPsJson,
  parseDockerPsTable,
  parseDockerStats,
  parseDockerStatsJson,
  parseDockerStatsTable,
  parseDockerInspect,
  parseDockerSystemDf,
  parseNvidiaSmiCsv: (text) => parseNvidiaSmiCsv(text),
  gpusFromNvidiaSmiCsv: (text) => gpusFromNvidiaSmiCsv(text),
  gpusFromNvidiaSmiCsvWithHeader: (text) => gpusFromNvidiaSmiCsv(text, null),
  parseNvidiaSmiComputeApps,
  parseNvidiaSmiTable,
  parsePrometheusText,
  gpusFromPrometheus: (text) => gpusFromPrometheus(exposition(text)),
  hostFromNodeExporter: (text) => hostFromNodeExporter(exposition(text)),
  containersFromCadvisor: (text) => containersFromCadvisor(exposition(text)),
  parsePrometheusQueryResponse,
  parsePostgresLog,
  parseRedisInfo,
  parseRedisClientErrors,
  parseRabbitQueues,
  parseRabbitmqctlQueues: (text) => parseRabbitmqctlQueues(text),
  parseGunicornLog,
  parseTimedatectlShow,
  parseTimedatectlStatus,
  parseTimesyncStatus,
  parseChronycTracking,
  parseDockerVersion,
  parseComposeVersion,
  parseProcUptime,
  parseLoadavg,
  parseUptime,
  parseDf,
  parseFree: (text) => parseFree(text),
  parseMeminfo,
  parsePortainerEndpoints,
  parseEngineContainers,
  summarizeLogs: (text) => summarizeLogs(text),
};

const allFixtures = [
  '01-docker-ps',
  '02-docker-stats',
  '03-docker-inspect-size-df',
  '04-nvidia-smi',
  '05-dcgm-nvidia-gpu-exporter',
  '06-cadvisor-node-exporter',
  '07-prometheus-api',
  '08-postgres-logs',
  '09-redis-info-ioredis',
  '10-rabbitmq',
  '11-gunicorn',
  '12-time-sync',
  '13-docker-version-uptime-df-free',
  '14-portainer',
].flatMap((folder) => fixtureFiles(folder).map((file) => readFixture(folder, file)));

function expectWellBehaved(name: string, result: Parsed<unknown>, text: string): void {
  expect(result.value, name).not.toBeUndefined();
  const lineCount = Math.max(1, text.split('\n').length);
  for (const item of result.problems) {
    expect(item.message, name).not.toMatch(/^parser fault/);
    if (item.line !== null) expect(item.line, name).toBeGreaterThanOrEqual(1);
    if (item.line !== null) expect(item.line, name).toBeLessThanOrEqual(lineCount);
  }
}

describe('every parser on every real output', () => {
  it(`stays well-behaved: ${Object.keys(parsers).length} parsers × every fixture`, () => {
    for (const text of allFixtures) {
      for (const [name, parse] of Object.entries(parsers))
        expectWellBehaved(name, parse(text), text);
    }
  });

  it('produces only valid snapshot GPUs, disks and queues from the real outputs', () => {
    for (const text of allFixtures) {
      const gpus = [
        ...gpusFromNvidiaSmiCsv(text).value,
        ...gpusFromNvidiaSmiCsv(text, null).value,
        ...parseNvidiaSmiTable(text).value.gpus,
        ...gpusFromPrometheus(exposition(text)).value,
      ];
      for (const gpu of gpus) expect(gpuSchema.safeParse(gpu).error).toBeUndefined();
      const disks = [...parseDf(text).value, ...hostFromNodeExporter(exposition(text)).value.disks];
      for (const disk of disks) expect(diskSchema.safeParse(disk).error).toBeUndefined();
      for (const queue of parseRabbitQueues(text).value) {
        expect(queueSchema.safeParse(queue).error).toBeUndefined();
      }
    }
  });
});

describe('every parser on arbitrary text', () => {
  // Lines of real outputs, cut at random places and shuffled with random text, look like the
  // garbage a flaky SSH session or a truncated HTTP body produces.
  const realLines = allFixtures.flatMap((text) => text.split('\n'));
  const mangledLine = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc
      .tuple(fc.constantFrom(...realLines), fc.nat(), fc.nat())
      .map(([line, start, length]) => line.slice(start % (line.length + 1)).slice(0, length % 200)),
    fc.constantFrom(...realLines),
  );
  const mangledText = fc
    .tuple(fc.array(mangledLine, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'))
    .map(([lines, separator]) => lines.join(separator));

  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name} handles arbitrary and mangled text`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 400 }), mangledText), (text) => {
          expectWellBehaved(name, parse(text), text);
        }),
        { numRuns: 150 },
      );
    });
  }
});
