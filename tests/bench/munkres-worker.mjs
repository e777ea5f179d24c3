// Runs the npm munkres package on a dense cost matrix handed over by baselines.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { munkres } from 'munkres';

const { rows, columns, buffer } = workerData;
const flat = new Float64Array(buffer);
const matrix = Array.from({ length: rows }, (_, r) => flat.subarray(r * columns, (r + 1) * columns));
const started = performance.now();
const pairs = munkres(matrix);
let total = 0;
let placements = 0;
for (const [r, c] of pairs) {
  const cost = matrix[r][c];
  if (cost < 1) {
    total += 1 - cost;
    placements++;
  }
}
parentPort.postMessage({ total, placements, seconds: (performance.now() - started) / 1000 });
