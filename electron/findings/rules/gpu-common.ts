// What the GPU rules share: each GPU's series, found by its utilization series.
import { splitSeriesKey } from '../history';
import type { History } from '../types';

export interface GpuSeries {
  node: string;
  /** `gpu:0` */
  subject: string;
  index: string;
  /** Series key of a metric of this GPU. */
  key(metric: string): string;
}

export function gpuSeries(history: History): GpuSeries[] {
  const found: GpuSeries[] = [];
  for (const key of history.seriesKeys({ subjectPrefix: 'gpu:', metric: 'utilizationPct' })) {
    const parts = splitSeriesKey(key);
    if (!parts) continue;
    const { node, subject } = parts;
    found.push({
      node,
      subject,
      index: subject.slice('gpu:'.length),
      key: (metric) => `${node}|${subject}|${metric}`,
    });
  }
  return found;
}
