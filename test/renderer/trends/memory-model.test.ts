import { describe, expect, it } from 'vitest';
import type { FindingView } from '../../../renderer/findings/use-findings';
import {
  chooseRate,
  chooseThreshold,
  containersToChart,
  counterPoints,
  fittedRate,
  forecastLine,
  HOUR_MS,
  memoryEvents,
  MIB,
  type MemoryEvent,
} from '../../../renderer/trends/memory-model';
import type { ChartPoint, TrendView } from '../../../renderer/trends/trend-model';

const MINUTE = 60_000;
const STEP = 5 * MINUTE;

/** Memory readings every 5 minutes from 0, in MiB; null stays null. */
function memory(mib: (number | null)[]): ChartPoint[] {
  return mib.map((value, index) => ({
    atMs: index * STEP,
    value: value === null ? null : value * MIB,
  }));
}

function counter(values: number[]) {
  return values.map((value, index) => ({ atMs: index * STEP, value }));
}

function finding(partial: Partial<FindingView>): FindingView {
  return {
    id: 1,
    key: 'k',
    ruleId: 'memory-leak',
    findingClass: 'memory-leak',
    subject: 'vk02/visualizer',
    severity: 'WARNING',
    title: 't',
    detail: 'd',
    numbers: {},
    evidence: { series: [], logLines: [], values: {} },
    nodes: ['vk02'],
    containers: ['visualizer'],
    actions: [],
    state: 'new',
    firstSeen: '2026-02-19T00:00:00.000Z',
    lastSeen: '2026-02-19T00:00:00.000Z',
    resolvedAt: null,
    acknowledged: null,
    silencedUntil: null,
    suppressed: null,
    ...partial,
  };
}

