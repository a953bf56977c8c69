// What the Settings parts decide, kept apart from React so it can be tested as data.
import type { ArgsOf } from '../../../shared/api/contract';
import type { HostKeyCheck } from '../../../shared/api/requests-settings';

/** What the host-key dialog offers after a check: nothing, an approval or a re-approval. */
export type HostKeyOffer =
  | { kind: 'none' }
  | { kind: 'approve'; args: ArgsOf<'hostKey.approve'> }
  | { kind: 'reapprove'; args: ArgsOf<'hostKey.approve'> };

export function hostKeyOffer(check: HostKeyCheck): HostKeyOffer {
  const { node, fingerprint, pinned } = check;
  if (fingerprint === null) return { kind: 'none' };
  if (check.state === 'unknown') return { kind: 'approve', args: { node, fingerprint } };
  // The pin replaced is the one the operator saw: a newer pin made meanwhile is not overwritten.
  if (check.state === 'changed' && pinned !== null) {
    return { kind: 'reapprove', args: { node, fingerprint, replacing: pinned } };
  }
  return { kind: 'none' };
}

/** Whether the form may save: something changed, it was checked as it is now, and it is valid. */
export function canSaveFleet(form: {
  original: string | null;
  draft: string;
  checkedText: string | null;
  valid: boolean;
}): boolean {
  return (
    form.original !== null &&
    form.draft !== form.original &&
    form.checkedText === form.draft &&
    form.valid
  );
}

/** Time the form waits after the last keystroke before asking the core to check the text. */
export const FLEET_CHECK_DELAY_MS = 400;
