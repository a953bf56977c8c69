// The findings service of a live session (CoreOptions.findings): the engine fed by the
// collector's snapshots and health, findings kept in the archive when there is one, the report
// read back from the archive (or, without one, from the changes of this session).
import type { FleetHealth } from '../collect/collector';
import type { Archive } from '../archive';
import type { CoreCollector } from '../core/core';
import { createLogger, type Logger } from '../log';
import type { FindingAnswer, FindingView } from '../../shared/api/requests-findings';
import type { Snapshot } from '../../shared/snapshot';
import { archivedChanges, ArchiveFindingStore } from './archive-store';
import { FindingsEngine, type EngineOptions, type EvaluationResult } from './engine';
import {
  FindingLifecycle,
  findingView,
  type FindingChange,
  type LifecycleConfig,
} from './lifecycle';
import { buildReport, renderReport } from './report';
import type { FindingsChanged, FindingsFilter, FindingsService } from './service';
import type { HealthView, HistoryEvent } from './types';

/**
 * Wraps the collector the core listens to so every snapshot reaches the findings first (a
 * collector has one subscriber; the live recording wraps it the same way).
 */
export function withFindings(collector: CoreCollector, findings: LiveFindings): CoreCollector {
  return {
    snapshot: () => collector.snapshot(),
    health: () => collector.health(),
    stop: () => collector.stop(),
    subscribe(next) {
      collector.subscribe({
        snapshot(snapshot) {
          findings.tick(snapshot);
          next.snapshot(snapshot);
        },
        health(health) {
          findings.noteHealth(health);
          next.health(health);
        },
      });
    },
  };
}

/** Changes kept in memory for the report when there is no archive. */
const MAX_MEMORY_CHANGES = 20_000;

export interface LiveFindingsOptions extends Omit<EngineOptions, 'lifecycle'> {
  archive?: Archive;
  lifecycle?: Partial<LifecycleConfig>;
  now?: () => number;
  /** Merge evaluations into report cycles of this length (default 0: one per evaluation). */
  reportCycleMs?: number;
  /**
   * Most of the core's time the rules may take (default 0.5): after an evaluation that took
   * T ms, ticks arriving within T / fraction ms are added to the History but not evaluated, so
   * slow rules make findings later, never the core unresponsive. Null: evaluate every tick
   * (replays and tests, where ticks come faster than any clock).
   */
  maxBusyFraction?: number | null;
}

export class LiveFindings implements FindingsService {
  readonly engine: FindingsEngine;
  private readonly store: ArchiveFindingStore | null;
  private readonly listeners = new Set<(changed: FindingsChanged) => void>();
  private readonly memoryChanges: FindingChange[] = [];
  private readonly now: () => number;
  private readonly log: Logger;
  private previousHealth: FleetHealth | null = null;
  private health: HealthView | null = null;
  private timeZone = 'UTC';

  constructor(private readonly options: LiveFindingsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? createLogger('findings');
    this.store = options.archive ? new ArchiveFindingStore(options.archive, this.now) : null;
    const lifecycle = new FindingLifecycle(this.store ?? undefined, options.lifecycle);
    this.engine = new FindingsEngine({ ...options, lifecycle, log: this.log });
  }

  /** Ticks added to the History without an evaluation, because the rules were too slow. */
  skipped = 0;
  private restUntil = 0;
  private warnedSlow = false;

  private rest(started: number, spentMs: number): void {
    const fraction =
      this.options.maxBusyFraction === undefined ? 0.5 : this.options.maxBusyFraction;
    if (fraction === null) return;
    this.restUntil = started + spentMs / fraction;
    if (spentMs > 1_000 && !this.warnedSlow) {
      this.warnedSlow = true;
      this.log.warn({ evaluationMs: Math.round(spentMs) }, 'rules are slow: ticks are skipped');
    }
  }

  /** The channels' health as last reported; the next tick takes it into the History. */
  noteHealth(health: HealthView): void {
    this.health = health;
  }

  /** One tick: feed, evaluate, store, tell listeners. Never throws (a tick must not be lost). */
  tick(snapshot: Snapshot): EvaluationResult | null {
    try {
      this.noteTimeZone(snapshot);
      const events = this.healthEvents(Date.parse(snapshot.takenAt));
      const started = performance.now();
      if (!this.engine.feed(snapshot, { health: this.health, events })) return null;
      if (started < this.restUntil) {
        this.skipped++;
        return null;
      }
      const result = this.engine.evaluate();
      this.rest(started, performance.now() - started);
      if (result.changes.length > 0) this.publish(result.atMs, result.changes);
      return result;
    } catch (error) {
      this.log.error({ error: (error as Error).message }, 'findings tick failed');
      return null;
    }
  }

