// GPU readings from the DCGM exporter through the node's Prometheus, for nodes where nvidia-smi
// cannot be run over SSH (or SSH is down) but Prometheus scrapes the exporter.
import type { Gpu } from '../../shared/snapshot';
import { gpusFromDcgm } from '../probes/dcgm';
import type { PrometheusSeries } from '../probes/prometheus-api';
import type { PrometheusExposition } from '../probes/prometheus-text';

/** The DCGM fields the GPU view uses, in one instant query. */
export const DCGM_QUERY =
  '{__name__=~"DCGM_FI_DEV_GPU_TEMP|DCGM_FI_DEV_FB_USED|DCGM_FI_DEV_FB_FREE|' +
  'DCGM_FI_DEV_FB_RESERVED|DCGM_FI_DEV_GPU_UTIL|DCGM_FI_DEV_POWER_USAGE|DCGM_FI_DEV_FAN_SPEED"}';

/** An instant vector as the exposition the DCGM mapper reads (one sample per series). */
export function seriesAsExposition(series: readonly PrometheusSeries[]): PrometheusExposition {
  const samples = series.flatMap((entry, index) => {
    const point = entry.points.at(-1);
    const { __name__: name, ...labels } = entry.metric;
    if (!point || !name) return [];
    const value = point.value ?? Number.NaN;
    return [
      {
        name,
        labels,
        value,
        valueText: point.valueText,
        timestampMs: point.timeSeconds * 1000,
        line: index + 1,
      },
    ];
  });
  return { samples, families: {} };
}

export function gpusFromDcgmSeries(series: readonly PrometheusSeries[]): Gpu[] {
  return gpusFromDcgm(seriesAsExposition(series)).value;
}
