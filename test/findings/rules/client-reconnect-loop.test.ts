import { describe, expect, it } from 'vitest';
import { clientReconnectLoopRule } from '../../../electron/findings/rules/client-reconnect-loop';
import type { LogLevel } from '../../../shared/snapshot';
import { nodeSnapshot, SECOND_MS } from '../history-helpers';
import { evaluate, logsOf, ticks } from './builders';

const vk02 = nodeSnapshot({
  endpoints: [
    { name: 'portainer', url: 'https://10.244.70.26:9443', status: 200, latencyMs: 3, error: null },
  ],
});

/** vk03's backend, failing every 2 s while `failing(second)` holds; a read per minute. */
function backend(minutes: number, failing: (second: number) => string | null) {
  return ticks(minutes, (index, atMs) => {
    const lines: [number, LogLevel, string][] = [];
    for (let second = 0; second < 60; second += 2) {
      const code = failing(index * 60 + second);
      const at = atMs - 60 * SECOND_MS + second * SECOND_MS;
      if (code) {
        lines.push([
          at,
          'error',
          `[Nest] 1 - ERROR [RedisService] Error: connect ${code} 10.244.70.26:4000`,
        ]);
      }
    }
    return { vk03: nodeSnapshot({ logs: { 'visionking-backend': logsOf(lines) } }), vk02 };
  });
}

describe('client-reconnect-loop', () => {
  it('names the loop, its length, period, codes and the node it targets', () => {
    const history = backend(12, (second) =>
      second >= 180 && second < 270 ? 'EHOSTUNREACH' : 'ECONNREFUSED',
    );
    const drafts = evaluate(clientReconnectLoopRule, history);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk03/visionking-backend->10.244.70.26:4000',
      severity: 'WARNING',
      numbers: { failures: 360, durationMinutes: 12, periodSeconds: 2 },
      nodes: ['vk02', 'vk03'],
      actions: ['container.restart', 'container.logs'],
    });
    expect(drafts[0]!.detail).toContain('(ECONNREFUSED → EHOSTUNREACH → ECONNREFUSED)');
    expect(drafts[0]!.detail).toContain('10.244.70.26:4000 (vk02)');
  });

  it('stays silent when healthy, after a short blip, and once the loop stopped', () => {
    expect(
      evaluate(
        clientReconnectLoopRule,
        backend(12, () => null),
      ),
    ).toEqual([]);
    const blip = backend(12, (second) => (second >= 600 && second < 660 ? 'ECONNREFUSED' : null));
    expect(evaluate(clientReconnectLoopRule, blip)).toEqual([]);
    // Failing for 10 min, then 11+ min of reads with no failure: over.
    const stopped = backend(25, (second) => (second < 600 ? 'ECONNREFUSED' : null));
    expect(evaluate(clientReconnectLoopRule, stopped)).toEqual([]);
  });
});