  list(filter: FindingsFilter): FindingView[] {
    const lifecycle = this.engine.lifecycle;
    const nowMs = this.plantNow();
    return lifecycle
      .all()
      .filter((finding) => {
        if (filter.state === 'open' && finding.state === 'resolved') return false;
        if (filter.state && filter.state !== 'open' && finding.state !== filter.state) return false;
        if (filter.severity && finding.severity !== filter.severity) return false;
        return !filter.node || finding.nodes.includes(filter.node);
      })
      .map((finding) => findingView(finding, lifecycle.suppression(finding, nowMs)));
  }

  acknowledge(id: number, by: string, note: string): FindingAnswer {
    const change = this.engine.lifecycle.acknowledge(id, by, note, this.plantNow());
    return this.answer(id, change);
  }

  silence(id: number, untilMs: number): FindingAnswer {
    if (!Number.isFinite(untilMs)) return { ok: false, reason: 'until is not a time' };
    const change = this.engine.lifecycle.silence(id, untilMs, this.plantNow());
    return this.answer(id, change);
  }

  maintenance(node: string, fromMs: number, untilMs: number) {
    if (!(untilMs > fromMs)) {
      return { ok: false as const, reason: `until must be after from (node ${node})` };
    }
    this.engine.lifecycle.addMaintenance({ node, fromMs, untilMs });
    const iso = (ms: number) => new Date(ms).toISOString();
    return { ok: true as const, window: { node, from: iso(fromMs), until: iso(untilMs) } };
  }

  report(options: { sinceMs?: number; untilMs?: number; format: 'md' | 'json' }): string {
    const sinceMs = options.sinceMs ?? 0;
    const untilMs = options.untilMs ?? Number.MAX_SAFE_INTEGER;
    const changes = this.options.archive
      ? archivedChanges(this.options.archive, sinceMs, untilMs)
      : this.memoryChanges;
    const lifecycle = this.engine.lifecycle;
    const report = buildReport(changes, {
      deployment: this.engine.history.latest?.deployment ?? null,
      timeZone: this.timeZone,
      cycleMs: this.options.reportCycleMs,
      sinceMs,
      untilMs,
      suppressed: (finding, atMs) => lifecycle.suppression(finding, atMs) !== null,
    });
    return renderReport(report, options.format);
  }

  subscribe(listener: (changed: FindingsChanged) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.store?.close();
  }

  /**
   * The time of the newest tick: snapshots carry the plant's time (the demo plant runs at 60x),
   * and acknowledgements, silences and suppression are on the same clock as the findings.
   */
  private plantNow(): number {
    return this.engine.history.nowMs || this.now();
  }

  private answer(id: number, change: FindingChange | null): FindingAnswer {
    if (!change) return { ok: false, reason: `no finding with id ${id}` };
    this.publish(change.atMs, [change]);
    const finding = this.engine.lifecycle.get(id)!;
    const suppressed = this.engine.lifecycle.suppression(finding, this.plantNow());
    return { ok: true, finding: findingView(finding, suppressed) };
  }

  private publish(atMs: number, changes: FindingChange[]): void {
    if (!this.options.archive) {
      this.memoryChanges.push(...changes);
      const excess = this.memoryChanges.length - MAX_MEMORY_CHANGES;
      if (excess > 0) this.memoryChanges.splice(0, excess);
    }
    const lifecycle = this.engine.lifecycle;
    const payload: FindingsChanged = {
      at: new Date(atMs).toISOString(),
      changes: changes.map((change) => ({
        change: change.change,
        finding: findingView(change.finding, lifecycle.suppression(change.finding, atMs)),
      })),
    };
    for (const listener of this.listeners) listener(payload);
  }

  /** Channel state changes since the last health report, as History events of kind `health`. */
  private healthEvents(atMs: number): HistoryEvent[] {
    const nodes = this.health?.nodes ?? null;
    if (!nodes) return [];
    const events: HistoryEvent[] = [];
    for (const [node, channels] of Object.entries(nodes)) {
      for (const [channel, health] of Object.entries(channels)) {
        const before = this.previousHealth?.[node]?.[channel as keyof typeof channels];
        if (before?.state === health.state) continue;
        const body = {
          channel,
          from: before?.state ?? null,
          to: health.state,
          error: health.lastError,
        };
        events.push({ atMs: Date.parse(health.since) || atMs, node, kind: 'health', body });
      }
    }
    this.previousHealth = structuredClone(nodes);
    return events;
  }

  private noteTimeZone(snapshot: Snapshot): void {
    for (const node of Object.values(snapshot.nodes)) {
      const zone = node.host?.clock?.timezone;
      if (zone) {
        this.timeZone = zone;
        return;
      }
    }
  }
}
