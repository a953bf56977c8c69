// The preload, loaded with the stand-in `electron`, talking to a real core over a real
// MessageChannel (Node's, whose ports have the DOM MessagePort shape the preload receives).
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, emptyFleet, type Core } from '../../electron/core/core';
import { createPortPipe } from '../../electron/core/port-pipe';
import type { ConnectionState, ControlRoomBridge, Reply } from '../../shared/api/bridge';
import { requestNames, type ArgsOf, type RequestName } from '../../shared/api/contract';
import { asMessagePortMain, fakeIpcRenderer, record, resetStandIn } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

const FROM = '2026-02-19T00:00:00.000Z';
const TO = '2026-02-19T01:00:00.000Z';

/** Arguments for every contract request; typecheck fails here until a new request has one. */
const exampleArgs: { [N in RequestName]: ArgsOf<N> } = {
  'app.info': {},
  'app.ping': { echo: 'through the preload' },
  'fleet.summary': {},
  'snapshot.latest': {},
  'snapshot.node': { node: 'vk01' },
  'health.current': {},
  'archive.range': {},
  'series.list': { node: 'vk01' },
  'trend.query': { series: ['vk01/host/cpu'], from: FROM, to: TO },
  'trend.topGrowth': { node: 'vk01', from: FROM, to: TO },
  'bundle.export': { from: FROM, to: TO, path: '/nonexistent/control-room/out.vkbundle' },
  'bundle.import': { path: '/nonexistent/control-room/in.vkbundle' },
  'review.open': { path: '/nonexistent/control-room/in.vkbundle' },
  'review.close': {},
  'review.seek': { at: FROM },
  'review.node': { at: FROM, node: 'vk01' },
  'review.diff': { from: FROM, to: TO },
  'findings.list': {},
  'findings.acknowledge': { id: 1, by: 'operator', note: 'seen' },
  'findings.silence': { id: 1, until: TO },
  'findings.maintenance': { node: 'vk01', from: FROM, until: TO },
  'report.render': { format: 'md' },
  'actions.catalog': {},
  'actions.preview': { actionId: 'container.logs', target: { node: 'vk01' } },
  'actions.run': { previewId: 'none' },
  'actions.cancel': { runId: 'none' },
  'actions.audit': {},
  'role.current': {},
  'role.set': { role: 'viewer' },
  'role.setPin': { pin: '1234' },
  'settings.diagnostics': {},
  'fleet.validate': { text: 'deployment: "03002"\nnodes: {}\n' },
  'fleet.current': {},
  'fleet.save': { text: 'deployment: "03002"\nnodes: {}\n' },
  'hostKey.check': { node: 'vk01' },
  'hostKey.approve': { node: 'vk01', fingerprint: `SHA256:${'A'.repeat(43)}` },
  'thresholds.list': {},
  'thresholds.save': { overrides: { 'memory-leak': { minRateMbPerHour: 2 } } },
  'secrets.status': {},
  'secrets.store': { variable: 'VK01_PG_PASSWORD', value: 'example' },
  'secrets.forget': { variable: 'VK01_PG_PASSWORD' },
};

/** Codes that mean a call never reached a core that knows the method. */
const unreachedCodes = ['UNKNOWN_METHOD', 'DISCONNECTED', 'TIMEOUT', 'INVALID_ARGS'];

const cores: Core[] = [];
const ports: MessagePort[] = [];

/** Starts a real core and hands the preload its port, as the main process does. */
function handOverCorePort(options: { heartbeatIntervalMs?: number } = {}): MessagePort {
  const { port1, port2 } = new MessageChannel();
  const core = createCore({ mode: 'test', fleet: emptyFleet, ...options });
  core.router.attach(createPortPipe(asMessagePortMain(port1)));
  cores.push(core);
  ports.push(port1, port2);
  fakeIpcRenderer.emit('core-port', { ports: [port2], sender: fakeIpcRenderer });
  return port1;
}

async function loadPreload(): Promise<ControlRoomBridge> {
  vi.resetModules();
  await import('../../electron/shell/preload');
  return record.exposedInMainWorld.get('controlRoom') as ControlRoomBridge;
}

function nextState(bridge: ControlRoomBridge, wanted: ConnectionState): Promise<void> {
  return new Promise((resolve) => {
    const stop = bridge.onConnectionState((state) => {
      if (state !== wanted) return;
      queueMicrotask(() => stop());
      resolve();
    });
  });
}

