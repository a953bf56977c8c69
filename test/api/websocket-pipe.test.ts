import { createClient } from '../../shared/api/client';
import { createCore, emptyFleet } from '../../electron/core/core';
import { startBrowserServer } from '../../electron/server/server';
import { createWebSocketPipe } from '../../electron/server/ws-pipe';
import { temporaryDirectory } from '../helpers/temporary';
import { openSocket, socketUrlOf } from '../helpers/websocket';
import { describeContractCases, type Connect } from './contract-cases';

const connectOverWebSocket: Connect = async (options = {}) => {
  const core = createCore({
    mode: 'test',
    fleet: emptyFleet,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    collector: options.collector,
  });
  const server = await startBrowserServer({
    router: core.router,
    staticDir: temporaryDirectory('static'),
  });
  const clientPipe = createWebSocketPipe(await openSocket(socketUrlOf(server.url)));
  const client = createClient(clientPipe);
  return {
    client,
    clientPipe,
    silenceCore: () => core.router.detachAll(),
    killCore: () => server.close(),
    dispose: async () => {
      client.close();
      await server.close();
      core.stop();
    },
  };
};

describeContractCases('a WebSocket (browser mode)', connectOverWebSocket);
