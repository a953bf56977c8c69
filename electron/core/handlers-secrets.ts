// The secrets requests of the contract (shared/api/requests-settings.ts) as the core answers them:
// never. Browser mode and the command line take secrets only from the environment variables the
// fleet file names, or for SSH from the agent. In the desktop app the preload sends these three
// to the main process instead (electron/shell/secrets-main.ts), because Electron's safeStorage
// lives there; a desktop core that gets one anyway says so.
import type { settingsRequests } from '../../shared/api/requests-settings';
import type { HandlerContext } from './core';
import { CoreError, type Handlers } from './router';

type SecretsRequestName = Extract<keyof typeof settingsRequests, `secrets.${string}`>;

/** What browser mode answers; Settings shows its own translated sentence for it. */
export const SECRETS_FROM_ENVIRONMENT =
  'unavailable: secrets come from environment variables or the SSH agent';

const DESKTOP_MAIN_ANSWERS =
  'unavailable: in the desktop app the main process keeps secrets, not the core';

export function secretsHandlers(context: HandlerContext): Pick<Handlers, SecretsRequestName> {
  const refuse = (): never => {
    const message =
      context.options.mode === 'desktop' ? DESKTOP_MAIN_ANSWERS : SECRETS_FROM_ENVIRONMENT;
    throw new CoreError('UNAVAILABLE', message);
  };
  return {
    'secrets.status': refuse,
    'secrets.store': refuse,
    'secrets.forget': refuse,
  };
}
