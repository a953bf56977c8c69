// The browser-mode Api against the real core over in-memory pipes, on fake time: the core is
// killed, silenced and restarted the way the end-to-end test does it with a real process.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, emptyFleet, type Core } from '../../../electron/core/core';
import { ApiError } from '../../../shared/api/client';
import { createMemoryPipePair, type Pipe } from '../../../shared/api/pipe';
import type { Api, ConnectionState } from '../../../renderer/api/api';
import { createReconnectingApi } from '../../../renderer/api/reconnecting-api';

/** A core that can be killed (refusing new pipes), silenced (attached but mute) and restarted. */
function createCoreHost() {
  let core: Core | null = null;
  const pipes: Pipe[] = [];
  const detachers: (() => void)[] = [];
  const start = () => {
    core = createCore({ mode: 'test', fleet: emptyFleet, heartbeatIntervalMs: 1000 });
  };
  start();

  return {
    openPipe: async (): Promise<Pipe> => {
      if (!core) throw new Error('connection refused');
      const [clientEnd, coreEnd] = createMemoryPipePair();
      detachers.push(core.router.attach(coreEnd));
      pipes.push(coreEnd);
      return clientEnd;
    },
    kill() {
      core?.stop();
      core = null;
      pipes.splice(0).forEach((pipe) => pipe.close('core exited'));
    },
    silence() {
      core?.stop();
      detachers.splice(0).forEach((detach) => detach());
    },
    restart: start,
  };
}

function recordStates(api: Api): ConnectionState[] {
  const states: ConnectionState[] = [api.connectionState];
  api.onConnectionState((state) => states.push(state));
  return states;
}

describe('the reconnecting Api', () => {
  let host: ReturnType<typeof createCoreHost>;
  let api: Api;
  let states: ConnectionState[];

  beforeEach(() => {
    vi.useFakeTimers();
    host = createCoreHost();
    api = createReconnectingApi({ openPipe: host.openPipe, random: () => 0 });
    states = recordStates(api);
  });

  afterEach(() => {
    api.close();
    host.kill();
    vi.useRealTimers();
  });

  it('connects at once and answers calls', async () => {
    await vi.advanceTimersByTimeAsync(0);

    expect(states).toEqual(['reconnecting', 'connected']);
    await expect(api.call('fleet.summary', {})).resolves.toEqual(emptyFleet);
  });

  it('delivers heartbeats to listeners registered before the connection', async () => {
    const heartbeats: number[] = [];
    api.on('core.heartbeat', ({ uptimeSeconds }) => heartbeats.push(uptimeSeconds));
    await vi.advanceTimersByTimeAsync(3000);

    expect(heartbeats).toHaveLength(3);
  });

  it('goes offline within 2 s of the core dying and reconnects when it is back', async () => {
    await vi.advanceTimersByTimeAsync(0);
    host.kill();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.connectionState).toBe('reconnecting');

    // Retries at 250, 500 and 1000 ms after the loss fail; the third makes it offline.
    await vi.advanceTimersByTimeAsync(1750);
    expect(api.connectionState).toBe('offline');

    host.restart();
    await vi.advanceTimersByTimeAsync(5000);
    expect(states).toEqual(['reconnecting', 'connected', 'reconnecting', 'offline', 'connected']);
  });

  it('keeps listening to events across a reconnection, without doubling them', async () => {
    const heartbeats: string[] = [];
    api.on('core.heartbeat', ({ at }) => heartbeats.push(at));
    await vi.advanceTimersByTimeAsync(0);
    host.kill();
    host.restart();
    await vi.advanceTimersByTimeAsync(250);
    heartbeats.length = 0;

    await vi.advanceTimersByTimeAsync(3000);
    expect(heartbeats).toHaveLength(3);
  });

  it('drops a connection that stays open but sends no heartbeat for 4 s', async () => {
    await vi.advanceTimersByTimeAsync(0);
    host.silence();

    await vi.advanceTimersByTimeAsync(3900);
    expect(api.connectionState).toBe('connected');
    await vi.advanceTimersByTimeAsync(200);
    expect(states.slice(-1)).toEqual(['reconnecting']);

    host.restart();
    await vi.advanceTimersByTimeAsync(300);
    expect(api.connectionState).toBe('connected');
  });

  it('turns offline on time even when an attempt hangs instead of failing', async () => {
    const hanging = createReconnectingApi({ openPipe: () => new Promise<Pipe>(() => undefined) });
    await vi.advanceTimersByTimeAsync(2900);
    expect(hanging.connectionState).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(200);
    expect(hanging.connectionState).toBe('offline');
    hanging.close();
  });

  it('rejects calls with DISCONNECTED while the core is away', async () => {
    await vi.advanceTimersByTimeAsync(0);
    host.kill();
    await vi.advanceTimersByTimeAsync(0);

    const call = api.call('app.info', {});
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('stops retrying once closed', async () => {
    const openPipe = vi.fn(host.openPipe);
    const closing = createReconnectingApi({ openPipe, random: () => 0 });
    await vi.advanceTimersByTimeAsync(0);
    closing.close();
    host.kill();

    await vi.advanceTimersByTimeAsync(60_000);
    expect(openPipe).toHaveBeenCalledTimes(1);
  });

  it('reports failed attempts and lost connections as problems', async () => {
    const problems: string[] = [];
    const reporting = createReconnectingApi({
      openPipe: host.openPipe,
      random: () => 0,
      onProblem: (problem) => problems.push(problem),
    });
    await vi.advanceTimersByTimeAsync(0);
    host.kill();
    await vi.advanceTimersByTimeAsync(250);

    expect(problems).toEqual([
      'connection lost: core exited',
      'connection attempt failed: connection refused',
    ]);
    reporting.close();
  });
});
