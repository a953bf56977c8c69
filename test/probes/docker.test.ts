import { describe, expect, it } from 'vitest';
import {
  parseDockerInspect,
  parseDockerPsJson,
  parseDockerPsTable,
  parseDockerStats,
  parseDockerStatsJson,
  parseDockerStatsTable,
  parseDockerStatus,
  parseDockerSystemDf,
  parseLabels,
  parseSizeField,
  splitImageReference,
} from '../../electron/probes/docker';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const PS = '01-docker-ps';
const STATS = '02-docker-stats';
const INSPECT = '03-docker-inspect-size-df';
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** A table as the Docker CLI prints it: each column as wide as its widest cell, plus 3 spaces. */
function alignedTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd((widths?.[column] ?? 0) + 3))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

describe('docker ps', () => {
  const files = {
    compose: 'compose-ps-format-json-2.40.2-docker-desktop-macos.txt',
    json: 'ps-format-json-docker23-nginx.txt',
    table: 'ps-table-modern-ipv6-ports-ollama.txt',
  };

  it('covers every docker ps fixture', () => {
    expectAllCovered(PS, Object.values(files));
  });

  it('reads docker compose ps JSON lines with project, service and publishers', () => {
    const result = parseDockerPsJson(readFixture(PS, files.compose));
    expect(result.problems).toEqual([]);
    expect(result.value.map((entry) => entry.name)).toEqual([
      'public-health-db',
      'public-health-was',
      'public-health-web',
    ]);
    const [database, application, web] = result.value;
    expect(database).toMatchObject({ image: 'mariadb:11.4', tag: '11.4', state: 'running' });
    expect(database).toMatchObject({ project: 'pjt2', service: 'db', health: 'none' });
    expect(application?.tag).toBe('latest');
    expect(web?.ports).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp');
    expect(web?.labels['com.docker.compose.version']).toBe('2.40.2');
    expect(web?.labels.maintainer).toBe('NGINX Docker Maintainers <docker-maint@nginx.com>');
  });

  it('does not take Size "0B" without --size as a measured writable layer', () => {
    const [entry] = parseDockerPsJson(readFixture(PS, files.compose)).value;
    expect(entry?.sizeRwBytes).toBeNull();
    expect(entry?.missing.sizeRwBytes?.kind).toBe('not-collected');
    expect(entry?.exitCode).toBeNull();
    expect(entry?.missing.exitCode?.kind).toBe('not-applicable');
  });

  it('reads docker ps --format json lines of Docker 23', () => {
    const result = parseDockerPsJson(readFixture(PS, files.json));
    expect(result.problems).toEqual([]);
    expect(result.value).toHaveLength(2);
    expect(result.value[0]).toMatchObject({
      id: '30a73eea432e',
      name: 'bar',
      image: 'nginx:alpine',
      tag: 'alpine',
      state: 'running',
      status: 'Up 8 seconds',
      createdText: '2023-03-02 20:59:19 +0000 UTC',
      project: null,
    });
    expect(result.value[0]?.missing.project?.kind).toBe('not-applicable');
  });

  it('reads the default table, keeping dual-stack ports in one cell', () => {
    const result = parseDockerPsTable(readFixture(PS, files.table));
    expect(result.problems).toEqual([]);
    expect(result.value.map((entry) => [entry.id, entry.name, entry.image, entry.tag])).toEqual([
      ['88f32688b78c', 'ollama', 'ollama/ollama', 'latest'],
      ['22030b705436', 'competent_ishizaka', 'postgres:12-alpine', '12-alpine'],
    ]);
    expect(result.value[0]?.ports).toBe('0.0.0.0:11434->11434/tcp, :::11434->11434/tcp');
    expect(result.value[1]).toMatchObject({ state: 'running', status: 'Up 4 minutes' });
  });

  it('reads a table row whose PORTS cell is empty by the header positions', () => {
    const text = alignedTable([
      ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
      [
        'a1b2c3d4e5f6',
        'redis:7',
        '"redis-s…"',
        '2 hours ago',
        'Exited (137) 1 hour ago',
        '',
        'cache',
      ],
    ]);
    const [entry] = parseDockerPsTable(text).value;
    expect(entry).toMatchObject({ name: 'cache', ports: '', state: 'exited', exitCode: 137 });
  });

  it('reports a truncated JSON line and garbage by line, keeping the good lines', () => {
    const good = readFixture(PS, files.json).split('\n')[0];
    const result = parseDockerPsJson(`${good}\n{"ID":"abc","Names":"x"\nnot json at all\n`);
    expect(result.value).toHaveLength(1);
    expect(problemTexts(result)).toEqual([
      'line 2: JSON ends early (truncated?)',
      expect.stringMatching(/^line 3: not valid JSON/),
    ]);
  });

  it('gives an empty list and no problem for empty output (no containers)', () => {
    expect(parseDockerPsJson('')).toEqual({ value: [], problems: [] });
    expect(parseDockerPsTable('')).toEqual({ value: [], problems: [] });
  });
});

