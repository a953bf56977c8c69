// The main process with the stand-in `electron`: what it sets up, and the whole chain main →
// utility-process core → MessagePort → preload, including a core crash and restart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runUtilityCore } from '../../electron/core/utility-entry';
import {
  FIRST_RESTART_DELAY_MS,
  MAX_RESTART_DELAY_MS,
  restartDelayMs,
} from '../../electron/shell/core-process';
import type { ConnectionState, ControlRoomBridge } from '../../shared/api/bridge';
import {
  releaseCoresAndPorts,
  fakeApp,
  fakeIpcMain,
  record,
  resetStandIn,
  type FakeBrowserWindow,
} from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

/** Loads main.ts (and the window's preload) as Electron would, then makes the app ready. */
async function launch(options: { realCore?: boolean } = {}): Promise<FakeBrowserWindow> {
  if (options.realCore !== false) {
    record.coreFactory = (parentPort, exit) => runUtilityCore(parentPort, { exit });
  }
  vi.resetModules();
  await import('../../electron/shell/main');
  await import('../../electron/shell/preload');
  await fakeApp.becomeReady();
  const [window] = record.windows;
  if (!window) throw new Error('main.ts opened no window');
  window.webContents.finishLoad();
  return window;
}

function bridge(): ControlRoomBridge {
  return record.exposedInMainWorld.get('controlRoom') as ControlRoomBridge;
}

function reaches(state: ConnectionState): Promise<void> {
  return new Promise((resolve) => {
    bridge().onConnectionState((current) => current === state && resolve());
  });
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the main process before the app is ready', () => {
  beforeEach(resetStandIn);
  afterEach(releaseCoresAndPorts);

  it('registers the app scheme and enables the sandbox for every renderer', async () => {
    vi.resetModules();
    await import('../../electron/shell/main');

    expect(record.privilegedSchemes.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect(record.schemesRegisteredAfterReady).toBe(false);
    expect(fakeApp.sandboxEnabled).toBe(true);
  });

  it('quits at once when another instance holds the single-instance lock', async () => {
    fakeApp.singleInstanceLock = false;
    vi.resetModules();
    await import('../../electron/shell/main');
    await fakeApp.becomeReady();

    expect(fakeApp.quitCalls).toBe(1);
    expect(record.windows).toEqual([]);
    expect(record.forks).toEqual([]);
  });
});

