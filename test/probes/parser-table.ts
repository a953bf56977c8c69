// The table of every whole-output parser and the list of every real output, shared by the
// robustness tests (arbitrary lines) and the fuzz tests (whole outputs mutated).
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
import { fixtureFiles, readFixture } from './fixtures';

export const exposition = (text: string) => parsePrometheusText(text).value;

export const parsers: Record<string, (text: string) => Parsed<unknown>> = {
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

/** The folders of test/fixtures/real-outputs, one per source of real outputs. */
export const fixtureFolders = [
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
];

/** Every real output, named `folder/file`. */
export const realOutputs = fixtureFolders.flatMap((folder) =>
  fixtureFiles(folder).map((file) => ({
    name: `${folder}/${file}`,
    text: readFixture(folder, file),
  })),
);
