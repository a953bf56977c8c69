import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenWebContents, openMainWindow, windowOptions } from '../../electron/shell/window';
import { FakeWebContents, record, resetStandIn } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

const asWebContents = (contents: FakeWebContents) =>
  contents as unknown as Parameters<typeof hardenWebContents>[0];

describe('the main window', () => {
  beforeEach(resetStandIn);

  it('is created with the secure set of web preferences and the preload', () => {
    const { webPreferences } = windowOptions('/app/out/preload/index.cjs');

    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
    });
  });

  it('is really constructed with those preferences, nothing switched back on', () => {
    openMainWindow('/app/out/preload/index.cjs');
    const options = record.windows[0]?.options as { webPreferences: Record<string, unknown> };
    const secure = windowOptions('/app/out/preload/index.cjs').webPreferences ?? {};

    expect(options.webPreferences).toEqual(secure);
    for (const name of ['nodeIntegration', 'allowRunningInsecureContent', 'webviewTag']) {
      expect(options.webPreferences[name]).toBe(false);
    }
    for (const name of ['contextIsolation', 'sandbox', 'webSecurity']) {
      expect(options.webPreferences[name]).toBe(true);
    }
  });

  it('opens on the app protocol, never on a file URL, and shows itself once painted', () => {
    const window = openMainWindow('/app/out/preload/index.cjs');
    const [created] = record.windows;

    expect(created?.options).toEqual(windowOptions('/app/out/preload/index.cjs'));
    expect(created?.webContents.loadedUrls).toEqual(['app://control-room/index.html']);
    created?.emit('ready-to-show');
    expect((window as unknown as { shown: boolean }).shown).toBe(true);
  });
});

describe('the guards on every web contents', () => {
  beforeEach(resetStandIn);

  it('prevents navigation and redirects to another origin', () => {
    const contents = new FakeWebContents();
    hardenWebContents(asWebContents(contents));

    expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', 'app://elsewhere/index.html')).toBe(true);
    expect(contents.attempt('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(contents.attempt('will-navigate', 'not a url')).toBe(true);
  });

  it('lets the page move within the app origin', () => {
    const contents = new FakeWebContents();
    hardenWebContents(asWebContents(contents));

    expect(contents.attempt('will-navigate', 'app://control-room/index.html#/trends')).toBe(false);
    expect(contents.attempt('will-redirect', 'app://control-room/index.html')).toBe(false);
  });

  it('denies every window.open, even to the app itself', () => {
    const contents = new FakeWebContents();
    hardenWebContents(asWebContents(contents));

    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'app://control-room/index.html' })).toEqual({
      action: 'deny',
    });
  });

  it('hands an address the fleet names to the system browser, and no other', async () => {
    const contents = new FakeWebContents();
    await contents.loadURL('app://control-room/index.html');
    const links = new Set(['https://10.244.70.20:9443/', 'http://10.244.70.20:5050/']);
    hardenWebContents(asWebContents(contents), () => links);
    const open = (url: string) => contents.windowOpenHandler?.({ url });

    // Every answer is deny: nothing opens inside the app.
    expect(open('https://10.244.70.20:9443')).toEqual({ action: 'deny' });
    expect(open('http://10.244.70.20:5050/')).toEqual({ action: 'deny' });
    for (const url of [
      'https://10.244.70.20:9443/#/settings',
      'http://10.244.70.20:5051/',
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(record.openedExternally).toEqual([
      'https://10.244.70.20:9443/',
      'http://10.244.70.20:5050/',
    ]);
  });

  it('opens nothing for a page that is not the app, even at a fleet address', async () => {
    const contents = new FakeWebContents();
    await contents.loadURL('https://example.com/');
    hardenWebContents(asWebContents(contents), () => new Set(['http://10.244.70.20:5050/']));

    expect(contents.windowOpenHandler?.({ url: 'http://10.244.70.20:5050/' })).toEqual({
      action: 'deny',
    });
    expect(record.openedExternally).toEqual([]);
  });

  it('prevents attaching a webview', () => {
    const contents = new FakeWebContents();
    hardenWebContents(asWebContents(contents));

    expect(contents.attempt('will-attach-webview')).toBe(true);
  });
});
