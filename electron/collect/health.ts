// Health of each node's channels, as a small state machine per channel: a channel goes down after
// K failed ticks in a row and comes back up after M good ones, passing through `degraded`, so a
// single lost packet neither hides an outage nor makes the screen flap.
import type { ChannelError } from '../../shared/snapshot';

export type HealthState = 'unknown' | 'up' | 'degraded' | 'down';

export interface ChannelHealth {
  state: HealthState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** The error of the latest failure; kept while the channel is down, cleared when it is up. */
  lastError: ChannelError | null;
  /** When the state last changed, as an ISO time. */
  since: string;
}

export interface HealthThresholds {
  /** Failed ticks in a row before a channel is down. */
  failuresToDown: number;
  /** Good ticks in a row before a channel that failed is up again. */
  successesToUp: number;
}

export const defaultThresholds: HealthThresholds = { failuresToDown: 2, successesToUp: 2 };

export function initialHealth(at: Date): ChannelHealth {
  return {
    state: 'unknown',
    consecutiveFailures: 0,
    consecutiveSuccesses: 0,
    lastError: null,
    since: at.toISOString(),
  };
}

/** The next health of a channel after one observation (`error` null means it answered). */
export function nextHealth(
  current: ChannelHealth,
  error: ChannelError | null,
  at: Date,
  thresholds: HealthThresholds = defaultThresholds,
): ChannelHealth {
  const failures = error ? current.consecutiveFailures + 1 : 0;
  const successes = error ? 0 : current.consecutiveSuccesses + 1;
  const state = error
    ? stateAfterFailure(current.state, failures, thresholds)
    : stateAfterSuccess(current.state, successes, thresholds);
  return {
    state,
    consecutiveFailures: failures,
    consecutiveSuccesses: successes,
    lastError: error ?? (state === 'up' ? null : current.lastError),
    since: state === current.state ? current.since : at.toISOString(),
  };
}

function stateAfterFailure(
  state: HealthState,
  failures: number,
  thresholds: HealthThresholds,
): HealthState {
  if (failures >= thresholds.failuresToDown) return 'down';
  // From unknown there is no good history to be degraded from: the first answer decides.
  return state === 'unknown' ? 'unknown' : 'degraded';
}

function stateAfterSuccess(
  state: HealthState,
  successes: number,
  thresholds: HealthThresholds,
): HealthState {
  if (state === 'unknown' || state === 'up') return 'up';
  return successes >= thresholds.successesToUp ? 'up' : 'degraded';
}

/** What the fleet's channel states say about the workstation itself, if anything. */
export interface FleetVerdict {
  kind: 'all-unreachable' | 'ssh-unreachable-everywhere';
  message: string;
}

/**
 * When every node is unreachable at once the likeliest cause is on our side (network, VPN, key,
 * agent, firewall), not three nodes failing together; the reference report lost SSH to all three
 * nodes while their Portainer still answered.
 */
export function fleetVerdict(
  nodes: Record<string, Record<string, HealthState>>,
): FleetVerdict | null {
  const ids = Object.keys(nodes);
  if (ids.length < 2) return null;
  const configured = (id: string) => Object.values(nodes[id] ?? {});
  const allDown = ids.every(
    (id) => configured(id).length > 0 && configured(id).every((state) => state === 'down'),
  );
  if (allDown) {
    return {
      kind: 'all-unreachable',
      message:
        `Every channel of all ${ids.length} nodes is down at once. ` +
        'The nodes are unlikely to fail together: ' +
        "check this workstation's network, VPN and cable first.",
    };
  }
  const withSsh = ids.filter((id) => nodes[id]?.ssh !== undefined);
  const sshDownEverywhere = withSsh.length >= 2 && withSsh.every((id) => nodes[id]?.ssh === 'down');
  const otherChannelsUp = ids.some((id) =>
    Object.entries(nodes[id] ?? {}).some(([name, state]) => name !== 'ssh' && state === 'up'),
  );
  if (sshDownEverywhere && otherChannelsUp) {
    return {
      kind: 'ssh-unreachable-everywhere',
      message:
        `SSH is down on all ${withSsh.length} nodes while other channels still answer. ` +
        'The nodes are up; ' +
        "suspect this workstation's SSH key, agent, VPN route or a firewall rule for port 22.",
    };
  }
  return null;
}
