/**
 * A small typed event emitter: each event name has one payload type, checked at compile time. Listeners are
 * called in order; one that throws is removed and does not stop the others (a closed progress window must
 * not stop the batch).
 */
export class TypedEmitter<Events extends { readonly [name: string]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Whether anyone listens to `name`: a payload that costs a query is not built for nobody. */
  listens(name: keyof Events): boolean {
    return (this.listeners.get(name)?.size ?? 0) > 0;
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (payload: Events[K]) => void)(payload);
      } catch {
        set.delete(listener);
      }
    }
  }
}
