// Unit tests of the client's building blocks (run: node --test tests/js/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const z = require('../../themes/default/static/zoeken/engine.js');

test('varints decode every digit, including - and _', () => {
  // Rust: push_varint for 0, 31, 62 (=30+32: "-B"), 63 ("_B"), 1023 ("__f"... low first)
  assert.deepEqual(z.decode('Af'), [0, 31]);
  assert.deepEqual(z.decode('-B'), [30 + 32 * 1]);
  assert.deepEqual(z.decode('_B'), [31 + 32 * 1]);
  assert.deepEqual(z.decode('_f'), [1023]);
});

test('fold matches the analyzer for Dutch diacritics', () => {
  assert.equal(z.fold('Financiën'), 'financien');
  assert.equal(z.fold('coördinatie'), 'coordinatie');
  assert.equal(z.fold('Straße'), 'strasse');
});

test('words split like the tantivy simple tokenizer', () => {
  assert.deepEqual(z.words("re-integratie, dilemma's").map((w) => w.w), ['re', 'integratie', 'dilemma', 's']);
  assert.equal(z.words('a'.repeat(45)).length, 0);
});

test('one typo', () => {
  assert.ok(z.oneEdit('inwoner', 'inwonre'));
  assert.ok(z.oneEdit('inwoner', 'inwonr'));
  assert.ok(!z.oneEdit('inwoner', 'iwonre'));
});

test('escapeHtml escapes markup and quotes', () => {
  assert.equal(z.escapeHtml('<img src=x onerror="a">\''), '&lt;img src=x onerror=&quot;a&quot;&gt;&#39;');
});

test('snippets escape text and mark matches', () => {
  const plan = { must: [{ word: 'inwoner', terms: [['inwoner', 1]] }], words: { inwoners: true } };
  assert.equal(z.snippet('De <b>inwoners</b> & co', plan), 'De &lt;b&gt;<mark>inwoners</mark>&lt;/b&gt; &amp; co');
});

test('parse: phrases, exclusions, words', () => {
  assert.deepEqual(z.parse('"plan van" -team hulp'), [{ text: '', exclude: false }, { phrase: 'plan van' }, { text: 'team', exclude: true }, { text: 'hulp', exclude: false }].filter((i) => i.text !== ''));
});

