// The range of the trend views: 1 h, 6 h, 24 h, 7 d, 30 d, as a group of toggle buttons.
import { useTranslation } from 'react-i18next';
import { trendRanges, type TrendRange } from './trend-model';

export function RangePicker(props: { value: TrendRange; onChange(range: TrendRange): void }) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-label={t('trends.range')} className="range-picker">
      {trendRanges.map((range) => (
        <button
          key={range}
          type="button"
          className="button"
          aria-pressed={props.value === range}
          onClick={() => props.onChange(range)}
        >
          {t(`trends.ranges.${range}`)}
        </button>
      ))}
    </div>
  );
}

export function NodePicker(props: {
  nodes: readonly string[];
  value: string | null;
  onChange(node: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-label={t('trends.node')} className="range-picker">
      {props.nodes.map((node) => (
        <button
          key={node}
          type="button"
          className="button"
          aria-pressed={props.value === node}
          onClick={() => props.onChange(node)}
        >
          {node}
        </button>
      ))}
    </div>
  );
}
