// What some diagnostics mean, in a line for the result: the versions of every node side by side,
// and which clients ask PostgreSQL for a database that does not exist (from the server log).
import type { ActionId } from '../../shared/api/requests-actions';

export interface StepOutput {
  node: string;
  label: string;
  /** stdout and stderr of the step, as the node printed them. */
  text: string;
}

/** `versions.compare`: `vk01 28.2.2 / 2.32.4; vk02 …`, and whether they differ. */
export function versionsSummary(outputs: readonly StepOutput[]): string {
  const byNode = new Map<string, { docker: string; compose: string }>();
  for (const output of outputs) {
    const entry = byNode.get(output.node) ?? { docker: '?', compose: '?' };
    const version = output.text.trim().split('\n')[0]?.trim() || '?';
    if (output.label === 'Docker version') entry.docker = version;
    else entry.compose = version;
    byNode.set(output.node, entry);
  }
  const listed = [...byNode]
    .map(([node, { docker, compose }]) => `${node} Docker ${docker} / Compose ${compose}`)
    .join('; ');
  const distinct = new Set([...byNode.values()].map((entry) => `${entry.docker}/${entry.compose}`));
  return `${listed}${distinct.size > 1 ? ' (they differ)' : ' (all the same)'}`;
}

interface MissingDatabase {
  count: number;
  /** Client address → attempts. */
  clients: Map<string, number>;
  unknownClient: number;
}

const MISSING = /FATAL:\s+database "([^"]+)" does not exist/;
const PROCESS = /\[(\d+)\]/;
const RECEIVED = /connection received: host=([^\s,"]+)/;
/** csvlog's connection field: `"10.22.64.0:17803"`. */
const CSV_HOST = /,"(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+):\d+",/i;

/** Which databases were asked for and by whom, from a PostgreSQL server log. */
export function missingDatabases(log: string): Map<string, MissingDatabase> {
  const hostByProcess = new Map<string, string>();
  const found = new Map<string, MissingDatabase>();
  for (const line of log.split('\n')) {
    const process = PROCESS.exec(line)?.[1];
    const received = RECEIVED.exec(line)?.[1];
    if (process && received) hostByProcess.set(process, received);
    const database = MISSING.exec(line)?.[1];
    if (!database) continue;
    const entry = found.get(database) ?? { count: 0, clients: new Map(), unknownClient: 0 };
    entry.count += 1;
    const host = CSV_HOST.exec(line)?.[1] ?? (process ? hostByProcess.get(process) : undefined);
    if (host) entry.clients.set(host, (entry.clients.get(host) ?? 0) + 1);
    else entry.unknownClient += 1;
    found.set(database, entry);
  }
  return found;
}

export function missingDatabasesSummary(log: string): string {
  const found = missingDatabases(log);
  if (found.size === 0) return 'no client asked for a missing database in the log read';
  const parts = [...found].map(([database, entry]) => {
    const clients = [...entry.clients].map(([host, count]) => `${host} ×${count}`);
    if (entry.unknownClient > 0) clients.push(`an unlogged client ×${entry.unknownClient}`);
    return `database "${database}" asked for ${entry.count}× by ${clients.join(', ')}`;
  });
  const unlogged = [...found.values()].some((entry) => entry.unknownClient > 0);
  const hint = unlogged ? ' (log_connections = on would name every client)' : '';
  return `${parts.join('; ')}${hint}`;
}

/** A line about what the outputs mean, for the actions that have one. */
export function actionSummary(id: ActionId, outputs: readonly StepOutput[]): string | null {
  if (id === 'versions.compare') return versionsSummary(outputs);
  if (id === 'postgres.diagnostics') {
    const log = outputs.find((output) => output.label === 'server log');
    return log ? missingDatabasesSummary(log.text) : null;
  }
  return null;
}
