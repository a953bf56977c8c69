// What the core needs of the findings engine (CoreOptions.findings): the findings with their
// lifecycle, the operator's acknowledgements, silences and maintenance windows, and the report.
// A live session feeds it snapshots (FindingsEngine); a review session reads the archive.
import type {
  FindingAnswer,
  FindingView,
  MaintenanceWindowView,
  ReportFormat,
} from '../../shared/api/requests-findings';
import type { PayloadOf } from '../../shared/api/contract';

export interface FindingsFilter {
  state?: 'new' | 'ongoing' | 'resolved' | 'open';
  severity?: 'WARNING' | 'INFO' | 'SUGGESTION';
  node?: string;
}

export type FindingsChanged = PayloadOf<'findings.changed'>;

export interface FindingsService {
  list(filter: FindingsFilter): FindingView[];
  acknowledge(id: number, by: string, note: string): FindingAnswer;
  silence(id: number, untilMs: number): FindingAnswer;
  maintenance(
    node: string,
    fromMs: number,
    untilMs: number,
  ): { ok: true; window: MaintenanceWindowView } | { ok: false; reason: string };
  report(options: { sinceMs?: number; untilMs?: number; format: ReportFormat }): string;
  /** Calls `listener` after each evaluation that changed something; returns an unsubscribe. */
  subscribe(listener: (changed: FindingsChanged) => void): () => void;
}
