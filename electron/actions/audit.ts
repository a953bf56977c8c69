// Where audit records go: one append-only record per run (who, role, when, target, arguments,
// exit status, output digest, post-check, the finding it came from). With a live archive they are
// archive events of kind `action.audit` (kept a year, carried in bundles); without one, lines of
// a JSON file in the data directory, opened for appending only.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  auditRecordSchema,
  type AuditRecord,
  type OutputDigest,
} from '../../shared/api/requests-actions';
import type { Archive } from '../archive';
import { createLogger, redactText } from '../log';

export const AUDIT_EVENT_KIND = 'action.audit';

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

export interface AuditStore {
  /** Appends a record; returns its id. */
  append(record: NewAuditRecord): number;
  /** Records at or after `sinceMs`, oldest first. */
  since(sinceMs: number): AuditRecord[];
}

const log = createLogger('audit');

/** `node` of the event: the single node a run touched, null for fleet-wide runs. */
function eventNode(record: NewAuditRecord): string | null {
  return record.nodes.length === 1 ? (record.nodes[0] ?? null) : null;
}

export function archiveAuditStore(archive: Archive): AuditStore {
  return {
    append(record) {
      const atMs = Date.parse(record.at);
      return archive.recordEvent({
        atMs,
        node: eventNode(record),
        kind: AUDIT_EVENT_KIND,
        body: record,
      });
    },
    since(sinceMs) {
      const events = archive.events({
        from: sinceMs,
        to: Date.now() + 86_400_000,
        kind: AUDIT_EVENT_KIND,
      });
      return events.flatMap((event) => {
        const parsed = auditRecordSchema.safeParse({ ...(event.body as object), id: event.id });
        if (parsed.success) return [parsed.data];
        log.warn({ id: event.id }, 'an audit event does not read as a record; skipped');
        return [];
      });
    },
  };
}

/** JSON lines, appended with O_APPEND; ids are line numbers (1-based). */
export function fileAuditStore(file: string): AuditStore {
  const readAll = (): AuditRecord[] => {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line, index) => {
        try {
          const parsed = auditRecordSchema.safeParse({ ...JSON.parse(line), id: index + 1 });
          return parsed.success ? [parsed.data] : [];
        } catch {
          log.warn({ file, line: index + 1 }, 'an audit line is not JSON; skipped');
          return [];
        }
      });
  };
  return {
    append(record) {
      mkdirSync(dirname(file), { recursive: true });
      const id = readAll().length + 1;
      appendFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600, flag: 'a' });
      return id;
    },
    since(sinceMs) {
      return readAll().filter((record) => Date.parse(record.at) >= sinceMs);
    },
  };
}

const DIGEST_LINES = 5;
const DIGEST_LINE_CHARS = 200;

/** sha256 and size of the whole output, and its first and last lines (secrets redacted). */
export function outputDigest(output: string): OutputDigest {
  const lines = output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .map((line) => redactText(line).slice(0, DIGEST_LINE_CHARS));
  const firstLines = lines.slice(0, DIGEST_LINES);
  const lastLines = lines.length > DIGEST_LINES ? lines.slice(-DIGEST_LINES) : [];
  return {
    sha256: createHash('sha256').update(output).digest('hex'),
    bytes: Buffer.byteLength(output),
    firstLines,
    lastLines,
  };
}
