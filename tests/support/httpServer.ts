// A local HTTP server on 127.0.0.1 (random port) standing in for a news site (tests/ingest/, tests/e2e/feeds.test.ts).
// Each route is a handler; every request is recorded with its headers, so tests can assert what was (and was not)
// downloaded and which validators were sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The test server's host: private (loopback), so feeds reach it only when FEEDS_ALLOW_HOSTS names it. */
export const LOCAL_HOSTS = ["127.0.0.1"];

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
}

export interface TestServer {
  base: string;
  requests: RecordedRequest[];
  route(path: string, handler: Handler): void;
  count(path: string): number;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: req.headers });
    open.add(res);
    res.on("close", () => open.delete(res));
    const handler = routes.get(path) ?? routes.get(path.split("?")[0] ?? path);
    if (handler) handler(req, res);
    else res.writeHead(404, { "content-type": "text/html" }).end("<html><body><h1>Not found</h1></body></html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => void routes.set(path, handler),
    count: (path) => requests.filter((r) => r.path === path || r.path.split("?")[0] === path).length,
    close: async () => {
      // Hanging responses (the timeout case) would keep close() waiting forever.
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const send =
  (contentType: string, body: string | Buffer, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    void res.writeHead(200, { "content-type": contentType, ...headers }).end(body);
