// Wiring to the collector: every snapshot and health change is archived and handed on, and a
// failed write is counted and logged, never thrown back into the collector.
import { describe, expect, it, vi } from 'vitest';
import { archiveListeners, startMaintenance } from '../../electron/archive';
import { initialHealth, nextHealth } from '../../electron/collect/health';
import { demoFleetSnapshot, temporaryArchive } from './helpers';

describe('archiveListeners', () => {
  it('archive snapshots and health changes, then pass them on', async () => {
    const archive = temporaryArchive();
    const snapshot = await demoFleetSnapshot();
    const next = { snapshot: vi.fn(), health: vi.fn() };
    const listeners = archiveListeners(archive, next);
    listeners.snapshot!(snapshot);
    const at = new Date(snapshot.takenAt);
    const down = nextHealth(
      nextHealth(initialHealth(at), { kind: 'timeout', message: 'ssh: timed out' }, at),
      { kind: 'timeout', message: 'ssh: timed out' },
      at,
    );
    listeners.health!({ nodes: { vk01: { ssh: down } as never }, verdict: null });
    expect(next.snapshot).toHaveBeenCalledWith(snapshot);
    expect(next.health).toHaveBeenCalledTimes(1);
    expect(archive.range()).toEqual({ firstMs: at.getTime(), lastMs: at.getTime() });
    const events = archive.events({ from: 0, to: at.getTime(), kind: 'health' });
    expect(events).toMatchObject([
      { node: 'vk01', body: { channel: 'ssh', from: null, to: 'down' } },
    ]);
  });

  it('stamp a verdict with the collector clock (plant time), not the wall clock', async () => {
    const archive = temporaryArchive();
    const snapshot = await demoFleetSnapshot();
    const listeners = archiveListeners(archive);
    listeners.snapshot!(snapshot);
    const changedAt = new Date(Date.parse(snapshot.takenAt) + 7_000);
    const failure = { kind: 'socket' as const, message: 'ssh: connection refused' };
    const down = nextHealth(
      nextHealth(initialHealth(changedAt), failure, changedAt),
      failure,
      changedAt,
    );
    const verdict = { kind: 'all-unreachable' as const, message: 'check this workstation' };
    listeners.health!({ nodes: { vk01: { ssh: down } as never }, verdict });
    const events = archive.events({ from: 0, to: changedAt.getTime(), kind: 'verdict' });
    expect(events).toHaveLength(1);
    expect(events[0]!.atMs).toBe(changedAt.getTime());
  });

  it('count a failed write and still pass the snapshot on', async () => {
    const archive = temporaryArchive();
    archive.close();
    const next = { snapshot: vi.fn() };
    const listeners = archiveListeners(archive, next);
    const snapshot = await demoFleetSnapshot();
    expect(() => listeners.snapshot!(snapshot)).not.toThrow();
    expect(listeners.failures()).toBe(1);
    expect(next.snapshot).toHaveBeenCalledTimes(1);
  });
});

describe('startMaintenance', () => {
  it('runs maintenance slices on a timer until stopped', () => {
    vi.useFakeTimers();
    try {
      const archive = temporaryArchive();
      const maintain = vi.spyOn(archive, 'maintain');
      const schedule = startMaintenance(archive, { intervalMs: 1_000, budgetMs: 5 });
      vi.advanceTimersByTime(3_500);
      schedule.stop();
      vi.advanceTimersByTime(5_000);
      expect(maintain).toHaveBeenCalledTimes(3);
      expect(maintain).toHaveBeenCalledWith({ budgetMs: 5 });
    } finally {
      vi.useRealTimers();
    }
  });
});
