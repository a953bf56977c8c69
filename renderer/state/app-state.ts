// What the renderer knows about the core, as plain data, and the pure reducer that changes it.
// Every action that would change nothing returns the same object, so subscribers are not woken.
import type { ConnectionState } from '../../shared/api/bridge';
import type { AppInfo, FleetSummary } from '../../shared/api/contract';

/** One message from the connection layer worth showing under Settings → Diagnostics. */
export interface Problem {
  atMs: number;
  text: string;
}

export interface AppState {
  connection: ConnectionState;
  /** What the core said about itself on the last (re)connect; null until it answers. */
  appInfo: AppInfo | null;
  /** The watched deployment; null until the core answers. */
  fleet: FleetSummary | null;
  /** `at` of the newest heartbeat (ISO-8601), null before the first. */
  lastHeartbeatAt: string | null;
  /** The newest problems, oldest first, at most MAX_PROBLEMS. */
  problems: readonly Problem[];
  /** Every problem since the page opened, including those no longer kept. */
  problemCount: number;
}

export const MAX_PROBLEMS = 50;

export type AppAction =
  | { type: 'connectionChanged'; connection: ConnectionState }
  | { type: 'appInfoLoaded'; appInfo: AppInfo }
  | { type: 'fleetLoaded'; fleet: FleetSummary }
  | { type: 'heartbeat'; at: string }
  | { type: 'problem'; problem: Problem };

export function initialAppState(connection: ConnectionState): AppState {
  return {
    connection,
    appInfo: null,
    fleet: null,
    lastHeartbeatAt: null,
    problems: [],
    problemCount: 0,
  };
}

export function reduceAppState(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'connectionChanged':
      return state.connection === action.connection
        ? state
        : { ...state, connection: action.connection };
    case 'appInfoLoaded':
      return sameData(state.appInfo, action.appInfo)
        ? state
        : { ...state, appInfo: action.appInfo };
    case 'fleetLoaded':
      return sameData(state.fleet, action.fleet) ? state : { ...state, fleet: action.fleet };
    case 'heartbeat':
      return state.lastHeartbeatAt === action.at ? state : { ...state, lastHeartbeatAt: action.at };
    case 'problem':
      return withProblem(state, action.problem);
  }
}

function withProblem(state: AppState, problem: Problem): AppState {
  const problems = [...state.problems, problem].slice(-MAX_PROBLEMS);
  return { ...state, problems, problemCount: state.problemCount + 1 };
}

/** Contract values are plain JSON, so comparing their text is exact and cheap at this size. */
function sameData(current: unknown, next: unknown): boolean {
  return current === next || JSON.stringify(current) === JSON.stringify(next);
}
