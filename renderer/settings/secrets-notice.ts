// Whether the app must ask for secrets now: the fleet file names passwords or passphrases that
// nobody has entered (or that no longer decrypt). Without a keychain this is every start, which is
// how "asks each time" reaches the operator: a banner on every view, not only a Settings section.
import type { SecretEntry, SecretsStatus } from '../../shared/api/requests-settings';

export interface SecretsNotice {
  /** The variables the fleet file names that hold nothing now, in the file's order. */
  variables: string[];
  /** The channels that stay down without them, as `node · channel`. */
  uses: SecretEntry['uses'];
  /** True where there is no keychain: entered secrets last until the app quits. */
  askedEachStart: boolean;
}

export function secretsNotice(status: SecretsStatus): SecretsNotice | null {
  if (status.fleetFile === null) return null;
  const missing = status.secrets.filter((entry) => entry.state === 'missing');
  if (missing.length === 0) return null;
  return {
    variables: missing.map((entry) => entry.variable),
    uses: missing.flatMap((entry) => entry.uses),
    askedEachStart: !status.persistent,
  };
}