describe('status, image and size fields', () => {
  it('reads state, health and exit code from STATUS', () => {
    expect(parseDockerStatus('Up 3 hours (healthy)')).toEqual({
      state: 'running',
      health: 'healthy',
      exitCode: null,
    });
    expect(parseDockerStatus('Up 2 minutes (health: starting)').health).toBe('starting');
    expect(parseDockerStatus('Up 5 days (Paused)').state).toBe('paused');
    expect(parseDockerStatus('Restarting (1) 5 seconds ago')).toMatchObject({
      state: 'restarting',
      exitCode: 1,
    });
    expect(parseDockerStatus('Exited (137) 2 days ago').exitCode).toBe(137);
    expect(parseDockerStatus('something else').state).toBeNull();
  });

  it('splits image references with registries, ports and digests', () => {
    expect(splitImageReference('registry:5000/visionking-inference:c014')).toEqual({
      repository: 'registry:5000/visionking-inference',
      tag: 'c014',
      digest: null,
    });
    expect(splitImageReference('localhost:5000/app').tag).toBe('latest');
    expect(splitImageReference('app@sha256:abc').tag).toBeNull();
    expect(splitImageReference('90801a912766').tag).toBeNull();
  });

  it('reads `--size` output and labels whose values hold commas', () => {
    expect(parseSizeField('120MB (virtual 295MB)')).toEqual({
      rwBytes: 120_000_000,
      virtualBytes: 295_000_000,
    });
    expect(parseSizeField('0B')).toEqual({ rwBytes: null, virtualBytes: null });
    expect(parseLabels('a=1,files=/x.yml,/y.yml,b=2')).toEqual({
      a: '1',
      files: '/x.yml,/y.yml',
      b: '2',
    });
  });
});

describe('docker stats', () => {
  const files = [
    'docs-stats-all-custom-table-stopped-0B.txt',
    'docs-stats-table-4-containers.txt',
    'stats-2015-old-format-no-spaces-around-slash.txt',
    'stats-balena-rpi3-zero-memory.txt',
    'stats-no-stream-2017-high-cpu-2716pct.txt',
    'stats-no-stream-modern-single-containers.txt',
  ] as const;
  const read = (index: number) => parseDockerStats(readFixture(STATS, files[index] ?? ''));

  it('covers every docker stats fixture, each without problems', () => {
    expectAllCovered(STATS, [...files]);
    files.forEach((_, index) => expect(read(index).problems).toEqual([]));
  });

  it('turns the 0B / 0B of stopped containers into nulls, not zeros', () => {
    const entries = read(0).value;
    expect(entries.map((entry) => entry.container)).toEqual([
      'fervent_panini',
      '5acfcb1b4fd1',
      'humble_visvesvaraya',
      'big_heisenberg',
    ]);
    expect(entries[0]).toMatchObject({ cpuPct: 0, memoryBytes: 56 * 1024 });
    expect(entries[1]?.memoryBytes).toBe(Math.round(32.86 * MIB));
    expect(entries[2]).toMatchObject({ cpuPct: null, memoryBytes: null, memoryLimitBytes: null });
    expect(entries[2]?.missing.memoryBytes?.kind).toBe('not-applicable');
    expect(entries[0]?.missing.pids?.kind).toBe('not-collected');
  });

  it('reads the documented table with mixed MiB/GiB/kB units', () => {
    const [first, , third] = read(1).value;
    expect(first).toMatchObject({
      container: 'b95a83497c91',
      name: 'awesome_brattain',
      cpuPct: 0.28,
      memoryBytes: Math.round(5.629 * MIB),
      memoryLimitBytes: Math.round(1.952 * GIB),
      memoryPct: 0.28,
      pids: 9,
    });
    expect(third).toMatchObject({ name: 'test-1951.1.kay7x1lh1twk9c0oig50sd5tr', pids: 1 });
    expect(third?.memoryBytes).toBe(196 * 1024);
  });

  it('reads the 2015 header without spaces around the slash', () => {
    const entries = read(2).value;
    expect(entries).toHaveLength(5);
    expect(entries[1]).toMatchObject({
      container: 'fblogstash',
      cpuPct: 0.59,
      memoryBytes: Math.round(288.2 * MIB),
      memoryLimitBytes: 994 * MIB,
      memoryPct: 28.99,
      pids: null,
    });
  });

  it('reports balenaEngine 0 B memory as unavailable rather than as zero', () => {
    const entries = read(3).value;
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({ cpuPct: 0.22, memoryBytes: null, memoryLimitBytes: 1.02e9 });
    expect(entries[0]?.missing.memoryBytes).toEqual({
      kind: 'unavailable',
      detail: 'engine reported 0 B (memory accounting off?)',
    });
  });

  it('keeps a CPU percentage far above 100 on a many-core host', () => {
    const [entry] = read(4).value;
    expect(entry).toMatchObject({
      cpuPct: 2716.41,
      memoryBytes: Math.round(43.09 * GIB),
      memoryLimitBytes: Math.round(218.1 * GIB),
      memoryPct: 19.75,
      pids: 0,
    });
  });

  it('re-reads the header when outputs with different widths follow each other', () => {
    const entries = read(5).value;
    expect(entries.map((entry) => [entry.name, entry.pids])).toEqual([
      ['competent_ishizaka', 7],
      ['ollama', 40],
    ]);
    expect(entries[1]?.memoryBytes).toBe(Math.round(2.575 * GIB));
  });

  it('reads JSON lines (`--format "{{json .}}"`) in the documented field names', () => {
    // Written in the shape `docker stats --format '{{json .}}'` prints; not a captured output.
    const line =
      '{"BlockIO":"0B / 0B","CPUPerc":"0.15%","Container":"visionking-inference",' +
      '"ID":"0a1b2c3d4e5f","MemPerc":"38.02%","MemUsage":"5.97GiB / 15.7GiB",' +
      '"Name":"visionking-inference","NetIO":"1.2kB / 0B","PIDs":"42"}';
    const result = parseDockerStatsJson(`${line}\n{"CPUPerc":\n`);
    expect(result.value[0]).toMatchObject({
      container: 'visionking-inference',
      cpuPct: 0.15,
      memoryBytes: Math.round(5.97 * GIB),
      pids: 42,
    });
    expect(problemTexts(result)).toEqual(['line 2: JSON ends early (truncated?)']);
  });

  it('names the line and field of a cell it cannot read, and rows before a header', () => {
    const header = 'CONTAINER ID   NAME   CPU %   MEM USAGE / LIMIT   MEM %   PIDS';
    const result = parseDockerStatsTable(
      `junk first\n${header}\nabc123   web   n/a%   1MiB / 2MiB   50%   3\n`,
    );
    expect(problemTexts(result)).toEqual([
      'line 1: row before the header (expected "CONTAINER…")',
      'line 3, field cpuPct: cannot read "n/a%"',
    ]);
    expect(result.value[0]).toMatchObject({ name: 'web', cpuPct: null, pids: 3 });
    expect(result.value[0]?.missing.cpuPct?.kind).toBe('unparsed');
  });
});

