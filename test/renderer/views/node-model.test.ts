import { describe, expect, it } from 'vitest';
import { containerRows, onlyOnPeer, peerOf, versionRows } from '../../../renderer/views/node-model';
import { container, host, nodeSnapshot } from '../snapshot-factory';

const fleetNodes = [
  { id: 'vk01', role: 'processing' as const, host: '10.0.0.1' },
  { id: 'vk02', role: 'processing' as const, host: '10.0.0.2' },
  { id: 'vk03', role: 'dashboard' as const, host: '10.0.0.3' },
];

const tagged = (name: string, tag: string) => ({
  ...container(name),
  image: `${name}:${tag}`,
  tag,
});

describe('the peer of a node', () => {
  it('is the other node of the same role, and none for a role held once', () => {
    expect(peerOf(fleetNodes, 'vk01')).toBe('vk02');
    expect(peerOf(fleetNodes, 'vk02')).toBe('vk01');
    expect(peerOf(fleetNodes, 'vk03')).toBeNull();
    expect(peerOf(fleetNodes, 'vk09')).toBeNull();
  });
});

describe('differences from the peer', () => {
  const vk01 = nodeSnapshot({
    containers: [
      tagged('visionking-inference', 'c014'),
      tagged('visionking-result', 'c011'),
      tagged('visionking-plc-monitor', 'c010'),
    ],
    host: host({ dockerVersion: '27.3.1' }),
  });
  const vk02 = nodeSnapshot({
    containers: [
      tagged('visionking-inference', 'c009'),
      tagged('visionking-result', 'c011'),
      tagged('visionking-length-measure', 'c007'),
    ],
    host: host({ dockerVersion: '27.4.0' }),
  });

  it('mark each container: another tag on the peer, only here, or the same', () => {
    expect(containerRows(vk01, vk02).map((row) => [row.container.name, row.peer])).toEqual([
      ['visionking-inference', { kind: 'other-tag', peerTag: 'c009' }],
      ['visionking-result', { kind: 'same' }],
      ['visionking-plc-monitor', { kind: 'only-here' }],
    ]);
    expect(containerRows(vk01, null)[0]?.peer).toEqual({ kind: 'no-peer' });
  });

  it('list what runs on the peer only', () => {
    expect(onlyOnPeer(vk01, vk02)).toEqual(['visionking-length-measure']);
    // Without the peer's container list nothing can be said, so nothing is listed.
    expect(onlyOnPeer(vk01, nodeSnapshot({ containers: null }))).toEqual([]);
  });

  it('flag versions that differ only when both are known', () => {
    const rows = versionRows(vk01, vk02);
    expect(rows.find((row) => row.name === 'docker')).toEqual({
      name: 'docker',
      here: '27.3.1',
      peer: '27.4.0',
      differs: true,
    });
    const noPeer = versionRows(vk01, null).find((row) => row.name === 'docker');
    expect(noPeer).toMatchObject({ peer: null, differs: false });
  });
});
