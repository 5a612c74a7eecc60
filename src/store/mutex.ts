/**
 * In-process per-key mutex for the memory store. Waiters are served first come, first served, and a lease
 * frees the key if its holder never returns — the same visible behaviour as the Redis lock, so a stuck
 * handler cannot block a conversation for ever in either store.
 */
import { lockTimeout, unrefTimer } from './shared.js';

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

/** A key is in the map only while someone holds it; its queue holds those waiting behind the holder. */
type Queue = Waiter[];

export class KeyedMutex {
  private readonly held = new Map<string, Queue>();

  /** Resolves with the function that releases the key (safe to call more than once). */
  acquire(key: string, waitMs: number, leaseMs: number): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const start = () => resolve(this.hold(key, leaseMs));
      const queue = this.held.get(key);
      if (queue === undefined) {
        this.held.set(key, []);
        start();
        return;
      }
      if (waitMs <= 0) {
        reject(lockTimeout(key, waitMs));
        return;
      }
      const waiter: Waiter = {
        start,
        timer: unrefTimer(() => {
          queue.splice(queue.indexOf(waiter), 1);
          reject(lockTimeout(key, waitMs));
        }, waitMs),
      };
      queue.push(waiter);
    });
  }

  private hold(key: string, leaseMs: number): () => void {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(lease);
      const queue = this.held.get(key);
      const next = queue?.shift();
      if (next === undefined) {
        this.held.delete(key);
        return;
      }
      // Hand the key straight to the next waiter so no newcomer can slip in between.
      clearTimeout(next.timer);
      next.start();
    };
    const lease = unrefTimer(release, leaseMs);
    return release;
  }
}
