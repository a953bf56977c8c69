// The desktop app's answers to the contract's secrets requests (shared/api/requests-settings.ts).
// They are answered here, in the main process, because Electron's safeStorage lives here: the
// preload sends them on SECRETS_CHANNEL instead of the core's port (secrets-bridge.ts). A stored
// secret reaches the core only as an environment variable of the forked utility process, under
// the name the fleet file gives it, so the transports read it exactly as browser mode reads an
// exported variable (electron/transport/secrets.ts). A value never travels back to the page and
// never reaches a log line: answers say only where a secret is.
import { ipcMain } from 'electron';
import type { Reply } from '../../shared/api/bridge';
import { requests, type ResultOf } from '../../shared/api/contract';
import { describeIssues, type ErrorCode } from '../../shared/api/protocol';
import type { SecretEntry, SecretState } from '../../shared/api/requests-settings';
import { formatProblem, loadFleetFile } from '../fleet/load';
import { createLogger } from '../log';
import { SECRETS_CHANNEL } from './channels';
import type { CoreSupervisor } from './core-process';
import { isAppUrl } from './protocol';
import { openSecretVault, secretRefsOf, type SecretRef, type SecretVault } from './secrets';
import { isSecretsRequestName, type SecretsRequestName } from './secrets-bridge';

export interface SecretsServiceOptions {
  vault: SecretVault;
  /** The fleet file the core watches (CONTROL_ROOM_FLEET); null for the demo plant. */
  fleetFile: string | null;
  /** The environment the app was started with: a variable set there is reported, not stored. */
  inherited: NodeJS.ProcessEnv;
  /** Restarts the core, which is then forked with `environment()`. */
  restartCore(reason: string): void;
}

export interface SecretsService {
  /** Answers one request from the page; `request` is untrusted: `{ name, args }` is checked. */
  answer(request: unknown): Promise<Reply<unknown>>;
  /** Reads the fleet file and the vault again; `environment()` answers the result. */
  refreshEnvironment(): Promise<void>;
  /** The secrets the core is forked with, by the fleet file's variable names. */
  environment(): Record<string, string>;
}

const NO_FLEET_REASON =
  'the app watches the demo plant; start it with CONTROL_ROOM_FLEET naming a fleet file';

/** A refusal with the contract's error code; becomes the error half of a Reply. */
class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface FleetSecrets {
  file: string | null;
  reason: string | null;
  refs: SecretRef[];
}

export function createSecretsService(options: SecretsServiceOptions): SecretsService {
  const log = createLogger('secrets');
  const { vault } = options;
  let environment: Record<string, string> = {};

  const readFleet = (): FleetSecrets => {
    const file = options.fleetFile;
    if (file === null) return { file: null, reason: NO_FLEET_REASON, refs: [] };
    const loaded = loadFleetFile(file);
    if (loaded.ok) return { file, reason: null, refs: secretRefsOf(loaded.fleet) };
    const first = loaded.problems[0];
    const problem = first ? formatProblem(first) : 'unreadable';
    return { file, reason: `the fleet file cannot be used: ${problem}`, refs: [] };
  };

  const refsNamed = (variable: string): SecretRef[] => {
    const refs = readFleet().refs.filter((ref) => ref.variable === variable);
    if (refs.length > 0) return refs;
    throw new Refusal('INVALID_ARGS', `the fleet file names no secret variable ${variable}`);
  };

  const refreshEnvironment = async (): Promise<void> => {
    environment = await vault.environmentFor(readFleet().refs);
  };

  const changed = async (variable: string, what: string): Promise<void> => {
    await refreshEnvironment();
    log.info({ variable }, `secret ${what}; restarting the core with it`);
    options.restartCore(`the secret ${variable} was ${what}`);
  };

  const status = async (): Promise<ResultOf<'secrets.status'>> => {
    const fleet = readFleet();
    const policy = await vault.policy();
    const secrets = await Promise.all(
      groupByVariable(fleet.refs).map((refs) => entryFor(vault, refs, options.inherited)),
    );
    return {
      fleetFile: fleet.file,
      fleetReason: fleet.reason,
      persistent: policy.persistent,
      persistenceReason: policy.persistent ? null : policy.reason,
      secrets,
    };
  };

  const store = async (variable: string, value: string): Promise<ResultOf<'secrets.store'>> => {
    const results = [];
    for (const ref of refsNamed(variable)) results.push(await vault.put(ref, value));
    const kept = results.find((result) => result.stored !== 'keychain');
    await changed(variable, 'entered');
    if (kept === undefined) {
      return { state: 'stored', message: 'Stored in the keychain; the core restarts to use it.' };
    }
    return { state: 'session', message: `${kept.reason} The core restarts to use it.` };
  };

  const forget = async (variable: string): Promise<ResultOf<'secrets.forget'>> => {
    const forgotten = refsNamed(variable)
      .map((ref) => vault.remove(ref))
      .some(Boolean);
    if (!forgotten) return { forgotten, message: `nothing was stored for ${variable}` };
    await changed(variable, 'forgotten');
    return { forgotten, message: `${variable} forgotten; the core restarts without it.` };
  };

  const run = async (name: SecretsRequestName, args: unknown): Promise<unknown> => {
    const parsed = requests[name].args.safeParse(args);
    // The issues name fields and limits, never the value that was sent.
    if (!parsed.success) {
      throw new Refusal('INVALID_ARGS', `${name}: ${describeIssues(parsed.error)}`);
    }
    if (name === 'secrets.status') return status();
    const { variable, value } = parsed.data as { variable: string; value?: string };
    return name === 'secrets.store' ? store(variable, value ?? '') : forget(variable);
  };

  const answer = async (request: unknown): Promise<Reply<unknown>> => {
    const { name, args } = (request ?? {}) as { name?: unknown; args?: unknown };
    if (!isSecretsRequestName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'not a secrets request' } };
    }
    try {
      return { ok: true, value: requests[name].result.parse(await run(name, args)) };
    } catch (error) {
      if (error instanceof Refusal) {
        return { ok: false, error: { code: error.code, message: error.message } };
      }
      log.error({ request: name, err: error }, 'a secrets request failed');
      return { ok: false, error: { code: 'INTERNAL', message: `${name} failed; see the log` } };
    }
  };

  return { answer, refreshEnvironment, environment: () => environment };
}

