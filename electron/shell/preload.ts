// The sandboxed preload: receives the core's MessagePort from the main process and exposes the
// contract to the page as `window.controlRoom`, with named request functions only, plus the
// bundles the operator opened with the app (`onOpenBundle`).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  type ControlRoomBridge,
  type DesktopAlert,
  type DesktopAlerts,
} from '../../shared/api/bridge';
import { createPortPipe } from '../core/port-pipe';
import {
  ALERT_BADGE_CHANNEL,
  ALERT_NOTIFY_CHANNEL,
  CORE_DOWN_CHANNEL,
  CORE_PORT_CHANNEL,
  MAX_PROBLEM_LENGTH,
  OPEN_BUNDLE_CHANNEL,
  PRELOAD_PROBLEM_CHANNEL,
  type CoreDownNotice,
} from './channels';
import { adaptDomPort } from './dom-port';
import { createOpenedBundles } from './opened-bundles';
import { createBridgeConnection } from './preload-bridge';
import { secretsRequests } from './secrets-bridge';

// The sandbox has no logger; problems go to the main process, which writes them to the log.
const reportProblem = (problem: string): void =>
  ipcRenderer.send(PRELOAD_PROBLEM_CHANNEL, problem.slice(0, MAX_PROBLEM_LENGTH));

const connection = createBridgeConnection(reportProblem);
const openedBundles = createOpenedBundles(reportProblem);

ipcRenderer.on(CORE_PORT_CHANNEL, (event: IpcRendererEvent) => {
  const [port] = event.ports;
  if (!port) return reportProblem(`${CORE_PORT_CHANNEL} arrived without a port`);
  connection.attach(createPortPipe(adaptDomPort(port)));
});

ipcRenderer.on(CORE_DOWN_CHANNEL, (_event: IpcRendererEvent, notice: CoreDownNotice) => {
  connection.detach(notice.reason, notice.restartInMs === null ? 'offline' : 'reconnecting');
});

ipcRenderer.on(OPEN_BUNDLE_CHANNEL, (_event: IpcRendererEvent, path: unknown) => {
  openedBundles.receive(path);
});

// Desktop alerting (notifications.ts checks what arrives): fire and forget, nothing comes back.
const alerts: DesktopAlerts = Object.freeze({
  notify: (alert: DesktopAlert) => ipcRenderer.send(ALERT_NOTIFY_CHANNEL, alert),
  setBadgeCount: (count: number) => ipcRenderer.send(ALERT_BADGE_CHANNEL, count),
});

const bridge: ControlRoomBridge = Object.freeze({
  ...connection.bridge,
  // Secrets go to the main process, which holds safeStorage (secrets-main.ts), not to the core.
  requests: Object.freeze({
    ...connection.bridge.requests,
    ...secretsRequests((channel, request) => ipcRenderer.invoke(channel, request)),
  }),
  onOpenBundle: openedBundles.onOpenBundle,
  alerts,
});
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
