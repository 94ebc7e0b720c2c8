// Measures the browser client for benches/search.rs: bytes (gzip) a query loads beyond the
// manifest, and client time once its shards are cached (per query the median of 10 runs).
// Usage: node bench.mjs <site> <queries.json> [terms|texts]
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const zoek = require('../../themes/default/static/zoeken/engine.js');
const [site, queriesFile, mode] = process.argv.slice(2);
const texts = mode !== 'terms';
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const gz = {};
function gzipSize(name) {
  if (!(name in gz)) gz[name] = zlib.gzipSync(fs.readFileSync(path.join(site, 'zoeken', 'index', name + '.js'))).length;
  return gz[name];
}
function engine(seen) {
  return new zoek.Engine((name) => {
    seen.add(name);
    const sandbox = { self: {} };
    vm.runInNewContext(fs.readFileSync(path.join(site, 'zoeken', 'index', name + '.js'), 'utf8'), sandbox);
    return sandbox.self[zoek.GLOBAL][name];
  });
}
const out = [];
for (const q of queries) {
  const seen = new Set();
  const e = engine(seen);
  const r = await e.search({ query: q, limit: 10, texts });
  const bytes = [...seen].filter((n) => n !== 'manifest').reduce((s, n) => s + gzipSize(n), 0);
  // The median of 10 runs: on a shared machine a run that lost the CPU says nothing about
  // the client (the mean is printed too, as meanMs).
  const runs = [];
  for (let i = 0; i < 10; i++) {
    const t0 = process.hrtime.bigint();
    await e.search({ query: q, limit: 10, texts });
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const meanMs = runs.reduce((a, b) => a + b, 0) / runs.length;
  const ms = runs.sort((a, b) => a - b)[runs.length >> 1];
  out.push({ query: q, bytes, files: seen.size - 1, ms, meanMs, total: r.total });
}
// The client is two scripts: the engine and the page's UI.
const client = ['engine.js', 'zoeken.js']
  .map((name) => zlib.gzipSync(fs.readFileSync(new URL('../../themes/default/static/zoeken/' + name, import.meta.url))).length)
  .reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ client, manifest: gzipSize('manifest'), queries: out }));
