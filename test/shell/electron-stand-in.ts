// A stand-in for the `electron` module (its binary cannot be installed here). It records what the
// shell does — window options, event handlers, protocol and session handlers, bridge exposures,
// utility process forks — and moves MessagePorts the way Electron does, over real Node
// MessageChannels, so main, preload and a real core can talk inside one test process.
// Use: vi.mock('electron', () => import('./electron-stand-in').then((m) => m.electronModule));
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { MessagePortMainLike, PortMessageEvent } from '../../electron/core/port-pipe';
import type { ParentPortLike, UtilityCore } from '../../electron/core/utility-entry';

/** A MessagePortMain over one end of a Node MessageChannel; queues messages until started. */
export class FakeMessagePortMain extends EventEmitter implements MessagePortMainLike {
  private started = false;

  constructor(readonly nodePort: MessagePort) {
    super();
  }

  postMessage(message: unknown): void {
    this.nodePort.postMessage(message);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.nodePort.on('message', (data: unknown) => this.emit('message', { data, ports: [] }));
    this.nodePort.on('close', () => this.emit('close'));
  }

  close(): void {
    this.nodePort.close();
  }
}

export class FakeMessageChannelMain {
  readonly port1: FakeMessagePortMain;
  readonly port2: FakeMessagePortMain;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port1 = new FakeMessagePortMain(port1);
    this.port2 = new FakeMessagePortMain(port2);
    record.channels.push(this);
  }
}

/** Electron's navigation event: carries the URL and can be prevented. */
export class FakeEvent {
  defaultPrevented = false;

  constructor(readonly url = '') {}

  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly loadedUrls: string[] = [];
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly posted: { channel: string; message: unknown; ports: FakeMessagePortMain[] }[] = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  private destroyed = false;
  private loading = false;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }

  getURL(): string {
    return this.loadedUrls.at(-1) ?? '';
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Like Electron: the renderer receives the Node (DOM-shaped) end of each transferred port. */
  postMessage(channel: string, message: unknown, ports: FakeMessagePortMain[] = []): void {
    this.posted.push({ channel, message, ports });
    const event = { ports: ports.map((port) => port.nodePort), sender: fakeIpcRenderer };
    fakeIpcRenderer.emit(channel, event, message);
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    fakeIpcRenderer.emit(channel, { ports: [], sender: fakeIpcRenderer }, ...args);
  }

  /** Emits a navigation event and tells whether the shell prevented it. */
  attempt(eventName: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    const event = new FakeEvent(url);
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }

  /** The page (and so its preload) finished loading. */
  finishLoad(): void {
    this.loading = true;
    this.emit('did-start-loading');
    this.loading = false;
    this.emit('did-finish-load');
  }

  isLoading(): boolean {
    return this.loading;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  shown = false;
  focused = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    record.windows.push(this);
    fakeApp.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return record.windows.filter((window) => !window.webContents.isDestroyed());
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  show(): void {
    this.shown = true;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  focus(): void {
    this.focused = true;
  }
}

type CoreFactory = (parentPort: ParentPortLike, exit: (code: number) => void) => UtilityCore;

/** A utility process. With a core factory set, a real core runs in-process behind it. */
export class FakeUtilityProcess extends EventEmitter {
  readonly pid = 40_000 + record.forks.length;
  readonly received: { message: unknown; ports: FakeMessagePortMain[] }[] = [];
  readonly portsGiven: FakeMessagePortMain[] = [];
  killed = false;
  exited = false;
  private readonly parentPort = new EventEmitter();
  private core: UtilityCore | undefined;

  constructor(
    readonly modulePath: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
    record.forks.push(this);
    const factory = record.coreFactory;
    if (factory) queueMicrotask(() => this.bootCore(factory));
  }

  postMessage(message: unknown, ports: FakeMessagePortMain[] = []): void {
    this.received.push({ message, ports });
    this.portsGiven.push(...ports);
    // Like Electron's parentPort: delivered asynchronously, ports arrive as MessagePortMain.
    setImmediate(() => this.parentPort.emit('message', { data: message, ports }));
  }

  kill(): boolean {
    this.killed = true;
    this.exit(-1);
    return true;
  }

  /** The process dies: its ports close, then 'exit' is emitted. */
  crash(code = 1): void {
    this.stopCoreQuietly();
    for (const port of this.portsGiven) port.close();
    this.exit(code);
  }

  /** Stops the in-process core without an exit, so the shell does not restart it. */
  stopCoreQuietly(): void {
    this.core?.shutdown();
    this.core = undefined;
  }

  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    setImmediate(() => this.emit('exit', code));
  }

  private bootCore(factory: CoreFactory): void {
    const parentPort: ParentPortLike = {
      on: (event, listener) => this.parentPort.on(event, listener),
      postMessage: (message) => setImmediate(() => this.emit('message', message)),
    };
    this.core = factory(parentPort, (code) => this.exit(code));
  }
}

type PermissionRequestHandler = (
  webContents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: object,
) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  headersListener: HeadersListener | null = null;
  readonly protocolHandlers = new Map<string, ProtocolHandler>();

  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler) =>
      this.protocolHandlers.set(scheme, handler),
  };

  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
}