describe('the preload bridge', () => {
  beforeEach(resetStandIn);
  afterEach(() => {
    for (const core of cores.splice(0)) core.stop();
    for (const port of ports.splice(0)) port.close();
  });

  it('exposes exactly one global, window.controlRoom, with named parts only', async () => {
    const bridge = await loadPreload();

    expect([...record.exposedInMainWorld.keys()]).toEqual(['controlRoom']);
    expect(Object.keys(bridge).sort()).toEqual([
      'alerts',
      'on',
      'onConnectionState',
      'onOpenBundle',
      'requests',
    ]);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge).not.toHaveProperty('invoke');
  });

  it('has one function per contract request, generated from the contract table', async () => {
    const bridge = await loadPreload();

    expect(Object.keys(bridge.requests).sort()).toEqual([...requestNames].sort());
    for (const name of requestNames) expect(bridge.requests[name]).toBeTypeOf('function');
  });

  it('reaches every contract method end to end through a real MessageChannel', async () => {
    const bridge = await loadPreload();
    handOverCorePort();

    for (const name of requestNames) {
      const request = bridge.requests[name] as (args: unknown) => Promise<Reply<unknown>>;
      const reply = await request(exampleArgs[name]);
      const code = reply.ok ? null : reply.error.code;
      // A handler may refuse the example (no such bundle: INVALID_ARGS naming the path); the
      // router's own refusal of the arguments names the method.
      const fromRouter = !reply.ok && reply.error.message.startsWith(`${name}: `);
      const refused = code === 'INVALID_ARGS' && !fromRouter ? null : code;
      expect(unreachedCodes, `${name} answered ${code}`).not.toContain(refused);
    }
    await expect(bridge.requests['app.ping']({ echo: 'é ✓' })).resolves.toMatchObject({
      ok: true,
      value: { echo: 'é ✓' },
    });
    await expect(bridge.requests['app.info']({})).resolves.toMatchObject({
      ok: true,
      value: { name: 'VisionKing Control Room', mode: 'test' },
    });
  });

  it('returns errors as plain data instead of throwing', async () => {
    const bridge = await loadPreload();
    handOverCorePort();

    const reply = await bridge.requests['app.ping']({ echo: 42 } as never);

    expect(reply).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGS', message: expect.any(String) },
    });
    expect(Object.getPrototypeOf((reply as { error: object }).error)).toBe(Object.prototype);
  });

  it('answers DISCONNECTED while no port has arrived, and says it is waiting', async () => {
    const bridge = await loadPreload();
    const states: ConnectionState[] = [];
    bridge.onConnectionState((state) => states.push(state));

    await expect(bridge.requests['app.info']({})).resolves.toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED' },
    });
    expect(states).toEqual(['reconnecting']);
  });

  it('delivers contract events and accepts only contract event names', async () => {
    const bridge = await loadPreload();
    handOverCorePort({ heartbeatIntervalMs: 20 });

    const beat = await new Promise((resolve) => bridge.on('core.heartbeat', resolve));

    expect(beat).toMatchObject({ at: expect.any(String), uptimeSeconds: expect.any(Number) });
    expect(() => bridge.on('shell.exec' as never, () => undefined)).toThrow(/unknown event/);
  });

  it('reports reconnecting when the core goes away and connected on the next port', async () => {
    const bridge = await loadPreload();
    const states: ConnectionState[] = [];
    bridge.onConnectionState((state) => states.push(state));
    const beats = vi.fn();
    bridge.on('core.heartbeat', beats);

    const firstCorePort = handOverCorePort();
    await nextState(bridge, 'connected');
    firstCorePort.close();
    await nextState(bridge, 'reconnecting');
    handOverCorePort({ heartbeatIntervalMs: 20 });
    await nextState(bridge, 'connected');
    await vi.waitFor(() => expect(beats).toHaveBeenCalled());

    expect(states).toEqual(['reconnecting', 'connected', 'reconnecting', 'connected']);
  });

  it('fails pending calls at once and goes offline when told no restart is coming', async () => {
    const bridge = await loadPreload();
    handOverCorePort();
    await nextState(bridge, 'connected');

    const pending = bridge.requests['app.info']({});
    fakeIpcRenderer.emit('core-down', {}, { reason: 'the app is closing', restartInMs: null });

    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    const states: ConnectionState[] = [];
    bridge.onConnectionState((state) => states.push(state));
    expect(states).toEqual(['offline']);
  });

  it('hands an opened bundle to the page, also one that arrived before it subscribed', async () => {
    const bridge = await loadPreload();

    fakeIpcRenderer.emit('open-bundle', { ports: [], sender: fakeIpcRenderer }, '/srv/a.vkbundle');
    const heard: string[] = [];
    const stop = bridge.onOpenBundle((path) => heard.push(path));
    fakeIpcRenderer.emit('open-bundle', { ports: [], sender: fakeIpcRenderer }, '/srv/b.vkbundle');
    stop();
    fakeIpcRenderer.emit('open-bundle', { ports: [], sender: fakeIpcRenderer }, '/srv/c.vkbundle');

    expect(heard).toEqual(['/srv/a.vkbundle', '/srv/b.vkbundle']);
  });

  it('reports an open-bundle message without a usable path instead of passing it on', async () => {
    const bridge = await loadPreload();
    const heard: unknown[] = [];
    bridge.onOpenBundle((path) => heard.push(path));

    fakeIpcRenderer.emit('open-bundle', { ports: [], sender: fakeIpcRenderer }, { path: 1 });
    fakeIpcRenderer.emit('open-bundle', { ports: [], sender: fakeIpcRenderer }, 'x'.repeat(5000));

    expect(heard).toEqual([]);
    expect(fakeIpcRenderer.sentToMain).toEqual([
      { channel: 'preload-problem', args: ['open-bundle arrived without a path'] },
      { channel: 'preload-problem', args: ['open-bundle path longer than 4096 characters'] },
    ]);
  });

  it('tells the main process about a port message that carried no port', async () => {
    await loadPreload();

    fakeIpcRenderer.emit('core-port', { ports: [], sender: fakeIpcRenderer });

    expect(fakeIpcRenderer.sentToMain).toEqual([
      { channel: 'preload-problem', args: ['core-port arrived without a port'] },
    ]);
  });
});