describe('docker inspect', () => {
  const files = {
    dead: 'inspect-api-state-excerpt-dead-container-exit137.txt',
    full: 'inspect-full-running-2019-overlay2.txt',
    exited: 'inspect-state-excerpt-exit137-oomkilled-false-redis.txt',
  };

  it('reads a complete inspect array of a running container', () => {
    const result = parseDockerInspect(readFixture(INSPECT, files.full));
    expect(result.problems).toEqual([]);
    expect(result.value).toHaveLength(1);
    expect(result.value[0]).toMatchObject({
      id: '86199ab4c77bb43a21bef6b7e711bed3c30baa7dc50de3182de3c73d2ba116b7',
      name: 'cen',
      image: 'censerver',
      state: 'running',
      health: 'none',
      restartCount: 0,
      oomKilled: false,
      exitCode: null,
      startedAt: '2019-03-07T03:59:12.405871518Z',
      finishedAt: null,
      memoryLimitBytes: null,
      restartPolicy: 'no',
    });
    const missing = result.value[0]?.missing;
    expect(missing?.memoryLimitBytes).toEqual({
      kind: 'not-applicable',
      detail: 'no memory limit set',
    });
    expect(missing?.sizeRwBytes?.kind).toBe('not-collected');
    expect(missing?.finishedAt?.kind).toBe('not-applicable');
  });

  it('reads a pasted State excerpt of a dead container and says it is an excerpt', () => {
    const result = parseDockerInspect(readFixture(INSPECT, files.dead));
    expect(result.value[0]).toMatchObject({
      state: 'dead',
      exitCode: 137,
      oomKilled: false,
      startedAt: '2017-07-19T03:46:27.597480643Z',
      finishedAt: '2017-07-19T03:46:27.648767071Z',
      name: null,
    });
    expect(problemTexts(result)).toEqual([
      'line 1: an excerpt (only "State" was given); other fields are null',
    ]);
  });

  it('keeps exit 137 with OOMKilled false apart from an OOM kill', () => {
    const [entry] = parseDockerInspect(readFixture(INSPECT, files.exited)).value;
    expect(entry).toMatchObject({ state: 'exited', exitCode: 137, oomKilled: false });
    expect(entry?.finishedAt).toBe('2020-07-31T22:28:17.557863Z');
  });

  it('reads SizeRw, health and a memory limit when present', () => {
    const document = JSON.stringify([
      {
        Id: 'abc',
        Name: '/is-sis-surface',
        RestartCount: 3,
        SizeRw: 120_000_000,
        State: { Status: 'running', OOMKilled: true, Health: { Status: 'unhealthy' } },
        HostConfig: { Memory: 536_870_912 },
        Config: { Image: 'visionking-image-saver:c009' },
      },
    ]);
    const [entry] = parseDockerInspect(document).value;
    expect(entry).toMatchObject({
      name: 'is-sis-surface',
      restartCount: 3,
      sizeRwBytes: 120_000_000,
      oomKilled: true,
      health: 'unhealthy',
      memoryLimitBytes: 536_870_912,
    });
  });

  it('reports garbage and a truncated document by line, without throwing', () => {
    expect(problemTexts(parseDockerInspect('garbage'))).toEqual([
      expect.stringMatching(/^line 1: not valid JSON/),
    ]);
    // The first 300 characters end inside line 12 (`"R` of `"Running"`).
    const truncated = readFixture(INSPECT, files.full).slice(0, 300);
    const result = parseDockerInspect(truncated);
    expect(result.value).toEqual([]);
    expect(problemTexts(result)).toEqual(['line 12: JSON ends early (truncated?)']);
  });
});

