// Picks the pipe for this page: the desktop preload's bridge when it exists, else a WebSocket back
// to the core that served the page (browser mode).
import { BRIDGE_GLOBAL, type ControlRoomBridge } from '../../shared/api/bridge';
import type { Api } from './api';
import { createDesktopApi } from './desktop-api';
import { createReconnectingApi } from './reconnecting-api';
import { resolveToken, webSocketUrl } from './token';
import { openWebSocketPipe } from './websocket-pipe';

export interface ConnectOptions {
  /** Told about dropped messages and connection failures, for the diagnostics list. */
  onProblem?: (problem: string) => void;
}

export function connectToCore(options: ConnectOptions = {}): Api {
  const bridge = (window as unknown as Record<string, ControlRoomBridge | undefined>)[
    BRIDGE_GLOBAL
  ];
  if (bridge) return createDesktopApi(bridge);

  const token = resolveToken(window.location.search, window.sessionStorage);
  const url = webSocketUrl(window.location, token);
  return createReconnectingApi({
    openPipe: () => openWebSocketPipe(url),
    onProblem: options.onProblem,
  });
}
