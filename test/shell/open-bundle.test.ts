// Bundles opened with the app: found on the command line (first start and second instance) or in
// macOS's open-file, checked, and handed to the app's page once it has loaded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundleFromArgv, bundlePath } from '../../electron/shell/open-bundle';
import type { ControlRoomBridge } from '../../shared/api/bridge';
import { temporaryDirectory } from '../helpers/temporary';
import {
  FakeEvent,
  fakeApp,
  record,
  releaseCoresAndPorts,
  resetStandIn,
} from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

function folderWithBundle(): { folder: string; bundle: string } {
  const folder = temporaryDirectory('open-bundle');
  const bundle = join(folder, 'night shift.vkbundle');
  writeFileSync(bundle, 'not checked here: the review checks the contents');
  mkdirSync(join(folder, 'folder.vkbundle'));
  return { folder, bundle };
}

describe('which paths are bundles', () => {
  it('takes existing .vkbundle files, relative ones against the working directory', () => {
    const { folder, bundle } = folderWithBundle();

    expect(bundlePath(bundle, '/')).toBe(bundle);
    expect(bundlePath('night shift.vkbundle', folder)).toBe(bundle);
    expect(bundlePath('missing.vkbundle', folder)).toBeNull();
    expect(bundlePath('folder.vkbundle', folder)).toBeNull();
    expect(bundlePath(join(folder, 'notes.txt'), folder)).toBeNull();
    expect(bundlePath('--inspect=9229.vkbundle', folder)).toBeNull();
    expect(bundlePath(`${'a'.repeat(5000)}.vkbundle`, folder)).toBeNull();
  });

  it('reads the last bundle of a command line, never the executable', () => {
    const { folder, bundle } = folderWithBundle();

    expect(bundleFromArgv([bundle], folder)).toBeNull();
    expect(bundleFromArgv(['/opt/app', '--no-sandbox', 'night shift.vkbundle'], folder)).toBe(
      bundle,
    );
    expect(bundleFromArgv(['/opt/app', 'a.vkbundle', bundle], folder)).toBe(bundle);
    expect(bundleFromArgv(['/opt/app'], folder)).toBeNull();
  });
});

describe('the main process and opened bundles', () => {
  const argv = process.argv;
  beforeEach(resetStandIn);
  afterEach(() => {
    process.argv = argv;
    releaseCoresAndPorts();
  });

  async function launch(): Promise<import('./electron-stand-in').FakeBrowserWindow> {
    vi.resetModules();
    await import('../../electron/shell/main');
    await fakeApp.becomeReady();
    const [window] = record.windows;
    if (!window) throw new Error('main.ts opened no window');
    return window;
  }

  const opened = (window: import('./electron-stand-in').FakeBrowserWindow) =>
    window.webContents.sent.filter((message) => message.channel === 'open-bundle');

  it('hands the page the bundle the app was started with, once the page has loaded', async () => {
    const { bundle } = folderWithBundle();
    process.argv = ['/opt/app', bundle];
    const window = await launch();

    expect(opened(window)).toEqual([]);
    window.webContents.finishLoad();
    expect(opened(window)).toEqual([{ channel: 'open-bundle', args: [bundle] }]);
    // A reload does not open it again.
    window.webContents.finishLoad();
    expect(opened(window)).toHaveLength(1);
  });

  it('takes bundles from a second instance and from macOS open-file', async () => {
    const { folder, bundle } = folderWithBundle();
    const window = await launch();
    window.webContents.finishLoad();

    fakeApp.emit('second-instance', new FakeEvent(), ['/opt/app', 'night shift.vkbundle'], folder);
    const event = new FakeEvent();
    fakeApp.emit('open-file', event, bundle);
    fakeApp.emit('open-file', new FakeEvent(), join(folder, 'missing.vkbundle'));

    expect(event.defaultPrevented).toBe(true);
    expect(opened(window).map((message) => message.args[0])).toEqual([bundle, bundle]);
    expect(window.focused).toBe(true);
  });

  it('reaches the page through the preload, which keeps it until the page subscribes', async () => {
    const { bundle } = folderWithBundle();
    process.argv = ['/opt/app', bundle];
    const window = await launch();
    await import('../../electron/shell/preload');
    const bridge = record.exposedInMainWorld.get('controlRoom') as ControlRoomBridge;

    window.webContents.finishLoad();
    const heard: string[] = [];
    bridge.onOpenBundle((path) => heard.push(path));
    const second = join(bundle, '..', 'second.vkbundle');
    writeFileSync(second, 'another');
    fakeApp.emit('open-file', new FakeEvent(), second);

    expect(heard).toEqual([bundle, second]);
  });
});
