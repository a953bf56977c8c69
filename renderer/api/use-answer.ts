// Asks the core once per change of `key` (and again on every reconnection) and keeps the answer.
// `refresh` asks again now, e.g. after acknowledging a finding.
import { useCallback, useEffect, useState } from 'react';
import type { ArgsOf, RequestName, ResultOf } from '../../shared/api/contract';
import { useApi, useAppState } from '../state/react';
import { tryCall, type Answer } from './optional-call';

export function useAnswer<N extends RequestName>(
  method: N,
  args: ArgsOf<N> | null,
  key: string,
): { answer: Answer<ResultOf<N>>; refresh(): void } {
  const api = useApi();
  const connection = useAppState((state) => state.connection);
  const [answer, setAnswer] = useState<Answer<ResultOf<N>>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((value) => value + 1), []);

  useEffect(() => {
    if (args === null || connection !== 'connected') return;
    let current = true;
    void tryCall(api, method, args).then((next) => {
      if (current) setAnswer(next);
    });
    return () => {
      current = false;
    };
    // `key` stands for `args`, which callers rebuild on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, method, key, connection, round]);

  return { answer, refresh };
}
