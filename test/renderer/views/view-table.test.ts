import { describe, expect, it } from 'vitest';
import {
  hashForNode,
  hashForView,
  nodeFromHash,
  viewFromHash,
  viewIds,
} from '../../../renderer/views/view-table';

describe('hash routing', () => {
  it('finds every view from its own hash', () => {
    for (const view of viewIds) expect(viewFromHash(hashForView(view))).toBe(view);
  });

  it('shows the overview for an empty, bare or unknown hash', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#nodes-x']) {
      expect(viewFromHash(hash), hash).toBe('overview');
    }
  });

  it('ignores what follows the view name', () => {
    expect(viewFromHash('#/nodes/vk01')).toBe('nodes');
    expect(viewFromHash('#/gpus?node=vk02')).toBe('gpus');
    expect(viewFromHash('#settings')).toBe('settings');
  });

  it('lists the nine views in navigation order', () => {
    expect(viewIds).toEqual([
      'overview',
      'nodes',
      'gpus',
      'containers',
      'findings',
      'logs',
      'actions',
      'review',
      'settings',
    ]);
  });
});

describe('node routes', () => {
  it('name the node a node view shows, and only under #/nodes', () => {
    expect(nodeFromHash(hashForNode('vk02'))).toBe('vk02');
    expect(nodeFromHash(hashForNode('node one/x'))).toBe('node one/x');
    expect(viewFromHash(hashForNode('vk02'))).toBe('nodes');
    for (const hash of ['#/nodes', '#/nodes/', '#/gpus/vk01', '', '#/']) {
      expect(nodeFromHash(hash), hash).toBeNull();
    }
  });
});
