// A radome server in its own process for bench/server.ts (the load generator must not share its
// event loop): `node dist/bench/_server-child.js <catalog> <objectsDir> [workers]`. With
// workers > 1, node:cluster forks that many servers sharing the port, each with its own
// read-only catalog connection. Prints `LISTENING <url> <pid…>` when ready.
import cluster from 'node:cluster';
import { getHeapSpaceStatistics } from 'node:v8';
import { openReadOnlyCatalog } from '../store/catalog/index.js';
import { FileObjectStore } from '../store/objects/index.js';
import { createRadomeServer } from '../server/index.js';

const [catalogPath, objectsDir, workersArg] = process.argv.slice(2);

// SIGUSR2: collect garbage now (run with --expose-gc), so the bench reads RSS at the live set and
// not at wherever the heap's sawtooth happens to be; then print the live heap and the young
// generation's reserved size, which V8 doubles under sustained allocation up to its bound (64 MB
// semi-spaces): the bench tells that one-time step (warm-up) from a live set that grows (a leak).
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  console.log(`HEAP ${process.pid} ${process.memoryUsage().heapUsed} ${young}`);
});
const workers = Number(workersArg ?? 1);
const PORT = Number(process.env.BENCH_PORT ?? 0);

async function serve(port: number): Promise<string> {
  const catalog = await openReadOnlyCatalog(catalogPath!);
  const server = createRadomeServer({ catalog: catalog.reader, objects: new FileObjectStore(objectsDir!, { durable: false }), onError: () => {} });
  return (await server.listen(port, '127.0.0.1')).url;
}

if (workers > 1 && cluster.isPrimary) {
  // Workers share one port only when it is fixed up front.
  const port = PORT || 20000 + Math.floor(Math.random() * 20000);
  const pids: number[] = [];
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork({ BENCH_PORT: String(port) });
    pids.push(worker.process.pid!);
    worker.on('message', () => {
      if (++ready === workers) console.log(`LISTENING http://127.0.0.1:${port} ${process.pid} ${pids.join(' ')}`);
    });
  }
} else {
  const url = await serve(PORT);
  if (cluster.isWorker) process.send!('ready');
  else console.log(`LISTENING ${url} ${process.pid}`);
}
