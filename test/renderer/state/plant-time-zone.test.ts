import { describe, expect, it } from 'vitest';
import { plantTimeZone } from '../../../renderer/state/plant-time-zone';
import { nodeInZone, snapshot } from '../snapshot-factory';

const takenAt = '2026-02-19T00:35:00.000Z';

describe("the plant's time zone", () => {
  it("is the zone the nodes' clocks agree on, ignoring nodes that could not be read", () => {
    const nodes = {
      vk01: nodeInZone('America/Sao_Paulo'),
      vk02: nodeInZone(null),
      vk03: nodeInZone('America/Sao_Paulo'),
    };
    expect(plantTimeZone(snapshot(takenAt, nodes))).toBe('America/Sao_Paulo');
  });

  it('is unknown when the nodes disagree, name a zone Intl does not know, or say nothing', () => {
    const disagreeing = { vk01: nodeInZone('America/Sao_Paulo'), vk02: nodeInZone('UTC') };
    expect(plantTimeZone(snapshot(takenAt, disagreeing))).toBeNull();
    expect(plantTimeZone(snapshot(takenAt, { vk01: nodeInZone('Mars/Olympus_Mons') }))).toBeNull();
    expect(plantTimeZone(snapshot(takenAt, { vk01: nodeInZone(null) }))).toBeNull();
    expect(plantTimeZone(null)).toBeNull();
  });
});
