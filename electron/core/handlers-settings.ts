// Handlers for the settings requests of the contract (shared/api/requests-settings.ts): "copy
// diagnostics", the fleet file edited in a form, host-key approval and the findings' thresholds
// (electron/findings/threshold-settings.ts; no role is needed, as for the fleet file: see
// docs/findings.md, "Overriding thresholds"). Every fleet-file request reads the file afresh,
// so a pin or a save made a moment ago is what the next answer sees. The running collector
// keeps the fleet it started with: edits take effect at the next start. Thresholds apply at once.
import { copyFileSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { FleetProblemView, HostKeyCheck } from '../../shared/api/requests-settings';
import type { settingsRequests } from '../../shared/api/requests-settings';
import type { Fleet } from '../../shared/fleet';
import { gatherDiagnostics } from '../diagnostics';
import { rules as defaultRules } from '../findings/rules';
import { ThresholdSettings } from '../findings/threshold-settings';
import { formatProblem, parseFleet, type FleetProblem, type FleetResult } from '../fleet/load';
import { fetchHostKey, judgeHostKey, pinHostKey } from '../fleet/pin-host-key';
import { logDirectory } from '../log';
import { appVersion, type HandlerContext } from './core';
import { CoreError, type Handlers } from './router';
import { secretsHandlers } from './handlers-secrets';

/** Name given to problems of a text checked while no fleet file is watched. */
const UNSAVED_NAME = 'fleet.yaml';
const NEXT_START_NOTE =
  'Saved. The running core keeps watching the fleet it started with; ' +
  'the change takes effect when the app or `control-room serve` starts again.';

export function settingsHandlers(
  context: HandlerContext,
): Pick<Handlers, keyof typeof settingsRequests> {
  const { options } = context;
  return {
    ...secretsHandlers(context),
    'settings.diagnostics': () => ({ text: diagnosticsText(context) }),
    'fleet.validate': ({ text }) => {
      const result = checkFleet(text, options.fleetFile ?? UNSAVED_NAME);
      return { ok: result.ok, problems: result.ok ? [] : result.problems.map(problemView) };
    },
    'fleet.current': () => currentFleet(context),
    'fleet.save': ({ text }) => saveFleet(context, text),
    'hostKey.check': ({ node }) => checkHostKey(context, node),
    'thresholds.list': () => thresholdsAnswer(context),
    'thresholds.save': ({ overrides }) => saveThresholds(context, overrides),
    'hostKey.approve': ({ node, fingerprint, replacing }) => {
      const file = requireFleetFile(context, 'approve host keys');
      const pinned = pinHostKey(file, node, fingerprint, { replacing });
      if (!pinned.ok) throw new CoreError('INVALID_ARGS', pinned.message);
      context.log.info({ node, fingerprint, changed: pinned.changed }, 'host key approved');
      return { changed: pinned.changed, previous: pinned.previous, note: NEXT_START_NOTE };
    },
  };
}

function diagnosticsText(context: HandlerContext): string {
  const { options } = context;
  const health = options.collector ? options.collector.health().nodes : null;
  const report = gatherDiagnostics({
    appVersion,
    fleetFile: options.fleetFile ?? null,
    logDirectory: logDirectory(),
    health,
    now: context.now(),
  });
  const { fleet } = options;
  const nodes = fleet.nodes.map((node) => `${node.id} (${node.role}) ${node.host}`);
  const watched = [
    '== Watched ==',
    `source ${fleet.source}, mode ${options.mode}, deployment ${fleet.deployment ?? 'none'}`,
    ...(nodes.length > 0 ? nodes : ['no nodes']),
  ];
  // After the header line, before the versions: what is watched is the first thing support asks.
  const [header, ...rest] = report.split('\n\n');
  return [header, watched.join('\n'), ...rest].join('\n\n');
}

function problemView(problem: FleetProblem): FleetProblemView {
  return { ...problem, text: formatProblem(problem) };
}

/** parseFleet, with a throw from the YAML library turned into a problem (never a crash). */
function checkFleet(text: string, file: string): FleetResult {
  try {
    return parseFleet(text, file);
  } catch (error) {
    const message = `cannot be read as a fleet file: ${(error as Error).message}`;
    return { ok: false, problems: [{ file, line: null, field: '', message }] };
  }
}

function requireFleetFile(context: HandlerContext, what: string): string {
  const file = context.options.fleetFile;
  if (file !== undefined) return file;
  const source = context.options.fleet.source === 'demo' ? 'the demo plant' : 'no fleet';
  throw new CoreError(
    'UNAVAILABLE',
    `cannot ${what}: this core watches ${source}, not a fleet file; start it with ` +
      '`control-room serve --fleet FILE` (desktop app: CONTROL_ROOM_FLEET=FILE)',
  );
}

function readFleetText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CoreError('UNAVAILABLE', `cannot read ${file}: ${(error as Error).message}`);
  }
}

