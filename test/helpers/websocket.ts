import { WebSocket } from 'ws';

/** The WebSocket address the renderer derives from the page URL `http://host:port/?token=T`. */
export function socketUrlOf(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `ws://${url.host}/api?token=${url.searchParams.get('token') ?? ''}`;
}

/** Opens a WebSocket; rejects with `HTTP <status>` when the server refuses the upgrade. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`HTTP ${response.statusCode}`));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}
