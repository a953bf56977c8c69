// Steps a demo plant through collection with a stopped clock: fast ticks and full (fast + slow)
// collections at chosen simulated moments, every snapshot checked against the snapshot format.
import { expect } from 'vitest';
import { createDemoClock, type DemoClock } from '../../electron/demo/clock';
import { createDemoPlant, type DemoPlant } from '../../electron/demo/demo-fleet';
import { loadDefaultScenario, type Scenario } from '../../electron/demo/scenario';
import {
  parseSnapshot,
  type Container,
  type NodeSnapshot,
  type Snapshot,
} from '../../shared/snapshot';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const MIB = 1024 * 1024;

let cachedScenario: Scenario | null = null;

/** The shipped scenario, parsed once per test file. */
export function scenario(): Scenario {
  cachedScenario ??= loadDefaultScenario();
  return cachedScenario;
}

/** `2026-02-18 22:08` in the plant's local time (UTC-3, as the report's headings). */
export function local(text: string): number {
  const [date, time] = text.split(' ');
  const seconds = (time ?? '').length === 5 ? `${time}:00` : time;
  return Date.parse(`${date}T${seconds}-03:00`);
}

export class Walk {
  readonly clock: DemoClock;
  readonly plant: DemoPlant;
  /** How many snapshots were checked against the format. */
  checked = 0;

  constructor(seed?: number) {
    const start = scenario().start;
    this.clock = createDemoClock({ startTime: start, speed: 0, seed });
    this.plant = createDemoPlant({ scenario: scenario(), clock: this.clock, seed });
  }

  get nowMs(): number {
    return this.clock.nowMs();
  }

  /**
   * Fast ticks every `everyMs` up to `untilMs` (exclusive), full collections every `slowMs`;
   * returns the full collections' snapshots (the ones that carry logs).
   */
  async walkTo(
    untilMs: number,
    everyMs: number,
    slowMs = Number.POSITIVE_INFINITY,
  ): Promise<Snapshot[]> {
    const collected: Snapshot[] = [];
    let nextSlow = this.nowMs + slowMs;
    for (let at = this.nowMs + everyMs; at < untilMs; at += everyMs) {
      this.clock.stepTo(at);
      if (at >= nextSlow) {
        collected.push(await this.collect());
        nextSlow = at + slowMs;
      } else await this.fast();
    }
    return collected;
  }

  /** Jumps to `atMs` and collects both tiers of every node. */
  async at(atMs: number): Promise<Snapshot> {
    this.clock.stepTo(atMs);
    return this.collect();
  }

  async collect(): Promise<Snapshot> {
    return this.valid(await this.plant.collector.collectOnce());
  }

  async fast(): Promise<Snapshot> {
    await this.plant.collector.fastTickAll();
    return this.valid(this.plant.collector.snapshot());
  }

  valid(snapshot: Snapshot): Snapshot {
    const parsed = parseSnapshot(snapshot);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    this.checked += 1;
    return snapshot;
  }
}

export function node(snapshot: Snapshot, id: string): NodeSnapshot {
  const found = snapshot.nodes[id];
  if (!found) throw new Error(`no node ${id} in the snapshot`);
  return found;
}

export function container(snapshot: Snapshot, nodeId: string, name: string): Container {
  const found = node(snapshot, nodeId).containers?.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no container ${name} on ${nodeId}`);
  return found;
}

export function memoryMiB(snapshot: Snapshot, nodeId: string, name: string): number {
  return (container(snapshot, nodeId, name).memoryBytes ?? Number.NaN) / MIB;
}

export function logTexts(snapshot: Snapshot, nodeId: string, name: string): string[] {
  return node(snapshot, nodeId).logs?.[name]?.lines.map((line) => line.text) ?? [];
}

/** Least-squares slope of (x, y) points. */
export function slope(points: readonly [number, number][]): number {
  const count = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / count;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / count;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}

/** `expect(value).toBeWithin(expected, share)` without a custom matcher: |value - e| <= share*e. */
export function expectWithin(value: number | null | undefined, expected: number, share: number) {
  expect(value).not.toBeNull();
  expect(Math.abs((value as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * share);
}
