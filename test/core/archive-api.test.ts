// The archive and review requests through the in-memory pipe, over a real archive filled from
// the demo plant: validation errors name what is wrong, trends stay within their points and keep
// nulls as gaps, and an open review answers every archive request as of its cursor.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Archive } from '../../electron/archive';
import { viewAt } from '../../electron/review';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { ApiError, createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { MAX_TREND_BUCKETS } from '../../shared/api/requests-archive';
import { temporaryDirectory } from '../helpers/temporary';
import { fillFromDemo, HOUR_MS, type DemoArchive } from '../review/helpers';

const fleet = { source: 'demo' as const, deployment: '03002', nodes: [] };
const visualizer = 'vk02|container:visionking-visualizer|memoryBytes';
/** Null from 00:27 to 01:17 (plant time): nvidia-smi answers [N/A] (report 00:33 #1). */
const gpuTemperature = 'vk01|gpu:0|temperatureC';

let demo: DemoArchive;
let live: Archive;
const opened: { core: Core; client: ApiClient }[] = [];

beforeAll(async () => {
  // 23:30 to 01:30: the GPU telemetry blackout, and the visualizer's slow growth.
  demo = await fillFromDemo({ from: '2026-02-18T23:30:00-03:00', to: '2026-02-19T01:30:00-03:00' });
  live = Archive.open({ directory: demo.directory, tickIntervalMs: 5 * 60_000 });
});

afterAll(() => live.close());

afterEach(async () => {
  for (const { core, client } of opened.splice(0)) {
    await client.call('review.close', {});
    client.close();
    await core.stop();
  }
});

function connect(options: Partial<CoreOptions> = {}): ApiClient {
  const core = createCore({ mode: 'test', fleet, ...options });
  const [clientPipe, corePipe] = createMemoryPipePair();
  core.router.attach(corePipe);
  const client = createClient(clientPipe);
  opened.push({ core, client });
  return client;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const iso = (atMs: number) => new Date(atMs).toISOString();
const first = () => iso(demo.times[0]!);
const last = () => iso(demo.times.at(-1)!);

describe('archive requests on the live archive', () => {
  it('answer the range and the series, filtered', async () => {
    const client = connect({ archive: live });
    expect(await client.call('archive.range', {})).toEqual({ firstAt: first(), lastAt: last() });
    const series = await client.call('series.list', {
      node: 'vk02',
      kind: 'container',
      metric: 'memoryBytes',
    });
    expect(series.map((info) => info.key)).toContain(visualizer);
    expect(series.every((info) => info.node === 'vk02' && info.kind === 'container')).toBe(true);
    expect(series.find((info) => info.key === visualizer)).toEqual({
      key: visualizer,
      node: 'vk02',
      subject: 'container:visionking-visualizer',
      kind: 'container',
      metric: 'memoryBytes',
    });
  });

  it('return at most the points asked, with nulls kept as gaps and their reason', async () => {
    const client = connect({ archive: live });
    const trends = await client.call('trend.query', {
      series: [gpuTemperature, visualizer],
      from: first(),
      to: last(),
      points: 10,
    });
    expect(trends.map((trend) => trend.series)).toEqual([gpuTemperature, visualizer]);
    for (const trend of trends) expect(trend.buckets.length).toBeLessThanOrEqual(10);
    const gaps = trends[0]!.buckets.filter((bucket) => bucket.count === 0 && bucket.nulls > 0);
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      expect(gap).toMatchObject({ min: null, mean: null, max: null, nullKind: 'unavailable' });
    }
    const counted = trends[1]!.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
    expect(counted).toBe(demo.times.length);
  });

  it('fit 64 series at 2000 points into one message by giving each fewer buckets', async () => {
    const client = connect({ archive: live });
    const keys = (await client.call('series.list', { node: 'vk01' }))
      .slice(0, 64)
      .map((s) => s.key);
    expect(keys).toHaveLength(64);
    const trends = await client.call('trend.query', {
      series: keys,
      from: first(),
      to: last(),
      points: 2000,
    });
    const total = trends.reduce((sum, trend) => sum + trend.buckets.length, 0);
    expect(trends).toHaveLength(64);
    expect(total).toBeLessThanOrEqual(MAX_TREND_BUCKETS);
  });

  it('refuse bad arguments with INVALID_ARGS naming the field', async () => {
    const client = connect({ archive: live });
    const base = { series: [visualizer], from: first(), to: last() };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, series: [] }, /series/],
      [{ ...base, series: Array.from({ length: 65 }, () => visualizer) }, /series/],
      [{ ...base, points: 2001 }, /points/],
      [{ ...base, points: 0 }, /points/],
      [{ ...base, points: 2.5 }, /points/],
      [{ ...base, from: 'yesterday' }, /from/],
      [{ ...base, colour: 'red' }, /colour|unrecognized/i],
      [{ ...base, series: ['vk09|host|load1'] }, /no series vk09\|host\|load1/],
      [{ ...base, from: last(), to: first() }, /from <= to/],
    ];
    for (const [args, message] of cases) {
      const error = await failure(client.call('trend.query', args as never));
      expect(error.code, JSON.stringify(args).slice(0, 80)).toBe('INVALID_ARGS');
      expect(error.message).toMatch(message);
    }
    const growth = await failure(
      client.call('trend.topGrowth', { node: 'vk02', from: first(), to: last(), limit: 51 }),
    );
    expect(growth.code).toBe('INVALID_ARGS');
  });

  it('rank containers by memory growth per hour', async () => {
    const client = connect({ archive: live });
    const top = await client.call('trend.topGrowth', {
      node: 'vk02',
      from: first(),
      to: last(),
      limit: 3,
    });
    expect(top.length).toBeLessThanOrEqual(3);
    expect(top.length).toBeGreaterThan(0);
    const rates = top.map((entry) => entry.growthBytesPerHour!);
    expect([...rates].sort((left, right) => right - left)).toEqual(rates);
    for (const entry of top) {
      const hours = (Date.parse(entry.lastAt) - Date.parse(entry.firstAt)) / HOUR_MS;
      expect(entry.growthBytesPerHour).toBeCloseTo(entry.growthBytes / hours, 6);
      expect(entry.growthBytes).toBeCloseTo(entry.lastMemoryBytes - entry.firstMemoryBytes, 6);
    }
  });

  it('answer empty without an archive, and UNAVAILABLE for trends', async () => {
    const client = connect();
    expect(await client.call('archive.range', {})).toBeNull();
    expect(await client.call('series.list', {})).toEqual([]);
    const error = await failure(
      client.call('trend.query', { series: [visualizer], from: first(), to: last() }),
    );
    expect(error.code).toBe('UNAVAILABLE');
  });
});

