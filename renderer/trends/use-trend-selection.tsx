// The node and range the trend views (GPU thermals, container memory) are showing, and the
// toolbar that picks them: one place, so both views choose the same way.
import { useState } from 'react';
import { useAppState } from '../state/react';
import { NodePicker, RangePicker } from './RangePicker';
import type { TrendRange } from './trend-model';

export interface TrendSelection {
  nodes: string[];
  /** The chosen node, else the fleet's first; null when the fleet has none. */
  node: string | null;
  range: TrendRange;
  chooseNode(node: string): void;
  chooseRange(range: TrendRange): void;
}

export function useTrendSelection(initialRange: TrendRange = '1h'): TrendSelection {
  const fleet = useAppState((state) => state.fleet);
  const nodes = (fleet?.nodes ?? []).map((node) => node.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [range, setRange] = useState<TrendRange>(initialRange);
  const node = chosen !== null && nodes.includes(chosen) ? chosen : (nodes[0] ?? null);
  return { nodes, node, range, chooseNode: setChosen, chooseRange: setRange };
}

export function TrendToolbar({ selection }: { selection: TrendSelection }) {
  return (
    <div className="toolbar">
      <NodePicker nodes={selection.nodes} value={selection.node} onChange={selection.chooseNode} />
      <RangePicker value={selection.range} onChange={selection.chooseRange} />
    </div>
  );
}
