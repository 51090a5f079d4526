// The yardstick for the audit: read lines and JSON.parse each one, on every core, doing
// nothing else. `node bench/baseline.mjs <file> [threads]`; gzip files are read in one thread
// (decompression is one stream), as `trackplan audit` reads them.
import { createReadStream, statSync, openSync, readSync, closeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';

async function parseStream(stream) {
  let rest = Buffer.alloc(0);
  let n = 0;
  for await (const chunk of stream) {
    let buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      if (nl > start) {
        JSON.parse(buf.toString('utf8', start, nl));
        n++;
      }
      start = nl + 1;
    }
    rest = buf.subarray(start);
  }
  if (rest.length) {
    JSON.parse(rest.toString('utf8'));
    n++;
  }
  return n;
}

if (!isMainThread) {
  const { file, start, end } = workerData;
  parentPort.postMessage(await parseStream(createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 20 })));
} else {
  const file = process.argv[2];
  const threads = Number(process.argv[3] ?? availableParallelism());
  const t = process.hrtime.bigint();
  let n = 0;
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  readSync(fd, head, 0, 2, 0);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    closeSync(fd);
    n = await parseStream(createReadStream(file, { highWaterMark: 1 << 20 }).pipe(createGunzip()));
  } else {
    const size = statSync(file).size;
    const cuts = [0];
    const probe = Buffer.alloc(1 << 16);
    for (let k = 1; k < threads; k++) {
      let pos = Math.floor((size * k) / threads);
      for (;;) {
        const got = readSync(fd, probe, 0, probe.length, pos);
        if (got === 0) { pos = size; break; }
        const nl = probe.subarray(0, got).indexOf(10);
        if (nl !== -1) { pos += nl + 1; break; }
        pos += got;
      }
      if (pos < size && pos > cuts.at(-1)) cuts.push(pos);
    }
    closeSync(fd);
    const counts = await Promise.all(cuts.map((start, i) => new Promise((resolve, reject) => {
      const w = new Worker(new URL(import.meta.url), { workerData: { file, start, end: cuts[i + 1] ?? size } });
      w.once('message', resolve);
      w.once('error', reject);
    })));
    n = counts.reduce((a, b) => a + b, 0);
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(JSON.stringify({ messages: n, ms, rssKb: process.resourceUsage().maxRSS }));
}
