// RabbitMQ queues: the management API's `/api/queues` JSON, and `rabbitmqctl list_queues` text
// (what a technician gets over SSH when the management plugin is off).
import type { MissingMap, Queue } from '../../shared/snapshot';
import {
  asFiniteNumber,
  asRecord,
  asString,
  guarded,
  parseJsonObjects,
  problem,
  reason,
  splitLines,
  type Parsed,
  type ParseProblem,
} from './parse-result';

/** `/api/queues`: one Queue per array item. */
export function parseRabbitQueues(text: string): Parsed<Queue[]> {
  return guarded(
    () => [],
    () => parseJsonObjects(text, queueFromApi),
  );
}

function rate(stats: Record<string, unknown> | undefined, name: string): number | null {
  return asFiniteNumber(asRecord(stats?.[`${name}_details`])?.rate);
}

function queueFromApi(record: Record<string, unknown>): Queue {
  const stats = asRecord(record.message_stats);
  const queue = {
    name: asString(record.name) ?? '',
    vhost: asString(record.vhost) ?? '/',
    state: asString(record.state),
    messages: asFiniteNumber(record.messages),
    messagesReady: asFiniteNumber(record.messages_ready),
    messagesUnacked: asFiniteNumber(record.messages_unacknowledged),
    consumers: asFiniteNumber(record.consumers),
    publishRatePerSecond: rate(stats, 'publish'),
    deliverRatePerSecond: rate(stats, 'deliver_get'),
    memoryBytes: asFiniteNumber(record.memory),
  };
  return { ...queue, missing: queueReasons(queue, stats !== undefined) };
}

function queueReasons(queue: Omit<Queue, 'missing'>, hasStats: boolean): MissingMap {
  const missing: MissingMap = {};
  for (const [field, value] of Object.entries(queue)) {
    if (value !== null) continue;
    const isRate = field.endsWith('RatePerSecond');
    // The broker adds message_stats only once a queue has seen traffic since its stats reset.
    missing[field] =
      isRate && !hasStats
        ? reason('unavailable', 'no message_stats yet (no traffic since the stats reset)')
        : reason('unavailable', 'not in the management API answer');
  }
  return missing;
}

export interface RabbitmqctlQueue {
  line: number;
  /** Column name → value text, by the header or by the columns the caller asked for. */
  columns: Record<string, string | null>;
}

/**
 * `rabbitmqctl list_queues [columns…]`. Since 3.7 the output has banners and a TAB-separated
 * header; older versions print only `Listing queues ...` — pass the columns asked for then.
 * Known defect: for queues on a down node, old brokers print the column list (`[name, state, …]`)
 * in place of the state; that cell becomes null with a problem.
 */
export function parseRabbitmqctlQueues(
  text: string,
  requestedColumns?: string[],
): Parsed<RabbitmqctlQueue[]> {
  return guarded(
    () => [],
    () => {
      const problems: ParseProblem[] = [];
      const queues: RabbitmqctlQueue[] = [];
      let columns = requestedColumns ?? null;
      splitLines(text).forEach((line, index) => {
        if (line.trim() === '' || isBanner(line)) return;
        const cells = splitQueueLine(line);
        if (columns === null) columns = cells;
        else queues.push(queueRow(cells, columns, index + 1, problems));
      });
      return { value: queues, problems };
    },
  );
}

function isBanner(line: string): boolean {
  return /^(Timeout: .* \.\.\.|Listing queues.*\.\.\.|Done\.?)$/.test(line.trim());
}

/** TABs when the broker uses them; otherwise spaces, keeping `[a, b]` lists in one cell. */
function splitQueueLine(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map((cell) => cell.trim());
  return line.trim().match(/\[[^\]]*\]|\S+/g) ?? [];
}

function queueRow(
  cells: string[],
  columns: string[],
  line: number,
  problems: ParseProblem[],
): RabbitmqctlQueue {
  if (cells.length !== columns.length) {
    problems.push(problem(line, `expected ${columns.length} columns, found ${cells.length}`));
  }
  const row: Record<string, string | null> = {};
  columns.forEach((column, index) => {
    const cell = cells[index] ?? null;
    const columnList = cell !== null && /^\[.*\]$/.test(cell) && column !== 'arguments';
    if (columnList) {
      problems.push(problem(line, `broker printed "${cell}" instead of a value`, column));
    }
    row[column] = columnList ? null : cell;
  });
  return { line, columns: row };
}
