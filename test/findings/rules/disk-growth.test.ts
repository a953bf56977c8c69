import { describe, expect, it } from 'vitest';
import { diskGrowthRule } from '../../../electron/findings/rules/disk-growth';
import type { Disk } from '../../../shared/snapshot';
import { host, MINUTE_MS, nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

function disk(usedBytes: number | null): Disk {
  const sizeBytes = 937.4e9;
  if (usedBytes === null) {
    const why = { kind: 'unavailable' as const, detail: 'df failed' };
    return {
      mount: '/',
      filesystem: '/dev/nvme0n1p2',
      sizeBytes,
      usedBytes,
      availableBytes: null,
      usedPct: null,
      missing: { usedBytes: why, availableBytes: why, usedPct: why },
    };
  }
  const usedPct = Math.ceil((usedBytes / sizeBytes) * 100);
  return {
    mount: '/',
    filesystem: '/dev/nvme0n1p2',
    sizeBytes,
    usedBytes,
    availableBytes: sizeBytes - usedBytes,
    usedPct,
    missing: {},
  };
}

/** 13 readings 10 min apart: the layer from `layerAt` (MB) and / from `usedAt` (GB). */
function run(layerAt: (index: number) => number | null, usedAt: (index: number) => number | null) {
  return ticks(
    13,
    (index) => {
      const layer = layerAt(index);
      const saver = containerWith('is-sis-surface', {
        sizeRwBytes: layer === null ? null : layer * 1e6,
      });
      const used = usedAt(index);
      return {
        vk02: nodeSnapshot({
          containers: [saver],
          host: host({ disks: [disk(used === null ? null : used * 1e9)] }),
        }),
      };
    },
    10 * MINUTE_MS,
  );
}

describe('disk-growth', () => {
  it('reports a 120 MB writable layer growing 3.2 MB/h', () => {
    const drafts = evaluate(
      diskGrowthRule,
      run(
        (index) => 116.8 + index * (3.2 / 6),
        () => 100,
      ),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk02/layer:is-sis-surface',
      severity: 'SUGGESTION',
      numbers: { sizeMb: 123.2, growthMbPerHour: 3.2 },
      actions: ['disk.usage', 'container.logs'],
    });
  });

  it('reports a filesystem 88 % full and when it fills at its rate', () => {
    const drafts = evaluate(
      diskGrowthRule,
      run(
        () => 1,
        (index) => 820 + index * 5,
      ),
    );
    expect(drafts[0]).toMatchObject({
      subject: 'vk02/disk:/',
      severity: 'WARNING',
      numbers: { usedPct: 94, growthMbPerHour: 30000, daysToFull: 0.1 },
    });
  });

  it('stays silent for small layers, a disk under 85 %, and null readings', () => {
    expect(
      evaluate(
        diskGrowthRule,
        run(
          () => 99,
          () => 700,
        ),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        diskGrowthRule,
        run(
          () => null,
          () => null,
        ),
      ),
    ).toEqual([]);
  });
});