/**
 * safeStorage with real encryption (AES-256-GCM under a key of its own), so ciphertext holds no
 * plaintext. `backend` is what Linux reports; `available` what the async encryptor says;
 * `rotated` makes the next decryption ask for re-encryption, as a rotated key does.
 */
export class FakeSafeStorage {
  backend = 'gnome_libsecret';
  available = true;
  rotated = false;
  calls: string[] = [];
  private key = randomBytes(32);

  /** A new keychain key: what the store held before can no longer be decrypted. */
  loseKey(): void {
    this.key = randomBytes(32);
  }

  getSelectedStorageBackend(): string {
    this.calls.push('getSelectedStorageBackend');
    return this.backend;
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push('isAsyncEncryptionAvailable');
    return this.available;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.push('encryptStringAsync');
    if (!this.available) throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async decryptStringAsync(
    encrypted: Buffer,
  ): Promise<{ shouldReEncrypt: boolean; result: string }> {
    this.calls.push('decryptStringAsync');
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    const body = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]);
    const shouldReEncrypt = this.rotated;
    this.rotated = false;
    return { shouldReEncrypt, result: body.toString('utf8') };
  }

  // The synchronous API exists in Electron; the shell must not use it.
  encryptString(): never {
    throw new Error('the shell must use encryptStringAsync');
  }

  decryptString(): never {
    throw new Error('the shell must use decryptStringAsync');
  }

  isEncryptionAvailable(): never {
    throw new Error('the shell must use isAsyncEncryptionAvailable');
  }
}

class FakeApp extends EventEmitter {
  ready = false;
  quitCalls = 0;
  sandboxEnabled = false;
  singleInstanceLock = true;
  private readyPromise = deferred();

