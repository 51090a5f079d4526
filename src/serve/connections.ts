import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The server's connections, for a close that neither cuts a request short nor waits on a
 * client forever. Node's `server.close()` waits for every connection to end, and stops
 * enforcing the header and request timeouts while it waits: a client that connected and sent
 * nothing (browsers and fetch open such connections ahead of need) would hold the close up
 * for good. So, at close: connections with no request in flight are ended now, each other one
 * once its last response is sent, and whatever is left after `deadlineMs` is cut.
 */
export class Connections {
  /** Requests in flight on each open connection. */
  readonly #inFlight = new Map<Socket, number>();
  #closing = false;
  #deadline: NodeJS.Timeout | undefined;

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.#inFlight.set(socket, 0);
      socket.once('close', () => this.#inFlight.delete(socket));
    });
    server.on('request', (req, res) => {
      const socket = req.socket;
      this.#inFlight.set(socket, (this.#inFlight.get(socket) ?? 0) + 1);
      res.once('close', () => {
        const left = Math.max(0, (this.#inFlight.get(socket) ?? 1) - 1);
        this.#inFlight.set(socket, left);
        if (this.#closing && left === 0) socket.end();
      });
    });
  }

  /** Whether a request is in flight on the connection (its errors are the request's, counted there). */
  busy(socket: Socket): boolean {
    return (this.#inFlight.get(socket) ?? 0) > 0;
  }

  /** Start closing: end idle connections now, cut the rest after `deadlineMs`. */
  close(deadlineMs: number): void {
    this.#closing = true;
    for (const [socket, n] of this.#inFlight) if (n === 0) socket.end();
    this.#deadline = setTimeout(() => {
      for (const socket of this.#inFlight.keys()) socket.destroy();
    }, deadlineMs);
    this.#deadline.unref();
  }

  /** The server closed: nothing left to cut. */
  closed(): void {
    clearTimeout(this.#deadline);
  }
}
