// The national replay's file maker on a thread of its own. Encoding a volume takes about a second
// of CPU (and its chunks a bzip2 process a record): on the replay's main thread that blocked the
// counting proxy the daemon lists through (6.6 s a ListObjects call at 162 sites), the publishing
// and the timing of the GraphQL queries.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { workerUrl } from '../../ingest/worker-pool.js';
import { ReplayFiles, type ScheduledVolume } from './replay-files.js';

export type EncodeRequest =
  | { kind: 'level2'; volume: ScheduledVolume }
  | { kind: 'level3'; volume: ScheduledVolume; mnemonic: 'N0H' | 'DAA' }
  | { kind: 'chunk'; volume: ScheduledVolume; seq: number };

interface Reply {
  id: number;
  bytes?: Uint8Array;
  error?: string;
  /** CPU ms this thread spent making it. */
  cpuMs: number;
}

export interface ReplayEncoder {
  make(request: EncodeRequest): Promise<{ bytes: Uint8Array; cpuMs: number }>;
  close(): Promise<void>;
}

/** Starts the thread, which decodes `sample` once and then makes files on request. */
export function startReplayEncoder(sample: Uint8Array, maxElevation: number): ReplayEncoder {
  const worker = new Worker(workerUrl('./replay-encoder.js', import.meta.url), { workerData: { replayEncoder: true, sample, maxElevation } });
  const waiting = new Map<number, { resolve: (r: { bytes: Uint8Array; cpuMs: number }) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (r: Reply) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    if (r.bytes) w?.resolve({ bytes: r.bytes, cpuMs: r.cpuMs });
    else w?.reject(new Error(`replay encoder: ${r.error}`));
  });
  worker.on('error', (e) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  });
  return {
    make(request) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, request });
      });
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

if (!isMainThread && (workerData as { replayEncoder?: boolean } | null)?.replayEncoder) {
  const { sample, maxElevation } = workerData as { sample: Uint8Array; maxElevation: number };
  const files = new ReplayFiles(sample, maxElevation);
  /** A chunked volume's chunks, made at its first chunk and dropped after its last. */
  const chunked = new Map<string, Uint8Array[]>();
  parentPort!.on('message', ({ id, request }: { id: number; request: EncodeRequest }) => {
    const cpu = process.threadCpuUsage();
    try {
      let bytes: Uint8Array;
      if (request.kind === 'level2') bytes = files.archive(request.volume);
      else if (request.kind === 'level3') bytes = files.level3(request.volume, request.mnemonic);
      else {
        const { volume, seq } = request;
        const chunks = chunked.get(volume.id) ?? files.chunks(volume);
        chunked.set(volume.id, chunks);
        bytes = chunks[seq]!;
        if (seq === chunks.length - 1) chunked.delete(volume.id);
      }
      const used = process.threadCpuUsage(cpu);
      parentPort!.postMessage({ id, bytes, cpuMs: (used.user + used.system) / 1000 } satisfies Reply);
    } catch (e) {
      parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e), cpuMs: 0 } satisfies Reply);
    }
  });
}
