import { createClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { createCore, emptyFleet } from '../../electron/core/core';
import { describeContractCases, type Connect } from './contract-cases';

const connectInMemory: Connect = async (options = {}) => {
  const [clientPipe, corePipe] = createMemoryPipePair();
  const core = createCore({
    mode: 'test',
    fleet: emptyFleet,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    collector: options.collector,
  });
  const detach = core.router.attach(corePipe);
  return {
    client: createClient(clientPipe),
    clientPipe,
    silenceCore: detach,
    killCore: async () => corePipe.close('core exited'),
    dispose: async () => {
      core.stop();
      clientPipe.close();
    },
  };
};

describeContractCases('an in-memory pipe pair', connectInMemory);
