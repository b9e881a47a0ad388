import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Listening {
  url: string;
  /** Stops accepting, then destroys open sockets so a hanging request cannot hold `close` up. */
  close(): Promise<void>;
}

/**
 * Starts a local test server on `host:port` (port 0: the OS picks one), tracking its sockets.
 * `beforeClose` runs first on close (to release requests the server holds on purpose).
 */
export async function listen(server: Server, host: string, port: number, beforeClose: () => void = () => {}): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        beforeClose();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      }),
  };
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the tiny race is accepted for local tools). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
