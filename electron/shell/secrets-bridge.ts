// The preload's three secrets requests. The contract names them like any other request, but in
// the desktop app the main process answers them (secrets-main.ts), since Electron's safeStorage
// lives there: they go over SECRETS_CHANNEL with ipcRenderer.invoke, not over the core's port.
// Runs in the sandboxed preload: types and channel names only.
import type { BridgeRequests, Reply } from '../../shared/api/bridge';
import type { ArgsOf, ResultOf } from '../../shared/api/contract';
import { SECRETS_CHANNEL } from './channels';

export const secretsRequestNames = ['secrets.status', 'secrets.store', 'secrets.forget'] as const;
export type SecretsRequestName = (typeof secretsRequestNames)[number];

/** What the preload sends on SECRETS_CHANNEL: one contract request, checked again by main. */
export interface SecretsIpcRequest {
  name: SecretsRequestName;
  args: unknown;
}

/** `ipcRenderer.invoke`, as far as these requests use it. */
export type Invoke = (channel: string, request: SecretsIpcRequest) => Promise<unknown>;

export function isSecretsRequestName(name: unknown): name is SecretsRequestName {
  return secretsRequestNames.includes(name as SecretsRequestName);
}

/** The bridge functions for the secrets requests; like the others, they never reject. */
export function secretsRequests(invoke: Invoke): Pick<BridgeRequests, SecretsRequestName> {
  const call =
    <N extends SecretsRequestName>(name: N) =>
    async (args: ArgsOf<N>): Promise<Reply<ResultOf<N>>> => {
      try {
        return (await invoke(SECRETS_CHANNEL, { name, args })) as Reply<ResultOf<N>>;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message = `the main process did not answer ${name}: ${reason}`;
        return { ok: false, error: { code: 'INTERNAL', message } };
      }
    };
  return {
    'secrets.status': call('secrets.status'),
    'secrets.store': call('secrets.store'),
    'secrets.forget': call('secrets.forget'),
  };
}
