// Decodes one HEIC image off the main thread: libheif (WebAssembly) works synchronously
// for about a second per 12 MP, which would stall every request of the process.
// Plain JavaScript so that it starts the same under node, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import decode from 'heic-decode';

try {
  const { width, height, data } = await decode({ buffer: workerData });
  parentPort.postMessage({ width, height, data }, [data.buffer]);
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