  whenReady(): Promise<void> {
    return this.readyPromise.promise;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Test helper: the app becomes ready, as Electron reports it once at start. */
  async becomeReady(): Promise<void> {
    this.ready = true;
    this.emit('ready');
    this.readyPromise.resolve();
    await this.readyPromise.promise;
    await new Promise((resolve) => setImmediate(resolve));
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }

  enableSandbox(): void {
    if (this.ready) throw new Error('enableSandbox must be called before the app is ready');
    this.sandboxEnabled = true;
  }

  quit(): void {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('will-quit', event);
  }

  getVersion(): string {
    return '0.0.0-stand-in';
  }

  /** Only `userData` and `logs` are asked for; both live under `record.userDataDir`. */
  getPath(name: string): string {
    if (name === 'userData') return record.userDataDir;
    if (name === 'logs') return `${record.userDataDir}/logs`;
    throw new Error(`the stand-in has no path '${name}'`);
  }

  get isPackaged(): boolean {
    return false;
  }

  resetForTest(): void {
    this.removeAllListeners();
    this.ready = false;
    this.quitCalls = 0;
    this.sandboxEnabled = false;
    this.singleInstanceLock = true;
    this.readyPromise = deferred();
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

type InvokeHandler = (event: object, ...args: unknown[]) => unknown;

/** ipcMain: events for `send`, and one handler per channel for `invoke`, as Electron keeps. */
class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/** The renderer side of IPC; `send` reaches ipcMain with a sender frame on the app's page. */
class FakeIpcRenderer extends EventEmitter {
  readonly sentToMain: { channel: string; args: unknown[] }[] = [];
  /** What `invoke` carried each way, structured-cloned as Electron does. */
  readonly invoked: { channel: string; args: unknown[]; result: unknown }[] = [];

  send(channel: string, ...args: unknown[]): void {
    this.sentToMain.push({ channel, args });
    fakeIpcMain.emit(channel, senderEvent(), ...args);
  }

  /** Rejects like Electron when main registered no handler for the channel. */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = fakeIpcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const sent = structuredClone(args);
    const result = structuredClone(await handler(senderEvent(), ...sent));
    this.invoked.push({ channel, args: sent, result });
    return result;
  }
}

/** The event ipcMain sees: the first window's contents, its frame on the page it loaded. */
function senderEvent(): { sender: FakeWebContents; senderFrame: { url: string } } {
  const sender = record.windows[0]?.webContents ?? new FakeWebContents();
  return { sender, senderFrame: { url: sender.getURL() } };
}

export interface StandInRecord {
  windows: FakeBrowserWindow[];
  forks: FakeUtilityProcess[];
  channels: FakeMessageChannelMain[];
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[];
  /** Whether the app was already ready when schemes were registered (Electron forbids it). */
  schemesRegisteredAfterReady: boolean;
  exposedInMainWorld: Map<string, unknown>;
  defaultSession: FakeSession;
  /** When set, every fork runs a real core in-process through this factory. */
  coreFactory: CoreFactory | undefined;
  safeStorage: FakeSafeStorage;
  /** What app.getPath('userData') answers. */
  userDataDir: string;
  /** Every address handed to shell.openExternal, in order. */
  openedExternally: string[];
}

interface SharedState {
  record: StandInRecord;
  fakeApp: FakeApp;
  fakeIpcRenderer: FakeIpcRenderer;
  fakeIpcMain: FakeIpcMain;
}

// One state for every copy of this module: vi.resetModules() re-evaluates it, and the copy the
// mocked `electron` uses must record into the same place as the copy a test imported.
const sharedKey = Symbol.for('control-room.electron-stand-in');
const registry = globalThis as { [sharedKey]?: SharedState };
const shared = (registry[sharedKey] ??= {
  record: freshRecord(),
  fakeApp: new FakeApp(),
  fakeIpcRenderer: new FakeIpcRenderer(),
  fakeIpcMain: new FakeIpcMain(),
});

export const { record, fakeApp, fakeIpcRenderer, fakeIpcMain } = shared;

function freshRecord(): StandInRecord {
  return {
    windows: [],
    forks: [],
    channels: [],
    privilegedSchemes: [],
    schemesRegisteredAfterReady: false,
    exposedInMainWorld: new Map(),
    defaultSession: new FakeSession(),
    coreFactory: undefined,
    safeStorage: new FakeSafeStorage(),
    userDataDir: `${tmpdir()}/control-room-stand-in-user-data`,
    openedExternally: [],
  };
}

/** Forgets everything recorded and every listener; call before each test. */
export function resetStandIn(): void {
  Object.assign(record, freshRecord());
  fakeApp.resetForTest();
  fakeIpcRenderer.removeAllListeners();
  fakeIpcRenderer.sentToMain.length = 0;
  fakeIpcRenderer.invoked.length = 0;
  fakeIpcMain.removeAllListeners();
  fakeIpcMain.handlers.clear();
}

/** Stops in-process cores and closes every port the stand-in created; call after each test. */
export function releaseCoresAndPorts(): void {
  for (const child of record.forks) child.stopCoreQuietly();
  for (const channel of record.channels) {
    channel.port1.close();
    channel.port2.close();
  }
}

/** The Main-shaped view of a plain Node port, for tests that build their own channel. */
export function asMessagePortMain(port: MessagePort): FakeMessagePortMain {
  return new FakeMessagePortMain(port);
}

export type { PortMessageEvent };

export const electronModule = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  MessageChannelMain: FakeMessageChannelMain,
  ipcMain: fakeIpcMain,
  ipcRenderer: fakeIpcRenderer,
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown): void {
      if (record.exposedInMainWorld.has(key)) throw new Error(`${key} is already exposed`);
      record.exposedInMainWorld.set(key, api);
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: StandInRecord['privilegedSchemes']): void {
      record.schemesRegisteredAfterReady ||= fakeApp.ready;
      record.privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string, handler: ProtocolHandler) =>
      record.defaultSession.protocol.handle(scheme, handler),
  },
  shell: {
    async openExternal(url: string): Promise<void> {
      record.openedExternally.push(url);
    },
  },
  session: {
    get defaultSession() {
      return record.defaultSession;
    },
  },
  get safeStorage() {
    return record.safeStorage;
  },
  utilityProcess: {
    fork(modulePath: string, _args: string[] = [], options: Record<string, unknown> = {}) {
      return new FakeUtilityProcess(modulePath, options);
    },
  },
};
