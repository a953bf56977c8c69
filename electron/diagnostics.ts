// "Copy diagnostics": one plain-text report an operator can paste into a ticket. It holds the
// versions, the fleet file without secrets or comments, the health of every channel and the
// latest log lines. Whatever it quotes is scrubbed twice: secret-shaped text (redactText), then
// every value of a secret variable the fleet file names, wherever it appears.
import { readFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { isScalar, parseDocument, visit, type Document } from 'yaml';
import { redactText, rotatedLogFiles } from './log';

export interface ChannelHealthLike {
  state: string;
  since: string;
  lastError: { kind: string; message: string } | null;
}

export interface DiagnosticsInput {
  /** Version of the app (package.json); the runtime's versions are added here. */
  appVersion: string;
  /** The fleet file being watched; null for the demo plant or none. */
  fleetFile: string | null;
  /** Folder of the rotating log (`logDirectory()`). */
  logDirectory: string;
  /** Health per node and channel; null when no collector runs. */
  health: Record<string, Record<string, ChannelHealthLike>> | null;
  /** Where secret variables are looked up, to remove their values. */
  env?: NodeJS.ProcessEnv;
  /** Most log lines quoted, newest last. */
  logLines?: number;
  now?: Date;
}

const DEFAULT_LOG_LINES = 200;
/** Keys whose values are secrets (the loader refuses them, but a broken file may hold one). */
const secretKeyPattern = /^(password|passphrase|secret|token|privateKey)$/i;
/** Shorter values would match ordinary words and ruin the report; fleet passwords are longer. */
const MIN_SCRUBBED_SECRET_LENGTH = 4;

export function gatherDiagnostics(input: DiagnosticsInput): string {
  const env = input.env ?? process.env;
  const fleetText = input.fleetFile === null ? null : readText(input.fleetFile);
  const secretNames = fleetText?.ok ? secretVariableNames(fleetText.text) : [];
  const sections = [
    `VisionKing Control Room diagnostics, ${(input.now ?? new Date()).toISOString()}`,
    section('Versions', versionLines(input.appVersion)),
    section('Fleet file', fleetLines(input.fleetFile, fleetText, secretNames, env)),
    section('Channel health', healthLines(input.health)),
    section('Recent log lines', logLines(input.logDirectory, input.logLines)),
  ];
  const secrets = secretNames
    .map((name) => env[name])
    .filter((value): value is string => (value?.length ?? 0) >= MIN_SCRUBBED_SECRET_LENGTH);
  return removeValues(sections.join('\n\n'), secrets);
}

function section(title: string, lines: string[]): string {
  return [`== ${title} ==`, ...lines].join('\n');
}

function versionLines(appVersion: string): string[] {
  const versions = process.versions as Record<string, string | undefined>;
  return [
    `app ${appVersion}`,
    `electron ${versions.electron ?? 'none (browser mode)'}`,
    `chrome ${versions.chrome ?? 'none'}`,
    `node ${versions.node}`,
    `os ${platform()} ${release()} ${arch()}`,
  ];
}

type TextRead = { ok: true; text: string } | { ok: false; reason: string };

function readText(file: string): TextRead {
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function fleetLines(
  file: string | null,
  read: TextRead | null,
  secretNames: string[],
  env: NodeJS.ProcessEnv,
): string[] {
  if (file === null || read === null) return ['none (demo plant or no fleet chosen)'];
  if (!read.ok) return [`${file}: cannot read it: ${read.reason}`];
  const document = parseDocument(read.text, { prettyErrors: false });
  if (document.errors.length > 0) {
    // Quoting a file that is not YAML could quote anything; its problems are enough.
    return [`${file}: not valid YAML`, ...document.errors.map((error) => error.message)];
  }
  const variables = secretNames.map((name) => `  ${name}: ${env[name] ? 'set' : 'NOT SET'}`);
  const text = withoutSecrets(document);
  if (text === null) return [`${file}: its YAML cannot be written back (an alias without anchor?)`];
  return [
    `${file}:`,
    text.trimEnd(),
    'Secret variables it names (values never shown):',
    ...(variables.length > 0 ? variables : ['  none']),
  ];
}

/** The document as YAML without comments or secret values; null when it cannot be written. */
function withoutSecrets(document: Document): string | null {
  visit(document, {
    Node(_key, node) {
      node.comment = null;
      node.commentBefore = null;
    },
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (secretKeyPattern.test(key)) pair.value = document.createNode('[removed]');
      // Variable names are kept whole: `passwordEnv: VK01_PG_PASSWORD` is what support needs.
      else if (!/Env$/.test(key) && isScalar(pair.value) && typeof pair.value.value === 'string')
        pair.value.value = redactText(pair.value.value);
    },
  });
  document.commentBefore = null;
  document.comment = null;
  try {
    return document.toString();
  } catch {
    return null;
  }
}

/** Values of every `...Env` key: the environment variables holding secrets. */
export function secretVariableNames(fleetText: string): string[] {
  const names = new Set<string>();
  const document = parseDocument(fleetText, { prettyErrors: false });
  visit(document, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || !isScalar(pair.value)) return;
      if (/Env$/.test(String(pair.key.value))) names.add(String(pair.value.value));
    },
  });
  return [...names].sort();
}

function healthLines(health: DiagnosticsInput['health']): string[] {
  if (health === null) return ['no collector is running'];
  const lines: string[] = [];
  for (const [node, channels] of Object.entries(health)) {
    for (const [channel, state] of Object.entries(channels)) {
      const error = state.lastError ? ` (${state.lastError.kind}: ${state.lastError.message})` : '';
      lines.push(redactText(`${node} ${channel}: ${state.state} since ${state.since}${error}`));
    }
  }
  return lines.length > 0 ? lines : ['no nodes'];
}

function logLines(directory: string, wanted = DEFAULT_LOG_LINES): string[] {
  const files = rotatedLogFiles(directory);
  if (files.length === 0) return [`no log files in ${directory}`];
  const lines: string[] = [];
  for (const file of [...files].reverse()) {
    const read = readText(file);
    if (!read.ok) continue;
    const fileLines = read.text.split('\n').filter((line) => line.trim() !== '');
    lines.unshift(...fileLines.slice(-(wanted - lines.length)));
    if (lines.length >= wanted) break;
  }
  return lines.map(redactText);
}

function removeValues(text: string, secrets: string[]): string {
  // Longest first, so a secret that contains another is removed whole.
  const ordered = [...new Set(secrets)].sort((left, right) => right.length - left.length);
  return ordered.reduce((current, secret) => current.split(secret).join('[redacted]'), text);
}
