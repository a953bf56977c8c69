import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPath,
  gpuSchema,
  MAX_LOG_LINES_PER_CONTAINER,
  parseSnapshot,
  type Snapshot,
} from '../../shared/snapshot';

/** The complete example of docs/snapshot-format.md: the reference must stay valid. */
function documentedExample(): Snapshot {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const page = readFileSync(join(root, 'docs', 'snapshot-format.md'), 'utf8');
  const example = /## Example[\s\S]*?```json\n([\s\S]*?)```/.exec(page)?.[1];
  if (!example) throw new Error('docs/snapshot-format.md has no JSON example');
  return JSON.parse(example) as Snapshot;
}

// The edits below write wrong types on purpose, so the copy is deliberately untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = any;

/** A deep copy of the example, changed by `edit`, to test one mistake at a time. */
function exampleWith(edit: (snapshot: Untyped) => void): unknown {
  const copy: Untyped = structuredClone(documentedExample());
  edit(copy);
  return copy;
}

describe('parseSnapshot', () => {
  it('accepts the documented example, nulls with reasons included', () => {
    const result = parseSnapshot(documentedExample());
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(Object.keys(result.snapshot.nodes)).toEqual(['vk01', 'vk02']);
    expect(result.snapshot.nodes.vk01?.gpus?.[0]?.temperatureC).toBeNull();
    expect(result.snapshot.nodes.vk02?.containers).toBeNull();
  });

  it('reports wrong types with their path', () => {
    const result = parseSnapshot(
      exampleWith((snapshot) => {
        snapshot.nodes.vk01.gpus[0].temperatureC = '52C';
        snapshot.nodes.vk01.host.disks[0].usedPct = -1;
        snapshot.nodes.vk01.containers[0].state = 'sleeping';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^nodes\.vk01\.host\.disks\[0\]\.usedPct: /),
      expect.stringMatching(/^nodes\.vk01\.gpus\[0\]\.temperatureC: .*number/),
      expect.stringMatching(/^nodes\.vk01\.containers\[0\]\.state: /),
    ]);
  });

  it('refuses a null without a reason and a reason without a null', () => {
    const result = parseSnapshot(
      exampleWith((snapshot) => {
        snapshot.nodes.vk01.gpus[0].powerW = null;
        snapshot.nodes.vk01.host.missing.load1 = { kind: 'unavailable', detail: 'x' };
      }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        'nodes.vk01.host.missing.load1: has a reason but is not null',
        'nodes.vk01.gpus[0].powerW: null without a reason',
      ],
    });
  });

  it('refuses a null section of a node without a reason', () => {
    const result = parseSnapshot(
      exampleWith((snapshot) => {
        delete snapshot.nodes.vk02.missing.host;
      }),
    );
    expect(result).toEqual({ ok: false, problems: ['nodes.vk02.host: null without a reason'] });
  });

  it('refuses a channel that is down without an error, or up without a latency', () => {
    const result = parseSnapshot(
      exampleWith((snapshot) => {
        snapshot.nodes.vk02.reachability.ssh.error = null;
        snapshot.nodes.vk01.reachability.ssh.latencyMs = null;
      }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        'nodes.vk01.reachability.ssh.latencyMs: up without a latency',
        'nodes.vk02.reachability.ssh.error: down without an error saying why',
      ],
    });
  });

  it('refuses an endpoint with status 0 and no error', () => {
    const result = parseSnapshot(
      exampleWith((snapshot) => {
        snapshot.nodes.vk01.endpoints[1].error = null;
      }),
    );
    expect(result).toEqual({
      ok: false,
      problems: ['nodes.vk01.endpoints[1].error: status 0 without an error'],
    });
  });

  it('refuses unknown versions, bad times, unknown reason kinds and too many log lines', () => {
    const result = parseSnapshot(
      exampleWith((snapshot) => {
        snapshot.version = 2;
        snapshot.takenAt = 'yesterday';
        snapshot.nodes.vk01.gpus[0].missing.temperatureC.kind = 'gone';
        const logs = snapshot.nodes.vk01.logs['visionking-plc-monitor'];
        logs.lines = Array.from({ length: MAX_LOG_LINES_PER_CONTAINER + 1 }, () => logs.lines[0]);
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.split(':')[0])).toEqual([
      'version',
      'takenAt',
      'nodes.vk01.gpus[0].missing.temperatureC.kind',
      'nodes.vk01.logs.visionking-plc-monitor.lines',
    ]);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = parseSnapshot(value);
        expect(result.ok).toBe(false);
      }),
    );
    expect(parseSnapshot(undefined)).toMatchObject({ ok: false, problems: [expect.any(String)] });
  });
});

describe('pieces of the schema', () => {
  it('accepts a GPU whose telemetry is gone, every value null with its reason', () => {
    const gone = { kind: 'unavailable', detail: 'DCGM: blank (9223372036854775792)' } as const;
    const gpu = {
      index: 0,
      name: 'NVIDIA RTX A4000',
      uuid: null,
      temperatureC: null,
      memoryUsedBytes: null,
      memoryTotalBytes: null,
      memoryUsedPct: null,
      utilizationPct: null,
      powerW: null,
      fanPct: null,
      telemetry: { state: 'unavailable', reason: gone.detail },
      missing: {
        uuid: { kind: 'not-collected', detail: 'no UUID label' },
        temperatureC: gone,
        memoryUsedBytes: gone,
        memoryTotalBytes: gone,
        memoryUsedPct: gone,
        utilizationPct: gone,
        powerW: gone,
        fanPct: gone,
      },
    };
    expect(gpuSchema.safeParse(gpu).success).toBe(true);
  });

  it('writes field paths the way people read them', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['nodes', 'vk01', 'gpus', 0, 'temperatureC'])).toBe(
      'nodes.vk01.gpus[0].temperatureC',
    );
  });
});
