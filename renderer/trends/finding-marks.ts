// Stretches of a chart a finding is about, drawn as labelled bands: GPU thermal cycling on the
// temperature chart, a GPU idle with models loaded on its utilization and memory charts. Each
// finding's evidence names the series and the span it read. Pure, so it is tested without a
// browser.
import type { FindingView } from '../findings/use-findings';

/** The finding classes drawn as bands, and the label key of each. */
const markedClasses = {
  'gpu-thermal-cycling': 'cycling',
  'gpu-idle-loaded': 'idleLoaded',
} as const;

export type MarkKind = (typeof markedClasses)[keyof typeof markedClasses];

export interface FindingMark {
  fromMs: number;
  toMs: number;
  kind: MarkKind;
  findingId: number;
}

/**
 * The marks on the chart of one archive series. The thermal rule's `…/steady` finding (a GPU
 * that holds steady, for comparison) is no cycling, so it is left out.
 */
export function findingMarks(findings: readonly FindingView[], archiveKey: string): FindingMark[] {
  const marks: FindingMark[] = [];
  for (const finding of findings) {
    const kind = markedClasses[finding.findingClass as keyof typeof markedClasses];
    if (!kind || finding.subject.endsWith('/steady')) continue;
    for (const series of finding.evidence.series) {
      if (series.key !== archiveKey || series.toMs <= series.fromMs) continue;
      marks.push({ fromMs: series.fromMs, toMs: series.toMs, kind, findingId: finding.id });
    }
  }
  return marks;
}
