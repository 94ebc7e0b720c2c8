// Measures the browser client for benches/search.rs: bytes (gzip) a query loads beyond the
// manifest, and client time once its shards are cached. Usage: node bench.mjs <site> <queries.json>
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const zoek = require('../../themes/default/static/zoeken/zoeken.js');
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
  const rounds = 10;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await e.search({ query: q, limit: 10, texts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / rounds;
  out.push({ query: q, bytes, files: seen.size - 1, ms, total: r.total });
}
const client = zlib.gzipSync(fs.readFileSync(new URL('../../themes/default/static/zoeken/zoeken.js', import.meta.url))).length;
console.log(JSON.stringify({ client, manifest: gzipSize('manifest'), queries: out }));
