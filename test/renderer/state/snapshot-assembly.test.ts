// Joining the live snapshot from its per-node messages, in whatever order they come.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSnapshot, type SnapshotNodePart } from '../../../shared/api/requests-snapshot';
import { createSnapshotAssembler } from '../../../renderer/state/snapshot-assembly';
import { container, nodeSnapshot, snapshot } from '../snapshot-factory';

const fleetAt = (takenAt: string) =>
  snapshot(takenAt, {
    vk01: nodeSnapshot({ containers: [container('keydb')] }),
    vk02: nodeSnapshot({ gpus: [] }),
    vk03: nodeSnapshot({ containers: [container('pgadmin', 'exited')] }),
  });

describe('the snapshot assembler', () => {
  it('answers the whole snapshot exactly at the last of its messages, in any order', () => {
    const whole = fleetAt('2026-02-19T00:35:00.000Z');
    const { tick, parts } = splitSnapshot(whole);
    const messages = [...parts.map((part) => ({ part })), { tick }];
    fc.assert(
      fc.property(fc.shuffledSubarray(messages, { minLength: messages.length }), (order) => {
        const assembler = createSnapshotAssembler();
        const answers = order.map((message) =>
          'tick' in message ? assembler.addTick(message.tick) : assembler.addPart(message.part),
        );
        expect(answers.slice(0, -1).every((answer) => answer === null)).toBe(true);
        expect(answers.at(-1)).toEqual(whole);
        expect(assembler.pendingTicks).toBe(0);
      }),
    );
  });

  it('joins two ticks whose messages interleave, each from its own parts', () => {
    const early = splitSnapshot(fleetAt('2026-02-19T00:35:00.000Z'));
    const late = splitSnapshot(fleetAt('2026-02-19T00:35:05.000Z'));
    const assembler = createSnapshotAssembler();
    for (const index of [0, 1]) {
      expect(assembler.addPart(early.parts[index]!)).toBeNull();
      expect(assembler.addPart(late.parts[index]!)).toBeNull();
    }
    expect(assembler.addTick(late.tick)).toBeNull();
    expect(assembler.addTick(early.tick)).toBeNull();
    expect(assembler.addPart(early.parts[2]!)?.takenAt).toBe(early.tick.takenAt);
    expect(assembler.addPart(late.parts[2]!)?.takenAt).toBe(late.tick.takenAt);
  });

  it('does not join a node of another deployment or time into this tick', () => {
    const { tick, parts } = splitSnapshot(fleetAt('2026-02-19T00:35:00.000Z'));
    const assembler = createSnapshotAssembler();
    const other: SnapshotNodePart = { ...parts[2]!, deployment: '03003' };
    for (const part of [parts[0]!, parts[1]!, other]) assembler.addPart(part);
    expect(assembler.addTick(tick)).toBeNull();
  });

  it('drops the oldest unfinished ticks, so parts that never complete do not pile up', () => {
    const assembler = createSnapshotAssembler(3);
    for (let second = 0; second < 50; second++) {
      const at = new Date(Date.UTC(2026, 1, 19, 0, 35, second)).toISOString();
      const { tick, parts } = splitSnapshot(fleetAt(at));
      assembler.addTick(tick);
      assembler.addPart(parts[0]!);
    }
    expect(assembler.pendingTicks).toBe(3);
    const last = splitSnapshot(fleetAt('2026-02-19T00:35:49.000Z'));
    expect(assembler.addPart(last.parts[1]!)).toBeNull();
    expect(assembler.addPart(last.parts[2]!)?.takenAt).toBe('2026-02-19T00:35:49.000Z');
  });

  it('completes a tick without nodes at once', () => {
    const empty = splitSnapshot(snapshot('2026-02-19T00:35:00.000Z'));
    expect(createSnapshotAssembler().addTick(empty.tick)).toEqual(
      snapshot('2026-02-19T00:35:00.000Z'),
    );
  });
});