function currentFleet(context: HandlerContext) {
  const file = context.options.fleetFile;
  if (file === undefined) {
    const reason =
      context.options.fleet.source === 'demo'
        ? 'the demo plant is built in and has no fleet file'
        : 'no fleet file was given at start';
    return { file: null, text: null, reason };
  }
  return { file, text: readFleetText(file), reason: null };
}

function saveFleet(context: HandlerContext, text: string) {
  const file = requireFleetFile(context, 'save the fleet file');
  const result = checkFleet(text, file);
  if (!result.ok) {
    const lines = result.problems.map(formatProblem);
    throw new CoreError(
      'INVALID_ARGS',
      `not saved, the fleet file has problems:\n${lines.join('\n')}`,
    );
  }
  const backup = `${file}.bak`;
  try {
    copyFileSync(file, backup);
    writeBeside(file, text);
  } catch (error) {
    throw new CoreError('UNAVAILABLE', `cannot save ${file}: ${(error as Error).message}`);
  }
  context.log.info({ file, nodes: Object.keys(result.fleet.nodes).length }, 'fleet file saved');
  return { file, backup, note: NEXT_START_NOTE };
}

/** Written beside and renamed, keeping the file's mode, so a crash never leaves half a file. */
function writeBeside(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: statSync(file).mode & 0o777 });
  renameSync(temporary, file);
}

function loadWatchedFleet(context: HandlerContext): Fleet {
  const file = requireFleetFile(context, 'check host keys');
  const result = checkFleet(readFleetText(file), file);
  if (result.ok) return result.fleet;
  const lines = result.problems.map(formatProblem).join('\n');
  throw new CoreError('UNAVAILABLE', `the fleet file has problems:\n${lines}`);
}

async function checkHostKey(context: HandlerContext, nodeId: string): Promise<HostKeyCheck> {
  const fleet = loadWatchedFleet(context);
  const node = Object.hasOwn(fleet.nodes, nodeId) ? fleet.nodes[nodeId] : undefined;
  if (!node) throw new CoreError('INVALID_ARGS', `the fleet file has no node ${nodeId}`);
  if (!node.ssh) throw new CoreError('INVALID_ARGS', `${nodeId} has no ssh section`);
  const pinned = node.ssh.hostKey ?? null;
  const fetched = await fetchHostKey(node.host, node.ssh.port);
  if (!fetched.ok) {
    const message = `cannot fetch ${nodeId}'s host key: ${fetched.error.message}`;
    return { node: nodeId, state: 'unreachable', fingerprint: null, pinned, message };
  }
  const verdict = judgeHostKey(nodeId, node.ssh.hostKey, fetched.fingerprint);
  const message = verdict.status === 'approved' ? null : verdict.message;
  const state = verdict.status;
  return { node: nodeId, state, fingerprint: fetched.fingerprint, pinned, message };
}

const NO_ENGINE_REASON =
  'this session runs no findings engine (an empty fleet or a review), so the defaults apply';

function thresholdsAnswer(context: HandlerContext) {
  const settings = context.options.thresholds;
  if (settings) return { rules: settings.list(), file: settings.file, reason: null };
  // Still the whole table, read-only: what the defaults are is worth knowing anywhere.
  const defaults = new ThresholdSettings({ file: '', rules: defaultRules, readFile: false });
  return { rules: defaults.list(), file: null, reason: NO_ENGINE_REASON };
}

function saveThresholds(
  context: HandlerContext,
  overrides: Record<string, Record<string, number>>,
) {
  const settings = context.options.thresholds;
  if (!settings) throw new CoreError('UNAVAILABLE', `cannot save thresholds: ${NO_ENGINE_REASON}`);
  const saved = settings.save(overrides);
  if (!saved.ok) {
    throw new CoreError('INVALID_ARGS', `not saved:\n${saved.problems.join('\n')}`);
  }
  return thresholdsAnswer(context);
}