function groupByVariable(refs: SecretRef[]): SecretRef[][] {
  const groups = new Map<string, SecretRef[]>();
  for (const ref of refs) groups.set(ref.variable, [...(groups.get(ref.variable) ?? []), ref]);
  return [...groups.values()];
}

/** One variable's state: kept by the vault (any of its uses), else inherited, else missing. */
async function entryFor(
  vault: SecretVault,
  refs: SecretRef[],
  inherited: NodeJS.ProcessEnv,
): Promise<SecretEntry> {
  const variable = refs[0]?.variable ?? '';
  const uses = refs.map((ref) => ({ node: ref.nodeId, channel: ref.channel }));
  const locations = await Promise.all(refs.map((ref) => vault.locate(ref)));
  const wheres = new Set(locations.map((location) => location.where));
  let state: SecretState = 'missing';
  if (wheres.has('memory')) state = 'session';
  else if (wheres.has('keychain')) state = 'stored';
  else if (inherited[variable]) state = 'environment';
  const reasons = locations.flatMap((location) =>
    location.where === 'nowhere' && location.reason ? [location.reason] : [],
  );
  return { variable, uses, state, reason: state === 'missing' ? (reasons[0] ?? null) : null };
}

/** The sender check for SECRETS_CHANNEL: only the app's own page may ask. */
export function isAppSender(event: { senderFrame?: { url: string } | null }): boolean {
  return isAppUrl(event.senderFrame?.url ?? '');
}

const FOREIGN_SENDER: Reply<never> = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: "secrets are answered to the app's own page only" },
};

/**
 * Opens the vault, answers SECRETS_CHANNEL for the app's page, and starts the core once its
 * secrets are read, forked with them; storing or forgetting one restarts it with the new set.
 */
export function serveSecrets(core: CoreSupervisor): SecretsService {
  const log = createLogger('secrets');
  const service = createSecretsService({
    vault: openSecretVault(),
    fleetFile: process.env.CONTROL_ROOM_FLEET || null,
    inherited: process.env,
    restartCore: (reason) => void core.restart(reason),
  });
  ipcMain.handle(SECRETS_CHANNEL, (event, request: unknown) => {
    if (isAppSender(event)) return service.answer(request);
    log.warn({ url: event.senderFrame?.url ?? '' }, 'refused a secrets request from another page');
    return FOREIGN_SENDER;
  });
  service
    .refreshEnvironment()
    .catch((error: unknown) => log.error({ err: error }, 'could not read the stored secrets'))
    .finally(() => core.start(service.environment));
  return service;
}