describe('memory events', () => {
  it('a drop with a restart is a kill, a drop alone a recycle, a restart alone a restart', () => {
    // The restart count moves with the first drop, and again 70 minutes after the second.
    const flat = Array<number>(13).fill(257);
    const points = memory([400, 410, 416, 315, 320, 330, 250, 255, ...flat]);
    const restarts = counter([0, 0, 0, 1, 1, 1, 1, 1, ...Array<number>(12).fill(1), 2]);
    const events = memoryEvents(points, restarts, { killFinding: false, spacingMs: STEP });
    expect(events).toEqual<MemoryEvent[]>([
      { atMs: 3 * STEP, kind: 'killed', fromBytes: 416 * MIB, toBytes: 315 * MIB },
      { atMs: 6 * STEP, kind: 'recycled', fromBytes: 330 * MIB, toBytes: 250 * MIB },
      { atMs: 20 * STEP, kind: 'restarted', fromBytes: null, toBytes: null },
    ]);
  });

  it('a restart count read hourly explains a drop anywhere since its previous reading', () => {
    // Memory every 5 minutes; Docker's restart count on the slow tick, once an hour.
    const points = memory([400, 405, 410, 416, 300, 301, 302, 303, 304, 305, 306, 307, 308]);
    const hourly = [
      { atMs: 0, value: 3 },
      { atMs: 12 * STEP, value: 4 },
    ];
    const events = memoryEvents(points, hourly, { killFinding: false, spacingMs: STEP });
    expect(events).toEqual([
      { atMs: 4 * STEP, kind: 'killed', fromBytes: 416 * MIB, toBytes: 300 * MIB },
    ]);
  });

  it('a restart count refreshed up to an hour late still explains the drop before it', () => {
    // Read every 5 minutes, but the value changes only when the slow tick inspects again.
    const points = memory([400, 416, 300, 301, 302, 303, 304, 305, 306, 307]);
    const lagging = counter([1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
    const events = memoryEvents(points, lagging, { killFinding: false, spacingMs: STEP });
    expect(events.map((event) => [event.kind, event.atMs])).toEqual([['killed', 2 * STEP]]);
    // A restart long after any drop stays a restart of its own.
    const late = counter([...Array<number>(20).fill(1), 2]);
    const apart = memoryEvents(memory([400, 416, 300, ...Array<number>(18).fill(300)]), late, {
      killFinding: false,
      spacingMs: STEP,
    });
    expect(apart.map((event) => event.kind)).toEqual(['recycled', 'restarted']);
  });

  it('a kill finding makes a drop without restart a kill; small falls, null gaps are none', () => {
    const points = memory([400, 380, null, 370, 200]);
    const events = memoryEvents(points, [], { killFinding: true, spacingMs: STEP });
    expect(events.map((event) => [event.kind, event.atMs])).toEqual([['killed', 4 * STEP]]);
  });

  it('a restart count read from bucket maxima; empty buckets are skipped', () => {
    const trend: TrendView = {
      series: 'vk02|container:visualizer|restartCount',
      resolution: 'raw',
      bucketMs: STEP,
      buckets: [
        { startMs: 0, endMs: STEP, min: 0, mean: 0, max: 0, count: 1, nulls: 0, nullKind: null },
        { startMs: STEP, endMs: 2 * STEP, ...empty() },
        { startMs: 2 * STEP, endMs: 3 * STEP, min: 0, mean: 0.5, max: 1, count: 2, ...none() },
      ],
    };
    expect(counterPoints(trend)).toEqual([
      { atMs: 0, value: 0 },
      { atMs: 2 * STEP, value: 1 },
    ]);
    expect(counterPoints(undefined)).toEqual([]);
  });
});

function empty() {
  return { min: null, mean: null, max: null, count: 0, nulls: 0, nullKind: null };
}

function none() {
  return { nulls: 0, nullKind: null };
}

describe('threshold, rate and forecast', () => {
  const killedBefore: MemoryEvent[] = [
    { atMs: STEP, kind: 'killed', fromBytes: 414 * MIB, toBytes: 315 * MIB },
    { atMs: 2 * STEP, kind: 'killed', fromBytes: 418 * MIB, toBytes: 315 * MIB },
    { atMs: 3 * STEP, kind: 'recycled', fromBytes: 900 * MIB, toBytes: 300 * MIB },
  ];

  it("takes the leak finding's threshold and names its source", () => {
    const leak = finding({
      numbers: { rateMbPerHour: 2.7, thresholdMb: 416 },
      evidence: { series: [], logLines: [], values: { threshold: 'memory limit' } },
    });
    expect(chooseThreshold(leak, killedBefore, counter([500]).map(mib))).toEqual({
      bytes: 416 * MIB,
      source: 'memory-limit',
    });
  });

  it('else the median level of earlier kills, else the newest memory limit, else none', () => {
    expect(chooseThreshold(null, killedBefore, [])).toEqual({
      bytes: 416 * MIB,
      source: 'kill-level',
    });
    expect(chooseThreshold(null, [], counter([500, 600]).map(mib))).toEqual({
      bytes: 600 * MIB,
      source: 'memory-limit',
    });
    expect(chooseThreshold(null, [], [])).toBeNull();
  });

  it("takes the finding's rate, else fits the readings since the last drop", () => {
    const leak = finding({ numbers: { rateMbPerHour: 2.7 } });
    const points = memory([400, 100, 101, 102, 103, 104, 105, 106]);
    const events = memoryEvents(points, [], { killFinding: false, spacingMs: STEP });
    expect(chooseRate(leak, points, events)).toEqual({
      bytesPerHour: 2.7 * MIB,
      source: 'finding',
    });
    // 1 MiB every 5 minutes since the drop: 12 MiB per hour.
    const fitted = chooseRate(null, points, events);
    expect(fitted?.source).toBe('fit');
    expect(fitted?.bytesPerHour).toBeCloseTo(12 * MIB, 3);
  });

  it('fits nothing from too few readings or too short a span, and no rate when shrinking', () => {
    expect(fittedRate(memory([100, 101, 102, 103, 104]), [])).toBeNull();
    const shrinking = memory([110, 108, 106, 104, 102, 100, 98]);
    expect(chooseRate(null, shrinking, [])).toBeNull();
  });

  it('draws from the newest reading to the threshold, or stops at the horizon', () => {
    const points = memory([300, 310, 320]);
    const rate = { bytesPerHour: 10 * MIB, source: 'fit' as const };
    const threshold = { bytes: 340 * MIB, source: 'memory-limit' as const };
    const forecast = forecastLine(points, rate, threshold, 24 * HOUR_MS);
    expect(forecast?.hoursToThreshold).toBeCloseTo(2, 9);
    expect(forecast?.reachesThreshold).toBe(true);
    expect(forecast?.points).toEqual([
      { atMs: 2 * STEP, value: 320 * MIB },
      { atMs: 2 * STEP + 2 * HOUR_MS, value: 340 * MIB },
    ]);
    const short = forecastLine(points, rate, threshold, HOUR_MS);
    expect(short?.reachesThreshold).toBe(false);
    expect(short?.points[1]).toEqual({ atMs: 2 * STEP + HOUR_MS, value: 330 * MIB });
  });

  it('draws nothing without a rate or threshold, or once at the threshold', () => {
    const points = memory([300, 350]);
    const rate = { bytesPerHour: MIB, source: 'fit' as const };
    const threshold = { bytes: 340 * MIB, source: 'memory-limit' as const };
    expect(forecastLine(points, rate, threshold, HOUR_MS)).toBeNull();
    expect(forecastLine(memory([300]), null, threshold, HOUR_MS)).toBeNull();
    expect(forecastLine(memory([300]), rate, null, HOUR_MS)).toBeNull();
    expect(forecastLine(memory([null]), rate, threshold, HOUR_MS)).toBeNull();
  });
});

function mib(point: { atMs: number; value: number }) {
  return { atMs: point.atMs, value: point.value * MIB };
}

describe('containers to chart', () => {
  it('the ones a leak or kill finding names on the node first, then growers that grew', () => {
    const findings = [
      finding({ findingClass: 'oom-kill-pattern', containers: ['visualizer'] }),
      finding({ findingClass: 'memory-leak', nodes: ['vk01'], containers: ['elsewhere'] }),
      finding({ findingClass: 'endpoint-down', containers: ['pgadmin'] }),
    ];
    const growers = [
      { container: 'database', growthBytes: 5 },
      { container: 'visualizer', growthBytes: 3 },
      { container: 'shrinking', growthBytes: -4 },
      { container: 'redis', growthBytes: 1 },
    ];
    expect(containersToChart(findings, growers, 'vk02', 3)).toEqual([
      'visualizer',
      'database',
      'redis',
    ]);
  });
});
