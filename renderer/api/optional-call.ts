// Calls to requests whose handlers other parts of the core are still filling in. The answer is
// data the view can show: `unavailable` when the core does not know the method yet (or has no
// handler for it), `failed` with the message otherwise, so a view says honestly what is missing.
import { ApiError } from '../../shared/api/client';
import type { ArgsOf, RequestName, ResultOf } from '../../shared/api/contract';
import type { Api } from './api';

export type Answer<T> =
  | { kind: 'loading' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'ok'; value: T };

/** Error codes that mean "this core cannot answer that yet", not "something broke". */
const notYetCodes: ReadonlySet<string> = new Set(['UNKNOWN_METHOD', 'UNAVAILABLE']);

export async function tryCall<N extends RequestName>(
  api: Api | null,
  method: N,
  args: ArgsOf<N>,
): Promise<Answer<ResultOf<N>>> {
  if (!api) return { kind: 'unavailable', message: 'no connection to the core' };
  try {
    return { kind: 'ok', value: await api.call(method, args) };
  } catch (error) {
    if (!(error instanceof ApiError)) return { kind: 'failed', message: String(error) };
    const message = `${error.code}: ${error.message}`;
    return notYetCodes.has(error.code)
      ? { kind: 'unavailable', message }
      : { kind: 'failed', message };
  }
}
