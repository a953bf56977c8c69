// Event listeners kept by the Api itself rather than by one client, so that subscriptions made
// once by the store keep working across every reconnection.
import { eventNames, type EventName, type PayloadOf } from '../../shared/api/contract';

type AnyListener = (payload: never) => void;

export class EventListeners {
  private readonly byName = new Map<EventName, Set<AnyListener>>();

  add<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void {
    const set = this.byName.get(name) ?? new Set<AnyListener>();
    this.byName.set(name, set);
    set.add(listener as AnyListener);
    return () => set.delete(listener as AnyListener);
  }

  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void {
    for (const listener of this.byName.get(name) ?? []) {
      (listener as (value: PayloadOf<E>) => void)(payload);
    }
  }

  /** Subscribes to every contract event on `source` and re-emits them here. */
  forwardFrom(source: {
    on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
  }): () => void {
    const stops = eventNames.map((name) =>
      source.on(name, (payload) => this.emit(name, payload as never)),
    );
    return () => stops.forEach((stop) => stop());
  }
}

/** A plain listener set for connection states. */
export class StateListeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.set) listener(value);
  }
}
