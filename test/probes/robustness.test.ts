// Every parser against every real output and against arbitrary text: none may throw, none may
// fall back on its last-resort guard ("parser fault"), and problems must point inside the text.
// Parsers that produce snapshot pieces must produce valid ones (null with a reason, never 0).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gpusFromPrometheus } from '../../electron/probes/dcgm';
import { parseDf } from '../../electron/probes/host';
import { hostFromNodeExporter } from '../../electron/probes/node-exporter';
import { gpusFromNvidiaSmiCsv, parseNvidiaSmiTable } from '../../electron/probes/nvidia-smi';
import type { Parsed } from '../../electron/probes/parse-result';
import { parseRabbitQueues } from '../../electron/probes/rabbitmq';
import { diskSchema, gpuSchema, queueSchema } from '../../shared/snapshot';
import { exposition, parsers, realOutputs } from './parser-table';

const allFixtures = realOutputs.map((output) => output.text);

function expectWellBehaved(name: string, result: Parsed<unknown>, text: string): void {
  expect(result.value, name).not.toBeUndefined();
  const lineCount = Math.max(1, text.split('\n').length);
  for (const item of result.problems) {
    expect(item.message, name).not.toMatch(/^parser fault/);
    if (item.line !== null) expect(item.line, name).toBeGreaterThanOrEqual(1);
    if (item.line !== null) expect(item.line, name).toBeLessThanOrEqual(lineCount);
  }
}

describe('every parser on every real output', () => {
  it(`stays well-behaved: ${Object.keys(parsers).length} parsers × every fixture`, () => {
    for (const text of allFixtures) {
      for (const [name, parse] of Object.entries(parsers))
        expectWellBehaved(name, parse(text), text);
    }
  });

  it('produces only valid snapshot GPUs, disks and queues from the real outputs', () => {
    for (const text of allFixtures) {
      const gpus = [
        ...gpusFromNvidiaSmiCsv(text).value,
        ...gpusFromNvidiaSmiCsv(text, null).value,
        ...parseNvidiaSmiTable(text).value.gpus,
        ...gpusFromPrometheus(exposition(text)).value,
      ];
      for (const gpu of gpus) expect(gpuSchema.safeParse(gpu).error).toBeUndefined();
      const disks = [...parseDf(text).value, ...hostFromNodeExporter(exposition(text)).value.disks];
      for (const disk of disks) expect(diskSchema.safeParse(disk).error).toBeUndefined();
      for (const queue of parseRabbitQueues(text).value) {
        expect(queueSchema.safeParse(queue).error).toBeUndefined();
      }
    }
  });
});

describe('every parser on arbitrary text', () => {
  // Lines of real outputs, cut at random places and shuffled with random text, look like the
  // garbage a flaky SSH session or a truncated HTTP body produces.
  const realLines = allFixtures.flatMap((text) => text.split('\n'));
  const mangledLine = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc
      .tuple(fc.constantFrom(...realLines), fc.nat(), fc.nat())
      .map(([line, start, length]) => line.slice(start % (line.length + 1)).slice(0, length % 200)),
    fc.constantFrom(...realLines),
  );
  const mangledText = fc
    .tuple(fc.array(mangledLine, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'))
    .map(([lines, separator]) => lines.join(separator));

  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name} handles arbitrary and mangled text`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 400 }), mangledText), (text) => {
          expectWellBehaved(name, parse(text), text);
        }),
        { numRuns: 150 },
      );
    });
  }
});
