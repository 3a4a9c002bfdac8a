// Frames sent to one /v3/ws client within one event-loop task leave in one write: the first send of the
// task corks the client's socket and a microtask uncorks every corked socket once the task is done. A
// publisher drain that updates 50 markets then costs each client one writev instead of 50 (the syscall
// was 37% of the daemon's CPU at 100 clients in the profile); nothing waits longer than the task.
import type { Writable } from 'node:stream';

/** The part of a client the batch needs: its raw socket, as the upgrade handed it over. */
export interface Corkable {
  readonly socket: Writable | null;
}

export class CorkBatch {
  private readonly corked: Writable[] = [];

  /** Call before each send to `client`; the socket stays corked until the current task ends. */
  join(client: Corkable): void {
    const socket = client.socket;
    if (socket === null || socket.writableCorked > 0 || socket.destroyed) return;
    socket.cork();
    if (this.corked.push(socket) === 1) queueMicrotask(this.release);
  }

  private readonly release = (): void => {
    for (const socket of this.corked) socket.uncork();
    this.corked.length = 0;
  };
}