describe('review requests', () => {
  it('open a directory, seek, diff, and answer archive requests as of the cursor', async () => {
    const client = connect();
    const progress: string[] = [];
    client.on('review.progress', (event) => progress.push(event.phase));
    const opened = await client.call('review.open', { path: demo.directory });
    expect(opened).toMatchObject({
      range: { firstAt: first(), lastAt: last() },
      source: 'archive',
      fleet: { deployment: '03002' },
    });
    expect(opened.fleet.nodes.map((node) => node.id)).toEqual(['vk01', 'vk02', 'vk03']);
    expect(progress).toContain('opening archive');

    const cursor = iso(demo.times[6]!);
    const view = await client.call('review.seek', { at: cursor });
    expect(view.at).toBe(cursor);
    expect(view.tick).toEqual({
      version: 1,
      deployment: '03002',
      takenAt: cursor,
      nodes: ['vk01', 'vk02', 'vk03'],
    });
    // Each node of the moment, one per message, is the node the archive rebuilds then.
    const rebuilt = viewAt(live, demo.times[6]!).snapshot!;
    for (const node of view.tick!.nodes) {
      const part = await client.call('review.node', { at: cursor, node });
      expect(part).toEqual({ ...view.tick, nodes: undefined, node, snapshot: rebuilt.nodes[node] });
    }
    expect(await client.call('archive.range', {})).toEqual({ firstAt: first(), lastAt: cursor });
    const [trend] = await client.call('trend.query', {
      series: [visualizer],
      from: first(),
      to: last(),
    });
    expect(trend!.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(7);

    const diff = await client.call('review.diff', { from: first(), to: last() });
    expect(diff.nodes.map((node) => node.node)).toEqual(['vk01', 'vk02', 'vk03']);

    expect(await client.call('review.close', {})).toEqual({ closed: true });
    expect(await client.call('archive.range', {})).toBeNull();
    expect(await client.call('review.close', {})).toEqual({ closed: false });
  });

  it('refuse missing, relative or non-archive paths, and seeks without a review', async () => {
    const client = connect();
    const notArchive = temporaryDirectory('api-not-archive');
    const file = join(notArchive, 'notes.txt');
    writeFileSync(file, 'hello');
    const cases: [string, RegExp][] = [
      ['relative/path', /must be absolute/],
      [join(notArchive, 'missing'), /does not exist/],
      [notArchive, /not an archive directory/],
      ['/dev/null', /neither a regular file nor a directory/],
    ];
    for (const [path, message] of cases) {
      const error = await failure(client.call('review.open', { path }));
      expect(error.code).toBe('INVALID_ARGS');
      expect(error.message).toMatch(message);
    }
    expect((await failure(client.call('review.open', { path: '' }))).code).toBe('INVALID_ARGS');
    const seek = await failure(client.call('review.seek', { at: first() }));
    expect(seek.code).toBe('UNAVAILABLE');
    expect(seek.message).toMatch(/review.open/);
    const node = await failure(client.call('review.node', { at: first(), node: 'vk01' }));
    expect(node.code).toBe('UNAVAILABLE');
    await client.call('review.open', { path: demo.directory });
    const outside = await failure(client.call('review.seek', { at: '2020-01-01T00:00:00Z' }));
    expect(outside).toMatchObject({
      code: 'INVALID_ARGS',
      message: expect.stringMatching(/outside/),
    });
    const nodeOutside = client.call('review.node', { at: '2020-01-01T00:00:00Z', node: 'vk01' });
    expect(await failure(nodeOutside)).toMatchObject({
      code: 'INVALID_ARGS',
      message: expect.stringMatching(/outside/),
    });
    const unknown = await failure(client.call('review.node', { at: first(), node: 'vk99' }));
    expect(unknown).toMatchObject({
      code: 'INVALID_ARGS',
      message: expect.stringMatching(/no node 'vk99'/),
    });
  });
});

describe('bundle requests', () => {
  it('export a range with progress, import it as a new archive, and review both', async () => {
    const dataDir = temporaryDirectory('api-data');
    vi.stubEnv('CONTROL_ROOM_DATA_DIR', dataDir);
    try {
      const client = connect({ archive: live });
      const events: { operation: string; phase: string }[] = [];
      client.on('bundle.progress', (event) => events.push(event));
      const path = join(temporaryDirectory('api-bundle'), 'night shift.vkbundle');
      const exported = await client.call('bundle.export', { from: first(), to: last(), path });
      expect(exported).toMatchObject({ path, fromAt: first(), toAt: last() });
      expect(exported.bytes).toBeGreaterThan(0);
      expect(existsSync(path)).toBe(true);
      expect(events.filter((event) => event.operation === 'export').at(-1)?.phase).toBe('done');

      const again = await failure(
        client.call('bundle.export', { from: first(), to: last(), path }),
      );
      expect(again).toMatchObject({
        code: 'INVALID_ARGS',
        message: expect.stringMatching(/exists/),
      });

      const imported = await client.call('bundle.import', { path });
      expect(imported.directory.startsWith(join(dataDir, 'imports', 'night_shift-'))).toBe(true);
      expect(imported.range?.firstAt).toBe(first());
      expect(events.filter((event) => event.operation === 'import').at(-1)?.phase).toBe('done');

      const phases: string[] = [];
      client.on('review.progress', (event) => phases.push(event.phase));
      const bundleReview = await client.call('review.open', { path });
      expect(bundleReview).toMatchObject({ source: 'bundle', range: { firstAt: first() } });
      expect(phases).toContain('done');
      const directoryReview = await client.call('review.open', { path: imported.directory });
      expect(directoryReview.source).toBe('archive');
      const view = await client.call('review.seek', { at: first() });
      expect(view.tick?.takenAt).toBe(first());
      const part = await client.call('review.node', { at: first(), node: 'vk02' });
      expect(part.takenAt).toBe(first());
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuse relative, missing and foreign paths', async () => {
    const client = connect({ archive: live });
    const folder = temporaryDirectory('api-bundle-bad');
    const foreign = join(folder, 'notes.txt');
    writeFileSync(foreign, 'not a bundle');
    const cases: [Promise<unknown>, RegExp][] = [
      [client.call('bundle.export', { from: first(), to: last(), path: 'out.vkb' }), /absolute/],
      [
        client.call('bundle.export', { from: first(), to: last(), path: join(folder, 'x', 'b') }),
        /not a directory/,
      ],
      [
        client.call('bundle.export', { from: last(), to: first(), path: join(folder, 'b') }),
        /from < to/,
      ],
      [client.call('bundle.import', { path: join(folder, 'missing.vkb') }), /does not exist/],
      [client.call('bundle.import', { path: foreign }), /notes\.txt/],
    ];
    for (const [call, message] of cases) {
      const error = await failure(call);
      expect(error.code).toBe('INVALID_ARGS');
      expect(error.message).toMatch(message);
    }
    expect(existsSync(join(folder, 'b'))).toBe(false);
  });
});
