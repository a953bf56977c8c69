// The scenario's containers as the docker stand-in keeps them: one `key=value` file per container
// in <node>/scenario/containers/ (docs/test-plant.md). Read here for the cgroup files and for
// tests that change a container's state the way the daemon would.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ContainerFields = Record<string, string>;

export interface ScenarioContainer {
  /** The file's name, which is the container's name. */
  file: string;
  fields: ContainerFields;
}

/** `key=value` lines; blank lines and `#` comments are skipped, the first `=` splits. */
export function parseContainerFile(text: string): ContainerFields {
  const fields: ContainerFields = {};
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const equals = line.indexOf('=');
    if (equals < 1) continue;
    fields[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return fields;
}

/**
 * The file with some keys changed (null removes one), keeping its order and comments; new keys
 * go at the end. Values must be one line.
 */
export function updateContainerFile(
  text: string,
  changes: Record<string, string | number | null>,
): string {
  for (const [key, value] of Object.entries(changes)) {
    if (!/^[A-Za-z][A-Za-z0-9.]*$/.test(key)) throw new Error(`not a container field: ${key}`);
    if (typeof value === 'string' && /[\r\n]/.test(value)) {
      throw new Error(`a container field is one line: ${key}`);
    }
  }
  const pending = new Map(Object.entries(changes));
  const lines = text.replace(/\n$/, '').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const equals = line.indexOf('=');
    const key = /^\s*#/.test(line) || equals < 1 ? undefined : line.slice(0, equals);
    if (key === undefined || !pending.has(key)) {
      kept.push(line);
      continue;
    }
    const value = pending.get(key);
    pending.delete(key);
    if (value !== null && value !== undefined) kept.push(`${key}=${value}`);
  }
  for (const [key, value] of pending) if (value !== null) kept.push(`${key}=${value}`);
  return `${kept.join('\n')}\n`;
}

/** Every container file of a scenario folder; files that vanish while being read are skipped. */
export function readScenarioContainers(scenarioDir: string): ScenarioContainer[] {
  const dir = path.join(scenarioDir, 'containers');
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
  const containers: ScenarioContainer[] = [];
  for (const file of names.sort()) {
    try {
      containers.push({
        file,
        fields: parseContainerFile(readFileSync(path.join(dir, file), 'utf8')),
      });
    } catch {
      // Removed by `docker rm` between readdir and read.
    }
  }
  return containers;
}

/**
 * A scenario time in milliseconds since 1970: `@SECONDS` counts from the plant's start
 * (originSeconds), otherwise RFC 3339. Go's zero time, an empty or unreadable value: null.
 */
export function scenarioTimeMs(text: string | undefined, originSeconds: number): number | null {
  if (text === undefined || text === '' || text.startsWith('0001-01-01')) return null;
  if (text.startsWith('@')) {
    const seconds = Number(text.slice(1));
    return Number.isFinite(seconds) ? (originSeconds + seconds) * 1000 : null;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}

/** Running and paused containers have a cgroup; exited, created and restarting ones have none. */
export function hasCgroup(fields: ContainerFields): boolean {
  const state = fields.State || 'running';
  return state === 'running' || state === 'paused';
}