describe('the main process once ready', () => {
  beforeEach(resetStandIn);
  afterEach(releaseCoresAndPorts);

  it('secures the session: permissions denied, policy applied, app protocol served', async () => {
    await launch({ realCore: false });
    const session = record.defaultSession;

    expect(session.permissionRequestHandler).toBeTypeOf('function');
    expect(session.permissionCheckHandler?.()).toBe(false);
    expect(session.headersListener).toBeTypeOf('function');
    expect([...session.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('opens one secure window on the app protocol with the built preload', async () => {
    const window = await launch({ realCore: false });
    const preferences = window.options.webPreferences as Record<string, unknown>;

    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true });
    expect(preferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.webContents.loadedUrls).toEqual(['app://control-room/index.html']);
  });

  it('guards the window it creates against navigation and new windows', async () => {
    const window = await launch({ realCore: false });

    expect(window.webContents.attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(record.openedExternally).toEqual([]);
  });

  it("opens the watched fleet's pgAdmin in the system browser (the demo's)", async () => {
    const window = await launch({ realCore: false });
    const pgadmin = 'http://10.244.70.20:5050/';

    expect(window.webContents.windowOpenHandler?.({ url: pgadmin })).toEqual({ action: 'deny' });
    expect(record.openedExternally).toEqual([pgadmin]);
  });

  it('starts the core in a utility process from the built core entry', async () => {
    await launch({ realCore: false });

    expect(record.forks).toHaveLength(1);
    expect(record.forks[0]?.modulePath).toMatch(/core\.js$/);
    expect(record.forks[0]?.options).toMatchObject({ serviceName: expect.any(String) });
  });

  it('focuses the existing window when a second instance starts', async () => {
    const window = await launch({ realCore: false });

    fakeApp.emit('second-instance');

    expect(window.focused).toBe(true);
  });

  it('hands the page a port to the core, through which every call works', async () => {
    const window = await launch();
    await reaches('connected');

    const [handOver] = window.webContents.posted;
    expect(handOver?.channel).toBe('core-port');
    expect(handOver?.ports).toHaveLength(1);
    expect(record.forks[0]?.received[0]?.message).toEqual({ type: 'connect' });
    await expect(bridge().requests['app.info']({})).resolves.toMatchObject({
      ok: true,
      value: { mode: 'desktop' },
    });
  });

  it('hands a fresh port over when the page reloads', async () => {
    const window = await launch();
    await reaches('connected');

    window.webContents.finishLoad();

    await vi.waitFor(() => expect(window.webContents.posted).toHaveLength(2));
    await expect(bridge().requests['app.ping']({ echo: 'after reload' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('hands no port to a page that is not the app', async () => {
    const window = await launch();
    await reaches('connected');

    // Navigation away is blocked; should a foreign page load anyway, it gets no core port.
    window.webContents.loadedUrls.push('https://example.com/');
    window.webContents.finishLoad();
    await nextTurn();
    await nextTurn();
    expect(window.webContents.posted).toHaveLength(1);
  });

  it('restarts a core that died, tells the page, and reconnects it', async () => {
    const window = await launch();
    await reaches('connected');
    const states: ConnectionState[] = [];
    bridge().onConnectionState((state) => states.push(state));

    record.forks[0]?.crash(134);
    await reaches('reconnecting');
    const notice = window.webContents.sent.find((sent) => sent.channel === 'core-down');
    expect(notice?.args).toEqual([
      { reason: 'the core exited with code 134', restartInMs: FIRST_RESTART_DELAY_MS },
    ]);
    await reaches('connected');

    expect(record.forks).toHaveLength(2);
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    await expect(bridge().requests['app.info']({})).resolves.toMatchObject({ ok: true });
  });

  it('asks the core to stop before quitting, and tells the page it is offline', async () => {
    const window = await launch();
    await reaches('connected');

    fakeApp.quit();
    await reaches('offline');
    await vi.waitFor(() => expect(fakeApp.quitCalls).toBe(2));

    expect(record.forks[0]?.received.at(-1)?.message).toEqual({ type: 'stop' });
    expect(record.forks[0]?.killed).toBe(false);
    expect(window.webContents.sent.at(-1)?.args).toEqual([
      { reason: 'the app is closing', restartInMs: null },
    ]);
    expect(record.forks).toHaveLength(1);
  });

  it('ignores problem reports from pages that are not the app', async () => {
    await launch({ realCore: false });
    const foreign = { sender: { id: 9 }, senderFrame: { url: 'https://example.com/' } };

    expect(() => fakeIpcMain.emit('preload-problem', foreign, 'x'.repeat(10_000))).not.toThrow();
  });
});

describe('restarting the core', () => {
  beforeEach(resetStandIn);
  afterEach(() => vi.useRealTimers());

  it('waits longer after each crash in a row, up to a cap', () => {
    const delays = Array.from({ length: 10 }, (_, crashes) => restartDelayMs(crashes));

    expect(delays.slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    expect(Math.max(...delays)).toBe(MAX_RESTART_DELAY_MS);
    expect(delays.at(-1)).toBe(MAX_RESTART_DELAY_MS);
  });

  it('backs off between restarts and starts over after a core that ran a while', async () => {
    await launch({ realCore: false });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });

    const crashAndCountForksAfter = async (waitMs: number): Promise<number> => {
      record.forks.at(-1)?.crash();
      await nextTurn();
      vi.advanceTimersByTime(waitMs);
      return record.forks.length;
    };

    expect(await crashAndCountForksAfter(499)).toBe(1);
    vi.advanceTimersByTime(1);
    expect(record.forks).toHaveLength(2);
    expect(await crashAndCountForksAfter(999)).toBe(2);
    vi.advanceTimersByTime(1);
    expect(record.forks).toHaveLength(3);

    vi.advanceTimersByTime(60_000);
    expect(await crashAndCountForksAfter(500)).toBe(4);
  });

  it('starts no core once the app is quitting, even when a restart was due', async () => {
    await launch({ realCore: false });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });

    record.forks[0]?.crash();
    await nextTurn();
    fakeApp.quit();
    vi.advanceTimersByTime(MAX_RESTART_DELAY_MS);
    await nextTurn();

    expect(record.forks).toHaveLength(1);
    expect(fakeApp.quitCalls).toBe(2);
  });
});
