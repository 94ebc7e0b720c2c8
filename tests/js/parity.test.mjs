// Parity: the browser client ranks the same pages with the same scores and facet counts as
// tantivy. Run through `cargo test --test it search_parity::`, which writes the static index of a
// fixture corpus and tantivy's answers to $HANDBOEK_PARITY_DIR/expected.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const zoek = require('../../themes/default/static/zoeken/engine.js');
const dir = process.env.HANDBOEK_PARITY_DIR;

/** Loads a shard the way a <script> element would: run it, read what it registered. */
function loader(name) {
  const code = fs.readFileSync(path.join(dir, 'zoeken', 'index', name + '.js'), 'utf8');
  const sandbox = { self: {} };
  vm.runInNewContext(code, sandbox);
  return sandbox.self[zoek.GLOBAL][name];
}

if (!dir) {
  test('parity with tantivy', { skip: 'HANDBOEK_PARITY_DIR not set; run `cargo test --test it search_parity::`' }, () => {});
} else {
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  const engine = new zoek.Engine(loader);
  test('at least 50 queries', () => assert.ok(expected.length >= 50, `${expected.length} cases`));
  for (const c of expected) {
    const label = `${JSON.stringify(c.query)} niveau=${c.level} rol=${c.role} type=${c.kind} expertise=${c.expertise}`;
    test(label, async () => {
      const r = await engine.search({ query: c.query, level: c.level, role: c.role, kind: c.kind, expertise: c.expertise, limit: 10 });
      const plan = r.plan.must.map((cl) => [cl.word, cl.terms.map((t) => t[0])]);
      const want = c.plan.must.map((cl) => [cl.word, cl.terms.map((t) => t[0])]);
      assert.deepEqual(plan, want, 'plan');
      assert.deepEqual([...r.plan.mustNot].sort(), [...c.plan.must_not].sort(), 'excluded terms');
      assert.equal(r.total, c.total, 'number of pages');
      assert.equal(r.hits.length, c.hits.length, 'hits shown');
      const cut = c.hits.length ? c.hits[c.hits.length - 1].score : 0;
      c.hits.forEach((h, i) => {
        const got = r.hits[i];
        assert.ok(Math.abs(got.score - h.score) < 1e-5, `score at ${i}: ${got.score} vs ${h.score}`);
        if (got.pageId !== h.page_id) {
          // Only pages with (nearly) equal scores may trade places.
          const other = r.hits.find((x) => x.pageId === h.page_id);
          const tied = Math.abs(got.score - h.score) < 1e-5 && (other ? Math.abs(other.score - h.score) < 1e-5 : Math.abs(h.score - cut) < 1e-5);
          assert.ok(tied, `page at ${i}: ${got.pageId} vs ${h.page_id}`);
        }
      });
      assert.deepEqual(r.facets, c.facets, 'facet counts');
    });
  }
}
