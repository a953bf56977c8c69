import { describe, expect, it } from 'vitest';
import { gpuTelemetryLostRule } from '../../../electron/findings/rules/gpu-telemetry-lost';
import { downChannel, MINUTE_MS, nodeSnapshot, reachability } from '../history-helpers';
import { evaluate, gpuReading, ticks } from './builders';

/** vk01's GPU read every 5 min; `lost(index)` says whether temperature and memory are [N/A]. */
function run(count: number, lost: (index: number) => boolean) {
  return ticks(
    count,
    (index) => ({
      vk01: nodeSnapshot({
        gpus: [lost(index) ? gpuReading(null, null, 0) : gpuReading(27, 67.4, 0)],
      }),
    }),
    5 * MINUTE_MS,
  );
}

describe('gpu-telemetry-lost', () => {
  it('warns when temperature and memory stay null while utilization reads 0', () => {
    const drafts = evaluate(
      gpuTelemetryLostRule,
      run(10, (index) => index >= 3),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/gpu:0',
      severity: 'WARNING',
      title: 'vk01 GPU 0 telemetry lost for 30 min',
      numbers: { lostMinutes: 30, utilizationPct: 0 },
      actions: ['gpu.diagnostics', 'container.logs'],
    });
    expect(drafts[0]!.detail).toContain('temperatureC (last 27) and memoryUsedPct (last 67.4)');
  });

  it('reports the recovery once readings return', () => {
    const drafts = evaluate(
      gpuTelemetryLostRule,
      run(16, (index) => index >= 3 && index < 13),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/gpu:0/recovered',
      severity: 'INFO',
      numbers: { lostMinutes: 50, temperatureC: 27, memoryUsedPct: 67.4 },
    });
  });

  it('stays silent when healthy, for a one-tick gap, and when the nulls are SSH being down', () => {
    expect(
      evaluate(
        gpuTelemetryLostRule,
        run(10, () => false),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        gpuTelemetryLostRule,
        run(10, (index) => index === 9),
      ),
    ).toEqual([]);
    const sshDown = ticks(
      10,
      (index) => ({
        vk01:
          index < 3
            ? nodeSnapshot({ gpus: [gpuReading(27, 67.4, 0)] })
            : nodeSnapshot({
                reachability: reachability({
                  ssh: downChannel({ kind: 'timeout', message: 'timed out' }),
                }),
                gpus: null,
                missing: {
                  ...nodeSnapshot().missing,
                  gpus: { kind: 'channel-down', detail: 'ssh: timed out' },
                },
              }),
      }),
      5 * MINUTE_MS,
    );
    expect(evaluate(gpuTelemetryLostRule, sshDown)).toEqual([]);
  });
});
