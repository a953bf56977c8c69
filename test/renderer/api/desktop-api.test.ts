import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState, ControlRoomBridge, Reply } from '../../../shared/api/bridge';
import { ApiError } from '../../../shared/api/client';
import { createDesktopApi } from '../../../renderer/api/desktop-api';

function createBridge(pingReply: Reply<{ echo: string; at: string }>) {
  const stateListeners = new Set<(state: ConnectionState) => void>();
  // Only these requests are called here; the Api passes every call through alike.
  const requests: Partial<ControlRoomBridge['requests']> = {
    'app.info': async () => ({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'core starting' },
    }),
    'app.ping': async () => pingReply,
    'fleet.summary': async () => ({
      ok: true,
      value: { source: 'empty', deployment: null, nodes: [] },
    }),
    'snapshot.latest': async () => ({ ok: true, value: null }),
    'health.current': async () => ({ ok: true, value: { nodes: {}, verdict: null } }),
  };
  const bridge: ControlRoomBridge = {
    requests: requests as ControlRoomBridge['requests'],
    on: () => () => undefined,
    onOpenBundle: () => () => undefined,
    onConnectionState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
  const report = (state: ConnectionState) => stateListeners.forEach((listener) => listener(state));
  return { bridge, report };
}

const pong: Reply<{ echo: string; at: string }> = {
  ok: true,
  value: { echo: '', at: '2025-01-01T00:00:00Z' },
};

describe('the desktop Api over the preload bridge', () => {
  it('returns the value of an ok reply', async () => {
    const api = createDesktopApi(createBridge(pong).bridge);
    await expect(api.call('fleet.summary', {})).resolves.toMatchObject({ source: 'empty' });
  });

  it('turns an error reply back into an ApiError with its code and method', async () => {
    const api = createDesktopApi(createBridge(pong).bridge);
    const call = api.call('app.info', {});
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ code: 'UNAVAILABLE', method: 'app.info' });
  });

  it('counts as connected once the core answers a ping', async () => {
    const api = createDesktopApi(createBridge(pong).bridge);
    const states: ConnectionState[] = [];
    api.onConnectionState((state) => states.push(state));
    await vi.waitFor(() => expect(api.connectionState).toBe('connected'));
    expect(states).toEqual(['connected']);
  });

  it('follows the states the bridge reports', async () => {
    const disconnected: Reply<never> = {
      ok: false,
      error: { code: 'DISCONNECTED', message: 'no core' },
    };
    const { bridge, report } = createBridge(disconnected);
    const api = createDesktopApi(bridge);
    await Promise.resolve();
    expect(api.connectionState).toBe('reconnecting');

    report('offline');
    report('connected');
    expect(api.connectionState).toBe('connected');
  });
});