describe('docker system df', () => {
  const files = {
    summary: 'system-df-summary-docker23.txt',
    verbose: 'system-df-v-2019-volumes-truncated.txt',
  };

  it('covers every inspect and df fixture', () => {
    expectAllCovered(INSPECT, [
      'inspect-api-state-excerpt-dead-container-exit137.txt',
      'inspect-full-running-2019-overlay2.txt',
      'inspect-state-excerpt-exit137-oomkilled-false-redis.txt',
      ...Object.values(files),
    ]);
  });

  it('reads the summary table with its reclaimable percentages', () => {
    const result = parseDockerSystemDf(readFixture(INSPECT, files.summary));
    expect(result.problems).toEqual([]);
    expect(result.value.summary).toEqual([
      {
        type: 'Images',
        total: 1,
        active: 0,
        sizeBytes: 10,
        reclaimableBytes: 10,
        reclaimablePct: 100,
      },
      {
        type: 'Containers',
        total: 0,
        active: 0,
        sizeBytes: 0,
        reclaimableBytes: 0,
        reclaimablePct: null,
      },
      {
        type: 'Local Volumes',
        total: 0,
        active: 0,
        sizeBytes: 0,
        reclaimableBytes: 0,
        reclaimablePct: null,
      },
      {
        type: 'Build Cache',
        total: 15,
        active: 0,
        sizeBytes: 239,
        reclaimableBytes: 239,
        reclaimablePct: null,
      },
    ]);
  });

  it('reads the -v sections: images, an empty container list, volumes, build cache', () => {
    const result = parseDockerSystemDf(readFixture(INSPECT, files.verbose));
    expect(result.problems).toEqual([]);
    expect(result.value.images).toEqual([
      { repository: 'nuccy', tag: 'latest', sizeBytes: 20_370_000_000, containers: 0 },
      { repository: 'debian', tag: 'stretch', sizeBytes: 100_600_000, containers: 0 },
      { repository: 'bitnami/minideb', tag: 'stretch', sizeBytes: 53_700_000, containers: 0 },
    ]);
    expect(result.value.containers).toEqual([]);
    expect(result.value.volumes.map((volume) => [volume.name, volume.sizeBytes])).toEqual([
      ['6aec75524e3dedd97dca14c77a7d0b2ed6c52bf08b8626dfcfb1e7d6704a3bb3', 0],
      ['a9fe3492b569a6fd5d27af16f614d6a82a2ab332d948f924e644350313d37706', 0],
      ['sv-cfg', 597_300],
    ]);
    expect(result.value.buildCacheBytes).toBe(35_050_000);
  });

  it('reads the writable layer of each container from a -v containers section', () => {
    const table = alignedTable([
      ['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES'],
      ['a1b2c3d4e5f6', 'is-sis-surface:c009', '"python"', '0', '120MB', '3 days ago', 'Up', 'x'],
    ]);
    const text = `Containers space usage:\n\n${table}`;
    expect(parseDockerSystemDf(text).value.containers).toEqual([
      {
        id: 'a1b2c3d4e5f6',
        image: 'is-sis-surface:c009',
        names: 'x',
        sizeBytes: 120e6,
      },
    ]);
  });

  it('says so when the output is empty', () => {
    expect(problemTexts(parseDockerSystemDf(''))).toEqual(['empty output']);
  });
});
