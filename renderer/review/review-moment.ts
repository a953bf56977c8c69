// A moment of the review as the page asks it: `review.seek` answers the fleet's snapshot without
// its nodes (its marker), then one `review.node` per node it names, all at once; the parts join
// back into the snapshot (joinSnapshotParts). No message grows with the fleet (docs/review.md).
import { useEffect, useState } from 'react';
import type { ResultOf } from '../../shared/api/contract';
import { joinSnapshotParts, type SnapshotNodePart } from '../../shared/api/requests-snapshot';
import type { Snapshot } from '../../shared/snapshot';
import type { Api } from '../api/api';
import { tryCall, type Answer } from '../api/optional-call';
import { useApi, useAppState } from '../state/react';

/** `review.seek`'s view and the snapshot joined from its nodes (null: nothing at the moment). */
export interface AskedMoment {
  view: ResultOf<'review.seek'>;
  snapshot: Snapshot | null;
}

export async function askMoment(api: Api | null, at: string): Promise<Answer<AskedMoment>> {
  const seek = await tryCall(api, 'review.seek', { at });
  if (seek.kind !== 'ok') return seek;
  const tick = seek.value.tick;
  if (tick === null) return { kind: 'ok', value: { view: seek.value, snapshot: null } };
  const answers = await Promise.all(
    tick.nodes.map((node) => tryCall(api, 'review.node', { at, node })),
  );
  const parts = new Map<string, SnapshotNodePart>();
  for (const answer of answers) {
    if (answer.kind !== 'ok') return answer;
    parts.set(answer.value.node, answer.value);
  }
  const snapshot = joinSnapshotParts(tick, parts);
  if (snapshot === null) {
    const message = `review.node answered parts of another moment than ${tick.takenAt}`;
    return { kind: 'failed', message };
  }
  return { kind: 'ok', value: { view: seek.value, snapshot } };
}

/** Asks the moment once per change of `at` (and again on every reconnection). */
export function useReviewMoment(at: string): Answer<AskedMoment> {
  const api = useApi();
  const connection = useAppState((state) => state.connection);
  const [answer, setAnswer] = useState<Answer<AskedMoment>>({ kind: 'loading' });
  useEffect(() => {
    if (connection !== 'connected') return;
    let current = true;
    void askMoment(api, at).then((next) => {
      if (current) setAnswer(next);
    });
    return () => {
      current = false;
    };
  }, [api, at, connection]);
  return answer;
}
