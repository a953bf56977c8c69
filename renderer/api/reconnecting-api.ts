// Browser mode's Api: one client at a time over a fresh pipe, replaced whenever the pipe closes,
// fails to open or goes silent. Timing decisions live in backoff.ts and connection-model.ts.
import { ApiError, createClient, type ApiClient } from '../../shared/api/client';
import type {
  ArgsOf,
  EventName,
  PayloadOf,
  RequestName,
  ResultOf,
} from '../../shared/api/contract';
import type { Pipe } from '../../shared/api/pipe';
import type { Api, ConnectionState } from './api';
import { backoffDelayMs, defaultBackoff, type BackoffOptions } from './backoff';
import {
  defaultThresholds,
  initialConnectionModel,
  nextConnectionModel,
  type ConnectionEvent,
  type ConnectionModel,
  type ConnectionThresholds,
} from './connection-model';
import { EventListeners, StateListeners } from './listeners';
import { realTimers, type TimerHandle, type Timers } from './timers';
import { createWatchdog, HEARTBEAT_TIMEOUT_MS } from './watchdog';

export interface ReconnectingOptions {
  /** Opens one pipe to the core; rejects when the core cannot be reached. */
  openPipe: () => Promise<Pipe>;
  timers?: Timers;
  /** Source of jitter in [0, 1); Math.random unless a test pins it. */
  random?: () => number;
  backoff?: BackoffOptions;
  thresholds?: ConnectionThresholds;
  heartbeatTimeoutMs?: number;
  callTimeoutMs?: number;
  /** Told about messages and failures worth a log line. */
  onProblem?: (problem: string) => void;
}

export function createReconnectingApi(options: ReconnectingOptions): Api {
  return new ReconnectingApi(options);
}

class ReconnectingApi implements Api {
  private readonly timers: Timers;
  private readonly events = new EventListeners();
  private readonly states = new StateListeners<ConnectionState>();
  private model: ConnectionModel;
  private client: ApiClient | null = null;
  private retryAttempt = 0;
  private retryHandle: TimerHandle | null = null;
  private offlineHandle: TimerHandle | null = null;
  private closed = false;

  constructor(private readonly options: ReconnectingOptions) {
    this.timers = options.timers ?? realTimers;
    this.model = initialConnectionModel(this.timers.nowMs());
    this.scheduleOfflineCheck();
    void this.attempt();
  }

  get connectionState(): ConnectionState {
    return this.model.state;
  }

  call<N extends RequestName>(method: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
    if (!this.client) {
      return Promise.reject(new ApiError('DISCONNECTED', 'not connected to the core', method));
    }
    return this.client.call(method, args);
  }

  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void {
    return this.events.add(name, listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    return this.states.add(listener);
  }

  close(): void {
    this.closed = true;
    this.cancelTimers();
    this.client?.close();
    this.client = null;
  }

  private async attempt(): Promise<void> {
    this.retryHandle = null;
    let pipe: Pipe;
    try {
      pipe = await this.options.openPipe();
    } catch (error) {
      this.report(`connection attempt failed: ${(error as Error).message}`);
      this.apply({ type: 'attemptFailed', atMs: this.timers.nowMs() });
      return this.scheduleRetry();
    }
    if (this.closed) return pipe.close('api closed');
    this.adopt(pipe);
  }

  private adopt(pipe: Pipe): void {
    const client = createClient(pipe, {
      timeoutMs: this.options.callTimeoutMs,
      onProblem: (problem) => this.report(problem),
    });
    const timeoutMs = this.options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    const watchdog = createWatchdog(this.timers, timeoutMs, () =>
      pipe.close(`no heartbeat for ${timeoutMs} ms`),
    );
    const stopHeartbeat = client.on('core.heartbeat', () => watchdog.feed());
    const stopForwarding = this.events.forwardFrom(client);

    pipe.onClose((reason) => {
      watchdog.stop();
      stopHeartbeat();
      stopForwarding();
      this.handleLoss(reason);
    });
    // The client must be in place before listeners hear `connected`: they call at once.
    this.client = client;
    this.retryAttempt = 0;
    this.cancelTimers();
    this.apply({ type: 'opened', atMs: this.timers.nowMs() });
  }

  private handleLoss(reason: string): void {
    this.client = null;
    if (this.closed) return;
    this.report(`connection lost: ${reason}`);
    this.apply({ type: 'lost', atMs: this.timers.nowMs() });
    this.scheduleOfflineCheck();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const random = this.options.random ?? Math.random;
    const delayMs = backoffDelayMs(
      this.retryAttempt,
      random,
      this.options.backoff ?? defaultBackoff,
    );
    this.retryAttempt += 1;
    this.retryHandle = this.timers.setTimeout(() => void this.attempt(), delayMs);
  }

  /** An attempt can hang instead of failing; this makes sure the indicator still turns offline. */
  private scheduleOfflineCheck(): void {
    const thresholds = this.options.thresholds ?? defaultThresholds;
    if (this.offlineHandle !== null) this.timers.clearTimeout(this.offlineHandle);
    this.offlineHandle = this.timers.setTimeout(() => {
      this.offlineHandle = null;
      this.apply({ type: 'tick', atMs: this.timers.nowMs() });
    }, thresholds.offlineAfterMs);
  }

  private cancelTimers(): void {
    if (this.retryHandle !== null) this.timers.clearTimeout(this.retryHandle);
    if (this.offlineHandle !== null) this.timers.clearTimeout(this.offlineHandle);
    this.retryHandle = null;
    this.offlineHandle = null;
  }

  private apply(event: ConnectionEvent): void {
    const next = nextConnectionModel(this.model, event, this.options.thresholds);
    const changed = next.state !== this.model.state;
    this.model = next;
    if (changed) this.states.emit(next.state);
  }

  private report(problem: string): void {
    this.options.onProblem?.(problem);
  }
}
