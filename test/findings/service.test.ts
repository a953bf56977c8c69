// The findings requests and event through the core, as `control-room serve` wires them: the
// collector wrapped so each snapshot reaches the engine, findings kept in a real archive.
import { describe, expect, it } from 'vitest';
import { createCore, type CoreCollector } from '../../electron/core/core';
import { LiveFindings, withFindings } from '../../electron/findings/live';
import { nodeDarkRule } from '../../electron/findings/rules/node-dark';
import { createClient } from '../../shared/api/client';
import type { PayloadOf } from '../../shared/api/contract';
import { createMemoryPipePair } from '../../shared/api/pipe';
import type { Snapshot } from '../../shared/snapshot';
import { temporaryArchive } from '../archive/helpers';
import {
  demoSnapshots,
  MINUTE_MS,
  nodeSnapshot,
  plantTime,
  snapshotsEvery,
} from './history-helpers';

/** A collector driven by the test: `push` delivers a snapshot as a running collector would. */
function drivenCollector() {
  let listeners: Parameters<CoreCollector['subscribe']>[0] | null = null;
  let latest: Snapshot | null = null;
  const collector: CoreCollector = {
    snapshot: () => latest,
    health: () => ({ nodes: {}, verdict: null }),
    subscribe: (next) => {
      listeners = next;
    },
    stop: async () => {},
  };
  const push = (snapshot: Snapshot) => {
    latest = snapshot;
    listeners?.snapshot(snapshot);
  };
  return { collector, push };
}

describe('findings through the core', () => {
  it('lists, pushes changes, acknowledges, silences, sets maintenance and renders', async () => {
    const archive = temporaryArchive();
    const findings = new LiveFindings({ archive, maxBusyFraction: null });
    const { collector, push } = drivenCollector();
    const summary = { source: 'demo' as const, deployment: '03002', nodes: [] };
    const core = createCore({
      mode: 'test',
      fleet: summary,
      collector: withFindings(collector, findings),
      archive,
      findings,
    });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    const pushed: PayloadOf<'findings.changed'>[] = [];
    client.on('findings.changed', (payload) => pushed.push(payload));
    try {
      const start = plantTime('2026-02-22 20:06');
      for (const snapshot of await demoSnapshots(
        [0, 5, 10].map((minutes) => start + minutes * MINUTE_MS),
      )) {
        archive.recordSnapshot(snapshot);
        push(snapshot);
      }
      const open = await client.call('findings.list', { state: 'open', node: 'vk02' });
      const dark = open.find((finding) => finding.ruleId === 'node-dark');
      expect(dark).toMatchObject({ subject: 'vk02', state: 'ongoing', severity: 'INFO' });
      await expect.poll(() => pushed.length).toBeGreaterThan(0);
      expect(pushed[0]!.changes.map((change) => change.change)).toContain('opened');

      const acknowledged = await client.call('findings.acknowledge', {
        id: dark!.id,
        by: 'ana',
        note: 'vk02 is being re-imaged',
      });
      expect(acknowledged).toMatchObject({ ok: true, finding: { acknowledged: { by: 'ana' } } });
      const silenced = await client.call('findings.silence', {
        id: dark!.id,
        until: '2026-02-23T12:00:00-03:00',
      });
      expect(silenced).toMatchObject({ ok: true, finding: { suppressed: 'silenced' } });
      const window = await client.call('findings.maintenance', {
        node: 'vk02',
        from: '2026-02-22T20:00:00-03:00',
        until: '2026-02-22T19:00:00-03:00',
      });
      expect(window).toMatchObject({ ok: false, reason: expect.stringMatching(/after from/) });
      const missing = await client.call('findings.acknowledge', { id: 9999, by: 'ana', note: '' });
      expect(missing).toEqual({ ok: false, reason: 'no finding with id 9999' });

      const report = await client.call('report.render', { format: 'md' });
      expect(report.text).toContain('## 2026-02-22 20:06 -- ');
      expect(report.text).toContain('**[INFO] vk02 is fully dark');
      const empty = await client.call('report.render', {
        format: 'json',
        until: '2026-02-22T20:00:00-03:00',
      });
      expect(JSON.parse(empty.text)).toMatchObject({ deployment: '03002', cycles: [] });
    } finally {
      client.close();
      await core.stop();
      findings.close();
    }
  }, 60_000);

  it('answers empty lists and refusals without an engine', async () => {
    const core = createCore({
      mode: 'test',
      fleet: { source: 'empty', deployment: null, nodes: [] },
    });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    await expect(client.call('findings.list', {})).resolves.toEqual([]);
    const refusal = await client.call('findings.silence', { id: 1, until: '2026-02-23T12:00:00Z' });
    expect(refusal).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no findings engine/),
    });
    client.close();
    await core.stop();
  });
});

describe('slow rules', () => {
  it('skip evaluations so the rules take at most the given share of the time', async () => {
    let evaluations = 0;
    const slow = {
      ...nodeDarkRule,
      id: 'slow',
      evaluate: () => {
        evaluations++;
        const until = performance.now() + 20;
        while (performance.now() < until) {
          // Busy: a rule that takes 20 ms.
        }
        return [];
      },
    };
    const findings = new LiveFindings({ rules: [slow], maxBusyFraction: 0.5 });
    const snapshots = snapshotsEvery('2026-02-18T21:30:00-03:00', 5_000, 40, () => ({
      vk01: nodeSnapshot(),
    }));
    const started = performance.now();
    for (const snapshot of snapshots) {
      findings.tick(snapshot);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsedMs = performance.now() - started;
    expect(evaluations + findings.skipped).toBe(40);
    expect(findings.skipped).toBeGreaterThan(0);
    // Every tick is in the History even when not evaluated.
    expect(findings.engine.history.series('vk01|host|load1', 0)).toHaveLength(40);
    expect(evaluations * 20).toBeLessThanOrEqual(elapsedMs * 0.5 + 20);
  });
});
