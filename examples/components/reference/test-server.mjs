// The local HTTP server the reference host gives fixtures that call fetch (host.mjs --serve), on
// 127.0.0.1 and a free port. It runs in a worker thread: preview2-shim's wasi:http blocks the main
// thread while a request is out, so a server on the main thread would never answer. The Java tests
// serve the same routes (JsAppFixture in the runtime's tests): keep them in step.
//
//   GET /hello        200 "hello from the test server"
//   GET /json         200 {"answer":42} (content-type application/json)
//   anything else     404 "no such page: PATH"
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { createServer } from 'node:http';

export const ROUTES = {
  '/hello': { status: 200, type: 'text/plain; charset=utf-8', body: 'hello from the test server' },
  '/json': { status: 200, type: 'application/json', body: '{"answer":42}' },
};

/** Starts the server in a worker; resolves to { url: 'http://127.0.0.1:PORT', stop() }. */
export function startTestServer() {
  const worker = new Worker(new URL(import.meta.url));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (port) => resolve({
      url: `http://127.0.0.1:${port}`,
      stop: () => worker.terminate(),
    }));
  });
}

if (!isMainThread) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const route = ROUTES[path];
    const r = route ?? { status: 404, type: 'text/plain; charset=utf-8', body: `no such page: ${path}` };
    res.writeHead(r.status, { 'content-type': r.type, 'content-length': Buffer.byteLength(r.body) });
    res.end(r.body);
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
}
