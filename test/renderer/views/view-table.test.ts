import { describe, expect, it } from 'vitest';
import { hashForView, viewFromHash, viewIds } from '../../../renderer/views/view-table';

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

  it('lists the eight views in navigation order', () => {
    expect(viewIds).toEqual([
      'overview',
      'nodes',
      'gpus',
      'containers',
      'findings',
      'actions',
      'review',
      'settings',
    ]);
  });
});
