/* Handboek zoeken: the in-browser search over the static index (src/search/static_index).
 * A classic script (ES modules do not load from file://) without dependencies. In node it
 * exports the engine (module.exports); in a page it enhances the search form in the header
 * and the full search page (#zoekpagina). Query planning and scoring mirror src/search/plan.rs
 * and tantivy's BM25 in f32, so both rank the same pages with the same scores. */
(function (root) {
  'use strict';
  var GLOBAL = 'HandboekZoekData';
  var PREFIX_WEIGHT = Math.fround(0.8), TYPO_WEIGHT = Math.fround(0.5), PART_WEIGHT = Math.fround(0.7);
  var PART_MIN = 3, PARTS_MAX = 4, LINKS = ['', 's', 'en', 'e'];
  var PREFIX_MAX = 10, TYPO_MAX = 5, TYPO_MIN = 5, PREFIX_MIN = 2, SNIPPET_WORDS = 28, UNIT = 30;
  var K1 = Math.fround(1.2), B = Math.fround(0.75), f = Math.fround;
  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'ø': 'o', 'œ': 'oe', 'ĳ': 'ij', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th' };
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  /* The bounds of a query, as src/search/limits.rs (a Rust test keeps them equal). */
  var MAX_QUERY_CHARS = 256, MAX_QUERY_WORDS = 12;

  /* ---- text ---- */
  function fold(word) {
    var s = word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    return s.replace(/[ßæøœĳłđðþ]/g, function (c) { return SPECIAL[c]; });
  }
  function utf8Length(s) { return unescape(encodeURIComponent(s)).length; }
  /* Words of a text as the analyzer's base chain sees them: {w: folded, from, to}. */
  function words(text) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (utf8Length(m[0]) < 40) out.push({ w: fold(m[0]), from: m.index, to: m.index + m[0].length });
    }
    return out;
  }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function oneEdit(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (a.join('') === b.join('')) return false;
    var p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    var ra = a.slice(p), rb = b.slice(p), eq = function (x, y) { return x.join('') === y.join(''); };
    if (ra.length === rb.length) {
      return eq(ra.slice(1), rb.slice(1)) ||
        (ra.length >= 2 && ra[0] === rb[1] && ra[1] === rb[0] && eq(ra.slice(2), rb.slice(2)));
    }
    if (ra.length + 1 === rb.length) return eq(ra, rb.slice(1));
    if (rb.length + 1 === ra.length) return eq(ra.slice(1), rb);
    return false;
  }

  /* ---- query bounds (mirrors limits.rs) ---- */
  /* null when the query is within the bounds, else the message to show (Dutch, for the page). */
  function checkQuery(query) {
    var chars = Array.from(query).length;
    if (chars > MAX_QUERY_CHARS) return 'De zoekvraag is te lang: ' + chars + ' tekens, ten hoogste ' + MAX_QUERY_CHARS + '.';
    var n = (query.match(WORD) || []).length;
    if (n > MAX_QUERY_WORDS) return 'De zoekvraag heeft te veel woorden: ' + n + ', ten hoogste ' + MAX_QUERY_WORDS + '.';
    return null;
  }
  function QueryError(message) { this.message = message; }
  QueryError.prototype = Object.create(Error.prototype);
  QueryError.prototype.name = 'QueryError';

  /* ---- query parsing (mirrors plan.rs) ---- */
  function parse(query) {
    var items = [];
    query.split('"').forEach(function (part, i) {
      if (i % 2 === 1) { items.push({ phrase: part }); return; }
      part.split(/\s+/).forEach(function (chunk) {
        if (!chunk) return;
        if (chunk.charAt(0) === '-' && chunk.length > 1) items.push({ text: chunk.slice(1), exclude: true });
        else items.push({ text: chunk, exclude: false });
      });
    });
    return items;
  }

  /* ---- static index access ---- */
  /* The value of a digit of the encoding (A-Z a-z 0-9 - _). */
  function digit(c) { return c === 95 ? 63 : c === 45 ? 62 : c >= 97 ? c - 71 : c >= 65 ? c - 65 : c + 4; }
  function decode(s) {
    var out = [], value = 0, scale = 1;
    for (var i = 0; i < s.length; i++) {
      var d = digit(s.charCodeAt(i));
      value += (d & 31) * scale;
      if (d >= 32) scale *= 32; else { out.push(value); value = 0; scale = 1; }
    }
    return out;
  }
  /* Index of the last shard whose first key is <= key. */
  function shardOf(list, key) {
    var lo = 0, hi = list.length - 1, ans = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid][0] <= key) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }
  function lowerBound(entries, key) {
    var lo = 0, hi = entries.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (entries[mid][0] < key) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function Engine(loader) {
    this.loader = loader;
    this.cache = {};
    this.terms = {};
    this.own = {};
  }
  Engine.prototype.get = function (name) {
    if (!this.cache[name]) this.cache[name] = Promise.resolve(this.loader(name));
    return this.cache[name];
  };
  Engine.prototype.manifest = function () { return this.get('manifest'); };
  /* Word entries [word, term, count] with lo <= word < hi (hi: lo + '\uffff' for a prefix). */
  Engine.prototype.wordRange = function (m, lo, hi) {
    var a = shardOf(m.woorden, lo), b = shardOf(m.woorden, hi), names = [];
    for (var i = a; i <= b && i < m.woorden.length; i++) names.push(m.woorden[i][1]);
    var self = this;
    return Promise.all(names.map(function (n) { return self.get(n); })).then(function (shards) {
      var out = [];
      shards.forEach(function (entries) {
        for (var i = lowerBound(entries, lo); i < entries.length && entries[i][0] < hi; i++) {
          var e = entries[i], spec = e[1], term = typeof spec === 'number' ? e[0].slice(0, e[0].length - spec) : spec;
          if (e.length > 3) self.own[term] = e[3];
          out.push([e[0], term, e[2]]);
        }
      });
      return out;
    });
  };
  /* A term's data: {df: [heading, body], mem: membership string, tiers: [[bound, classes, postings] or [bound, file]]},
   * kept decoded in this.terms; null when the corpus does not have the term. */
  Engine.prototype.term = function (m, term) {
    var self = this;
    if (this.terms[term]) return this.terms[term];
    var make = function (df, mem, tiers) { return { df: df, mem: mem, tiers: tiers, next: 0, masks: null }; };
    var own = function (id) {
      return self.get(m.termen.naam + '-u' + id).then(function (d) { return make([d[0], d[1]], d[2], d[3]); });
    };
    if (this.own[term] !== undefined) return (this.terms[term] = own(this.own[term]));
    var g = m.termen.grenzen, lo = 0, hi = g.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (g[mid] <= term) lo = mid; else hi = mid - 1; }
    var job = this.get(m.termen.naam + '-' + lo).then(function (entries) {
      var i = lowerBound(entries, term), e = i < entries.length && entries[i][0] === term ? entries[i] : null;
      if (!e) return null;
      if (e.length === 4) return own(e[3].slice(1));
      return make([e[1], e[2]], e[3], e[4]);
    });
    this.terms[term] = job;
    return job;
  };

  /* The plan of a query: {must: [{word, terms: [[term, weight]]}], mustNot: [term], words: {}} */
  Engine.prototype.plan = function (query) {
    var self = this;
    return this.manifest().then(function (m) {
      var stop = {}, items = parse(query), jobs = [];
      m.stop.forEach(function (w) { stop[w] = true; });
      var endsInWord = /[\p{Alphabetic}\p{N}]$/u.test(query);
      var plan = { must: [], mustNot: [], words: {} };
      items.forEach(function (item, index) {
        var phrase = item.phrase !== undefined, ws = words(phrase ? item.phrase : item.text);
        ws.forEach(function (w, wi) {
          if (stop[w.w]) return;
          if (item.exclude) {
            jobs.push(self.exactTerm(m, w.w).then(function (t) { if (t) plan.mustNot.push(t); }));
            return;
          }
          var clause = { word: w.w, terms: [] };
          plan.must.push(clause);
          if (phrase) {
            jobs.push(self.exactTerm(m, w.w).then(function (t) { if (t) clause.terms.push([t, 1]); }));
            return;
          }
          var prefix = index === items.length - 1 && wi === ws.length - 1 && endsInWord;
          jobs.push(self.compoundParts(m, w.w, prefix, stop).then(function (parts) {
            if (parts) {
              clause.parts = parts.map(function (e) { plan.words[e[0]] = true; return { word: e[0], terms: [[e[1], PART_WEIGHT]] }; });
              return null;
            }
            return self.clauseTerms(m, w.w, prefix, plan.words).then(function (t) { clause.terms = t; });
          }));
        });
      });
      return Promise.all(jobs).then(function () {
        plan.must = [].concat.apply([], plan.must.map(function (c) { return c.parts || [c]; }));
        return plan;
      });
    });
  };
  /* A word the corpus does not have (and, while typed, that no corpus word starts with) split
   * into corpus words, as [[word, term, count]], or null; mirrors src/search/split.rs. */
  Engine.prototype.compoundParts = function (m, word, prefix, stop) {
    var self = this, cs = Array.from(word), n = cs.length, known = {}, queue = [0];
    var wantPrefix = prefix && n >= PREFIX_MIN;
    if (n < 2 * PART_MIN && !wantPrefix) return Promise.resolve(null);
    var range = wantPrefix ? this.wordRange(m, word, word + '\uffff') : this.wordRange(m, word, word + '\u0000');
    /* Loads the corpus words that start the word at each position a split can reach. */
    var step = function () {
      if (!queue.length) return Promise.resolve(splitParts(cs, known));
      var pos = queue.shift();
      if (known[pos] || n - pos < PART_MIN) return step();
      var head = cs.slice(pos, pos + PART_MIN).join(''), rest = cs.slice(pos).join('');
      return self.wordRange(m, head, head + '\uffff').then(function (es) {
        var list = es.filter(function (e) { return rest.indexOf(e[0]) === 0 && e[0] !== word && !stop[e[0]]; })
          .map(function (e) { return [e, Array.from(e[0]).length]; });
        list.sort(function (a, b) { return b[1] - a[1]; });
        known[pos] = list;
        list.forEach(function (x) {
          LINKS.forEach(function (l) {
            var end = pos + x[1], next = end + Array.from(l).length;
            if (cs.slice(end, next).join('') === l && next < n) queue.push(next);
          });
        });
        return step();
      });
    };
    return range.then(function (es) {
      if (es.length || n < 2 * PART_MIN) return null;
      return step();
    });
  };
  function splitParts(cs, known) {
    var n = cs.length, failed = {};
    var from = function (pos, left) {
      if (pos === n) return [];
      if (left === 0 || failed[pos + ',' + left]) return null;
      var list = known[pos] || [];
      for (var i = 0; i < list.length; i++) {
        var end = pos + list[i][1];
        for (var j = 0; j < LINKS.length; j++) {
          var l = Array.from(LINKS[j]), next = end + l.length;
          if (cs.slice(end, next).join('') !== l.join('') || (l.length && next === n)) continue;
          var rest = from(next, left - 1);
          if (rest) return [list[i][0]].concat(rest);
        }
      }
      failed[pos + ',' + left] = true;
      return null;
    };
    var parts = from(0, PARTS_MAX);
    return parts && parts.length >= 2 ? parts : null;
  }
  Engine.prototype.exactTerm = function (m, word) {
    return this.wordRange(m, word, word + '\u0000').then(function (es) { return es.length ? es[0][1] : null; });
  };
  Engine.prototype.clauseTerms = function (m, word, prefix, seen) {
    var self = this, chars = Array.from(word).length, first = Array.from(word)[0];
    var wantPrefix = prefix && chars >= PREFIX_MIN;
    var range = wantPrefix ? this.wordRange(m, word, word + '\uffff') : this.wordRange(m, word, word + '\u0000');
    return range.then(function (es) {
      var terms = [], own = es.filter(function (e) { return e[0] === word; })[0];
      var add = function (e, weight) {
        seen[e[0]] = true;
        if (!terms.some(function (t) { return t[0] === e[1]; })) terms.push([e[1], weight]);
      };
      var byCount = function (a, b) { return b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); };
      if (own) add(own, 1);
      if (wantPrefix) {
        es.filter(function (e) { return e[0] !== word; }).sort(byCount).slice(0, PREFIX_MAX)
          .forEach(function (e) { add(e, PREFIX_WEIGHT); });
      }
      if (own || chars < TYPO_MIN) return terms;
      return self.wordRange(m, first, first + '\uffff').then(function (all) {
        all.filter(function (e) { return oneEdit(word, e[0]); }).sort(byCount).slice(0, TYPO_MAX)
          .forEach(function (e) { add(e, TYPO_WEIGHT); });
        return terms;
      });
    });
  };

  /* ---- scoring: tantivy's BM25 in f32 ---- */
  function idf(df, n) { return f(Math.log(f(1 + f(f(f(n - df) + 0.5) / f(df + 0.5))))); }
  function normCache(m, field) {
    var avg = f(f(m.tokens[field]) / f(m.secties)), cache = [];
    for (var id = 0; id < 256; id++) cache.push(f(K1 * f(f(1 - B) + f(f(B * m.normen[id]) / avg))));
    return cache;
  }
  /* The score of one posting of a term (heading boosted, plus body), before the clause weight. */
  function postingScore(m, t, htf, hnorm, btf, bnorm) {
    var caches = m._normCaches || (m._normCaches = [normCache(m, 0), normCache(m, 1)]), s;
    var part = function (field, tf, norm) {
      var w = f(idf(t.df[field], m.secties) * f(1 + K1));
      return f(w * f(tf / f(tf + caches[field][norm])));
    };
    if (htf) s = f(part(0, htf, hnorm) * f(m.kopBoost));
    if (btf) { var b = part(1, btf, bnorm); s = s === undefined ? b : f(s + b); }
    return s || 0;
  }
  /* Reads "tf, norm if tf, tf, norm if tf" from v at i: [htf, hnorm, btf, bnorm, next i]. */
  function fieldsAt(v, i) {
    var htf = v[i++], hn = htf ? v[i++] : 0, btf = v[i++], bn = btf ? v[i++] : 0;
    return [htf, hn, btf, bn, i];
  }
  /* The units of the index: signature and first unit of the page of every unit, section offset. */
  function unitsOf(m) {
    if (m._units) return m._units;
    var e = m.eenheden, n = 0, i, j;
    e.runs.forEach(function (r) { n += r; });
    var sig = new Int32Array(n), head = new Int32Array(n), offset = new Int32Array(n), at = 0;
    for (i = 0; i < e.runs.length; i++) for (j = 0; j < e.runs[i]; j++) sig[at++] = i;
    for (i = 0; i < n; i++) head[i] = i;
    e.vervolg.forEach(function (r) { head[r[0]] = r[1]; offset[r[0]] = r[2] * UNIT; });
    m._units = { n: n, sig: sig, head: head, offset: offset, sigs: e.sigs };
    return m._units;
  }
  /* A term's membership as a mask per unit (Int32Array), decoded once. */
  function masksOf(m, t) {
    if (t.masks) return t.masks;
    var u = unitsOf(m), masks = new Int32Array(u.n), dense = t.mem.charAt(0) === '~';
    var v = decode(dense ? t.mem.slice(1) : t.mem), unit = 0, i;
    if (dense) for (i = 0; i < v.length; i++) masks[i] = v[i];
    else for (i = 0; i < v.length; i += 2) { unit += v[i]; masks[unit] = v[i + 1]; }
    /* Scores are kept per member section, at slot first[unit] + rank of the section's bit. */
    var first = new Int32Array(u.n), count = 0;
    for (i = 0; i < u.n; i++) { first[i] = count; count += bitCount(masks[i]); }
    t.masks = masks;
    t.first = first;
    t.known = new Float32Array(count).fill(NaN);
    t.keys = [];
    return masks;
  }
  function bitCount(x) {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  /* The loaded score of a term in a section: a number, NaN when not loaded, -1 when the term
   * does not occur there. */
  function knownScore(t, unit, sec) {
    var mask = t.masks[unit];
    if (!((mask >>> sec) & 1)) return -1;
    return t.known[t.first[unit] + bitCount(mask & ((1 << sec) - 1))];
  }
  /* Loads tier k of a term (inline or from its file) and records its scores. */
  Engine.prototype.tier = function (m, t) {
    var k = t.next, tier = t.tiers[k];
    if (t.loading) return t.loading;
    var data = tier.length === 2 ? this.get(m.termen.naam + '-' + tier[1]) : Promise.resolve([tier[1], tier[2]]);
    t.loading = data.then(function (d) {
      var c = decode(d[0]), scores = [], v, unit = 0, masks = masksOf(m, t), i, x;
      for (i = 0; i < c.length; i = x[4]) { x = fieldsAt(c, i); scores.push(postingScore(m, t, x[0], x[1], x[2], x[3])); }
      if (d[1].charAt(0) === '~') {
        /* A bitmap over the term's postings in unit order, then the class numbers. */
        var count = t.known.length, width = Math.ceil(count / 6), classes = decode(d[1].slice(1 + width)), next = 0, j = 0;
        for (var un = 0; un < masks.length && j < count; un++) {
          for (var bits = masks[un]; bits; bits &= bits - 1, j++) {
            if ((digit(d[1].charCodeAt(1 + ((j / 6) | 0))) >> (j % 6)) & 1) {
              t.known[j] = scores[classes[next++]];
              t.keys.push(un * 32 + 31 - Math.clz32(bits & -bits));
            }
          }
        }
      } else {
        v = decode(d[1]);
        for (i = 0; i < v.length; i += 3) {
          unit += v[i];
          var sec = v[i + 1];
          t.known[t.first[unit] + bitCount(masks[unit] & ((1 << sec) - 1))] = scores[v[i + 2]];
          t.keys.push(unit * 32 + sec);
        }
      }
      t.next = k + 1;
      t.loading = null;
    });
    return t.loading;
  };
  /* The highest score the term's unloaded tiers can add (slightly raised: a safe bound). */
  function bound(m, t) {
    if (t.next >= t.tiers.length) return 0;
    var x = fieldsAt(decode(t.tiers[t.next][0]), 0);
    return postingScore(m, t, x[0], x[1], x[2], x[3]) * (1 + 1e-6);
  }

  /* A per-unit work array of the manifest, reused by every search (allocating them anew per
   * search makes the garbage collector pause); only for work that ends before the next await. */
  function scratch(m, name, Type, fill) {
    var all = m._scratch || (m._scratch = {}), n = unitsOf(m).n;
    var a = all[name] || (all[name] = new Type(n));
    a.fill(fill || 0);
    return a;
  }
  /* Sections matching every clause and no excluded term, as a mask per unit. */
  function matchMasks(m, clauses, excluded) {
    var n = unitsOf(m).n, all = null;
    clauses.forEach(function (c, i) {
      var mine = scratch(m, i ? 'clause' : 'match', Int32Array);
      c.forEach(function (x) { var k = masksOf(m, x.t); for (var u = 0; u < n; u++) mine[u] |= k[u]; });
      if (!all) { all = mine; return; }
      for (var u = 0; u < n; u++) all[u] &= mine[u];
    });
    excluded.forEach(function (t) { var k = masksOf(m, t); for (var u = 0; u < n; u++) all[u] &= ~k[u]; });
    return all;
  }

  /* ---- facets (mirrors results.rs): pages per value, each facet with the other filters ---- */
  function facetCounts(m, match, filter) {
    var u = unitsOf(m), n = u.n, combis = m.combis, nc = combis.length, ci, x;
    var passes = function (c, skip) {
      return (skip === 0 || filter.kind == null || c[0] === filter.kind) &&
        (skip === 1 || filter.level == null || (c[1] >>> filter.level) & 1) &&
        (skip === 2 || filter.role == null || (c[2] >>> filter.role) & 1) &&
        (skip === 3 || filter.expertise == null || (filter.expertise >= 0 && (c[3] >>> filter.expertise) & 1));
    };
    /* Per combination: bit 0 passes all filters, bits 1-4 pass all but kind, level, role,
     * expertise. */
    var ok = new Int32Array(nc), kind = new Int32Array(nc), lev = new Int32Array(nc), rol = new Int32Array(nc), exp = new Int32Array(nc);
    for (ci = 0; ci < nc; ci++) {
      var c = combis[ci];
      ok[ci] = (passes(c, -1) ? 1 : 0) | (passes(c, 0) ? 2 : 0) | (passes(c, 1) ? 4 : 0) | (passes(c, 2) ? 8 : 0) | (passes(c, 3) ? 16 : 0);
      kind[ci] = c[0]; lev[ci] = c[1]; rol[ci] = c[2]; exp[ci] = c[3] || 0;
    }
    var kindLo = scratch(m, 'kindLo', Int32Array), kindHi = scratch(m, 'kindHi', Int32Array);
    var levels = scratch(m, 'levels', Int32Array), roles = scratch(m, 'roles', Int32Array), areas = scratch(m, 'areas', Int32Array);
    var visible = new Int32Array(n), hit = scratch(m, 'hit', Uint8Array), shown = scratch(m, 'shown', Uint8Array), heads = [];
    /* Sections of the demoted kind (editors' pages), ranked after all others; their pages. */
    var demoted = new Int32Array(n), low = new Set();
    for (x = 0; x < n; x++) {
      var mm = match[x];
      if (!mm) continue;
      var sig = u.sigs[u.sig[x]], h = u.head[x], last = sig.length - 1;
      if (!hit[h]) { hit[h] = 1; heads.push(h); }
      for (var rest = mm; rest; rest &= rest - 1) {
        var bit = 31 - Math.clz32(rest & -rest), cc = sig[bit < last ? bit : last], o = ok[cc];
        if (o & 1) { visible[x] |= 1 << bit; shown[h] = 1; if (kind[cc] === filter.demote) { demoted[x] |= 1 << bit; low.add(h); } }
        if (o & 2) { if (kind[cc] < 32) kindLo[h] |= 1 << kind[cc]; else kindHi[h] |= 1 << (kind[cc] - 32); }
        if (o & 4) levels[h] |= lev[cc];
        if (o & 8) roles[h] |= rol[cc];
        if (o & 16) areas[h] |= exp[cc];
        if (!last) { /* one combination for the whole unit: the other bits add nothing */
          if (o & 1) { visible[x] = mm; if (kind[cc] === filter.demote) demoted[x] = mm; }
          break;
        }
      }
    }
    var counts = [new Int32Array(64), new Int32Array(32), new Int32Array(32), new Int32Array(32)], total = 0;
    var add = function (into, bits, offset) {
      for (; bits; bits &= bits - 1) into[offset + 31 - Math.clz32(bits & -bits)]++;
    };
    for (var i = 0; i < heads.length; i++) {
      var hh = heads[i];
      if (shown[hh]) total++;
      add(counts[0], kindLo[hh], 0); add(counts[0], kindHi[hh], 32);
      add(counts[1], levels[hh], 0); add(counts[2], roles[hh], 0); add(counts[3], areas[hh], 0);
    }
    var names = [m.types, m.niveaus, m.rollen, m.expertise || []];
    var named = function (dim) {
      var out = [];
      counts[dim].forEach(function (count, j) { if (count) out.push({ value: names[dim][j], count: count }); });
      return out;
    };
    return { visible: visible, demoted: demoted, low: low.size, total: total, facets: { type: named(0), level: named(1), role: named(2), expertise: named(3) } };
  }

  /* ---- ranking: the best pages with exact scores, loading impact tiers only as needed ----
   * A section's score is the sum over clauses of the best weighted term score; a term's
   * unloaded postings score at most its next tier's bound. Tiers are loaded until the `limit`
   * best pages have exact scores no other page can exceed. Returns [{page, score, sections}]. */
  Engine.prototype.rank = function (m, clauses, visible, total, limit) {
    var self = this, u = unitsOf(m), need = Math.min(limit, total), visibleCount = 0;
    for (var x0 = 0; x0 < u.n; x0++) visibleCount += bitCount(visible[x0]);
    var round = function () {
      var bounds = clauses.map(function (c) { return c.map(function (x) { return f(bound(m, x.t) * x.w); }); });
      var unseenBound = 0;
      bounds.forEach(function (b) { unseenBound += Math.max.apply(null, b); });
      var want = new Set(), keys = [], ci, ti, k, loaded = 0;
      clauses.forEach(function (c) { c.forEach(function (x) { loaded += x.t.keys.length; }); });
      /* Candidates: every visible section when they are fewer than the loaded postings (their
       * unknown scores are bounded per term), else the visible sections with a loaded score. */
      if (visibleCount <= loaded) {
        for (var v = 0; v < u.n; v++) for (var bits = visible[v]; bits; bits &= bits - 1) keys.push(v * 32 + 31 - Math.clz32(bits & -bits));
      }
      var stamp = self._stamp && self._stamp.length === u.n * 32 ? self._stamp : (self._stamp = new Int32Array(u.n * 32));
      var gen = self._gen = (self._gen || 0) + 1;
      for (ci = 0; ci < clauses.length && visibleCount > loaded; ci++) {
        for (ti = 0; ti < clauses[ci].length; ti++) {
          var tk = clauses[ci][ti].t.keys;
          for (k = 0; k < tk.length; k++) {
            var key0 = tk[k];
            if (stamp[key0] !== gen && (visible[key0 >> 5] >>> (key0 & 31)) & 1) { stamp[key0] = gen; keys.push(key0); }
          }
        }
      }
      var best = scratch(m, 'best', Float64Array, -Infinity), upperOf = scratch(m, 'upper', Float64Array, -Infinity);
      var touched = [], seenMask = scratch(m, 'seen', Int32Array), open = [], scoreOf = new Float64Array(keys.length);
      /* Scores candidate `at` (its score, or its bound when not exact, into scoreOf); `block`
       * gets the terms whose next tier would tell more. */
      var assess = function (at, block) {
        var unit = keys[at] >> 5, sec = keys[at] & 31, score = 0, upper = 0, exact = true;
        for (var i = 0; i < clauses.length; i++) {
          var c = clauses[i], known = -1, unknown = -1, who = null;
          for (var j = 0; j < c.length; j++) {
            var x = c[j], sc = knownScore(x.t, unit, sec);
            if (sc === sc) { if (sc >= 0) { if (x.w !== 1) sc = f(sc * x.w); if (sc > known) known = sc; } }
            else if (bounds[i][j] > unknown) { unknown = bounds[i][j]; who = x.t; }
          }
          if (unknown > known) { exact = false; if (block) block.add(who); }
          score = f(score + Math.max(known, 0));
          upper += Math.max(known, unknown);
        }
        scoreOf[at] = exact ? score : upper;
        return exact;
      };
      for (k = 0; k < keys.length; k++) {
        var unit = keys[k] >> 5, h = u.head[unit];
        seenMask[unit] |= 1 << (keys[k] & 31);
        if (best[h] === -Infinity && upperOf[h] === -Infinity) touched.push(h);
        if (assess(k, null)) { if (scoreOf[k] > best[h]) best[h] = scoreOf[k]; }
        else { open.push(k); if (scoreOf[k] > upperOf[h]) upperOf[h] = scoreOf[k]; }
      }
      for (var y = 0; y < u.n; y++) {
        if (visible[y] & ~seenMask[y]) { var hy = u.head[y]; if (best[hy] > -Infinity || upperOf[hy] > -Infinity) upperOf[hy] = Math.max(upperOf[hy], unseenBound); }
      }
      /* The `need` best pages with exact scores (best first), and the highest bound of the rest. */
      var top = [], rest = touched.length < total ? unseenBound : -Infinity, better = function (a, b) { return best[a] > best[b] || (best[a] === best[b] && a < b); };
      for (k = 0; k < touched.length; k++) {
        var page = touched[k];
        if (best[page] < upperOf[page]) { rest = Math.max(rest, upperOf[page]); continue; }
        if (top.length === limit && !better(page, top[limit - 1])) continue;
        var at = top.length;
        while (at > 0 && better(page, top[at - 1])) at--;
        top.splice(at, 0, page);
        if (top.length > limit) top.pop();
      }
      var cut = need && top.length >= need ? best[top[need - 1]] : -Infinity;
      var more = [];
      clauses.forEach(function (c) { c.forEach(function (x) { if (x.t.next < x.t.tiers.length) more.push(x.t); }); });
      if (need === 0 || (top.length >= need && cut >= rest) || !more.length) {
        var sections = new Map();
        top.forEach(function (p) { sections.set(p, []); });
        for (k = 0; k < keys.length; k++) {
          var list = sections.get(u.head[keys[k] >> 5]);
          if (list) list.push({ unit: keys[k] >> 5, sec: keys[k] & 31, score: scoreOf[k] });
        }
        return top.map(function (p) {
          var list = sections.get(p);
          list.sort(function (a, b) { return b.score - a.score || a.unit - b.unit || a.sec - b.sec; });
          return { page: p, score: best[p], sections: list };
        });
      }
      /* Load the next tier of the terms that keep a section open, or that bound unseen ones. */
      open.forEach(function (i) { if (scoreOf[i] > cut) assess(i, want); });
      if (unseenBound > cut) {
        clauses.forEach(function (c, ci) {
          var top = 0, who = null;
          c.forEach(function (x, ti) { if (bounds[ci][ti] > top) { top = bounds[ci][ti]; who = x.t; } });
          if (who) want.add(who);
        });
      }
      var jobs = more.filter(function (t) { return want.has(t); });
      if (!jobs.length) jobs = more;
      return Promise.all(jobs.map(function (t) { return self.tier(m, t); })).then(round);
    };
    return Promise.resolve().then(round);
  };

  /* ---- snippets ---- */
  function snippet(text, plan) {
    var ws = words(text), terms = [];
    plan.must.forEach(function (c) { c.terms.forEach(function (t) { terms.push(t[0]); }); });
    var hit = ws.map(function (w) {
      return !!plan.words[w.w] || terms.some(function (t) { return t === w.w || (t.length >= 4 && w.w.indexOf(t) >= 0); });
    });
    if (!ws.length) return escapeHtml(text);
    var span = Math.min(SNIPPET_WORDS, ws.length), best = 0, bestCount = -1, count = 0, i;
    for (i = 0; i < ws.length; i++) {
      count += hit[i] ? 1 : 0;
      if (i >= span) count -= hit[i - span] ? 1 : 0;
      if (i >= span - 1 && count > bestCount) { bestCount = count; best = i - span + 1; }
    }
    var last = best + span - 1, from = best === 0 ? 0 : ws[best].from, to = last + 1 === ws.length ? text.length : ws[last].to;
    var out = from > 0 ? '… ' : '', at = from;
    for (i = best; i <= last; i++) {
      if (!hit[i]) continue;
      out += escapeHtml(text.slice(at, ws[i].from)) + '<mark>' + escapeHtml(text.slice(ws[i].from, ws[i].to)) + '</mark>';
      at = ws[i].to;
    }
    return out + escapeHtml(text.slice(at, to)) + (to < text.length ? ' …' : '');
  }

  /* The plan's terms loaded: {clauses: [[{t, w}]], excluded: [t]}, or null when nothing matches. */
  Engine.prototype.resolve = function (m, plan) {
    var self = this;
    if (!plan.must.length || plan.must.some(function (c) { return !c.terms.length; })) return Promise.resolve(null);
    var clauses = Promise.all(plan.must.map(function (c) {
      return Promise.all(c.terms.map(function (t) { return self.term(m, t[0]); })).then(function (ts) {
        var out = [];
        ts.forEach(function (t, i) { if (t) out.push({ t: t, w: c.terms[i][1] }); });
        return Promise.all(out.map(function (x) { return x.t.next ? null : self.tier(m, x.t); })).then(function () { return out; });
      });
    }));
    var excluded = Promise.all(plan.mustNot.map(function (t) { return self.term(m, t); }));
    return Promise.all([clauses, excluded]).then(function (r) {
      if (r[0].some(function (c) { return !c.length; })) return null;
      return { clauses: r[0], excluded: r[1].filter(Boolean) };
    });
  };

  /* request: {query, level, role, kind, expertise, limit} -> results like SearchResults in results.rs. */
  Engine.prototype.search = function (request) {
    var self = this, limit = request.limit || 10, bad = checkQuery(String(request.query));
    if (bad) return Promise.reject(new QueryError(bad));
    return this.manifest().then(function (m) {
      var filter = {
        kind: request.kind == null ? null : m.types.indexOf(kindAlias(request.kind)),
        level: request.level ? m.niveaus.indexOf(request.level) : null,
        role: request.role ? m.rollen.indexOf(request.role) : null,
        expertise: request.expertise ? expertiseOf(m, request.expertise) : null
      };
      var editors = m.types.indexOf('redactie');
      filter.demote = editors >= 0 && filter.kind !== editors ? editors : null;
      return self.plan(request.query).then(function (plan) {
        var result = { query: request.query, total: 0, hits: [], facets: { type: [], level: [], role: [], expertise: [] }, plan: plan };
        return self.resolve(m, plan).then(function (q) {
          if (!q) return [];
          var counted = facetCounts(m, matchMasks(m, q.clauses, q.excluded), filter);
          result.total = counted.total;
          result.facets = counted.facets;
          if (!counted.low) return self.rank(m, q.clauses, counted.visible, counted.total, limit);
          /* Editors' pages after every other match (results.rs: `Filter::demote`). */
          var main = counted.visible.map(function (v, i) { return v & ~counted.demoted[i]; });
          return self.rank(m, q.clauses, main, counted.total - counted.low, limit).then(function (top) {
            if (top.length >= limit) return top;
            return self.rank(m, q.clauses, counted.demoted, counted.low, limit - top.length).then(function (rest) { return top.concat(rest); });
          });
        }).then(function (top) {
          if (request.texts === false) {
            result.hits = top.map(function (p) { return { page: p.page, score: p.score }; });
            return result;
          }
          return Promise.all(top.map(function (p) { return self.get(m.teksten + '-' + p.page); })).then(function (texts) {
            result.hits = top.map(function (p, i) { return hitOf(m, plan, p, texts[i]); });
            return result;
          });
        });
      });
    });
  };
  /* The index of an expertise area by its id or the last part of it (-1: none). */
  function expertiseOf(m, e) {
    var ids = m.expertise || [];
    for (var i = 0; i < ids.length; i++) {
      if (ids[i].toLowerCase() === String(e).toLowerCase() || ids[i].split('/').pop() === e) return i;
    }
    return -1;
  }
  /* Display names of the expertise areas: id -> title. */
  Engine.prototype.expertiseNames = function () {
    return this.manifest().then(function (m) {
      var out = {};
      (m.expertise || []).forEach(function (id, i) { out[id] = (m.expertiseNamen || [])[i] || id; });
      return out;
    });
  };
  function kindAlias(k) {
    var a = { dilemma: 'dilemmas', expertise: 'expertisegebieden', expertisegebied: 'expertisegebieden', functie: 'functiefamilie', profiel: 'functieprofiel', functieprofielen: 'functieprofiel', vergelijk: 'vergelijking', vergelijken: 'vergelijking', vergelijkingen: 'vergelijking', overig: '', overige: '', other: '' };
    k = String(k).toLowerCase();
    return a.hasOwnProperty(k) ? a[k] : k;
  }
  function hitOf(m, plan, p, page) {
    var u = unitsOf(m);
    var section = function (x) {
      var s = page[4][u.offset[x.unit] + x.sec], url = page[1] + (s[1] ? '#' + s[1] : '');
      return { heading: s[0] || page[0], anchor: s[1], url: url, snippetHtml: snippet(s[2] || s[0], plan), score: x.score };
    };
    var best = p.sections[0], s = section(best), sig = u.sigs[u.sig[best.unit]];
    var c = m.combis[sig[Math.min(best.sec, sig.length - 1)]];
    var bits = function (mask, names) { return names.filter(function (_, i) { return (mask >>> i) & 1; }); };
    return {
      page: p.page, pageId: page[3], pageTitle: page[0], heading: page[4][u.offset[best.unit] + best.sec][0], url: s.url,
      snippetHtml: s.snippetHtml, score: p.score, collection: m.types[c[0]],
      levels: bits(c[1], m.niveaus), roles: bits(c[2], m.rollen), breadcrumb: page[2],
      sections: p.sections.slice(1, 4).map(section)
    };
  }

  var api = { Engine: Engine, checkQuery: checkQuery, QueryError: QueryError, fold: fold, words: words, escapeHtml: escapeHtml, oneEdit: oneEdit, decode: decode, parse: parse, snippet: snippet, GLOBAL: GLOBAL };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof document === 'undefined' || root.HandboekZoek) return;
  root.HandboekZoek = api;
  var script = document.currentScript;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { ui(script); });
  else ui(script);

  /* ---- the page: header dropdown and full search page ---- */
  function ui(script) {
    var doc = document, field = doc.getElementById('zoekveld'), form = field && field.form;
    var pageField = doc.getElementById('zoekpagina-veld');
    var configured = script && script.getAttribute('data-zoek-index');
    var base = configured ? new URL(configured, location.href).href
      : form ? new URL('index/', form.action).href : new URL('zoeken/index/', location.href).href;
    var siteRoot = new URL('../../', base).href, onDisk = location.protocol === 'file:';
    var engine = new Engine(function (name) {
      return new Promise(function (resolve, reject) {
        var store = root[GLOBAL] || {};
        if (store[name]) return resolve(store[name]);
        var el = doc.createElement('script');
        el.src = base + name + '.js';
        el.onload = function () { var d = (root[GLOBAL] || {})[name]; el.remove(); if (d) resolve(d); else reject(new Error(name)); };
        el.onerror = function () { el.remove(); reject(new Error('zoekindex niet geladen: ' + name)); };
        doc.head.appendChild(el);
      });
    });
    var TYPES = { handboek: 'Handboek', functiefamilie: 'Functiefamilie', expertisegebieden: 'Expertisegebieden', dilemmas: 'Dilemma\u2019s', functieprofiel: 'Functieprofielen', vergelijking: 'Vergelijkingen', overzicht: 'Overzichten', redactie: 'Voor redacteuren', '': 'Overig' };
    function link(url) {
      var hash = url.indexOf('#'), path = hash < 0 ? url : url.slice(0, hash), frag = hash < 0 ? '' : url.slice(hash);
      if (onDisk && (path === '' || path.slice(-1) === '/')) path += 'index.html';
      return siteRoot + path + frag;
    }
    function searchPage(params) {
      var q = Object.keys(params).filter(function (k) { return params[k] != null; })
        .map(function (k) { return k + '=' + encodeURIComponent(params[k]); }).join('&');
      return siteRoot + 'zoeken/' + (onDisk ? 'index.html' : '') + (q ? '?' + q : '');
    }
    /* "mijn niveau en rol": from the URL, else from localStorage; "" in the URL means all. */
    function myFilter() {
      var p = new URLSearchParams(location.search), stored = {};
      try { stored = JSON.parse(localStorage.getItem('handboek.filter') || '{}') || {}; } catch (e) { stored = {}; }
      var pick = function (k) { return p.has(k) ? p.get(k) || null : stored[k] || null; };
      return { niveau: pick('niveau'), rol: pick('rol'), type: p.get('type') || null, expertise: p.get('expertise') || null };
    }
    function request(q, filter, limit) {
      return { query: q, level: filter.niveau, role: filter.rol, kind: filter.type, expertise: filter.expertise, limit: limit };
    }
    function failure(e) { return e instanceof QueryError ? e.message : 'Zoeken is niet beschikbaar.'; }
    function title(h) { return escapeHtml(h.pageTitle) + (h.heading ? ' \u203a ' + escapeHtml(h.heading) : ''); }

    doc.addEventListener('keydown', function (e) {
      var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        var target = pageField || field;
        if (target) { e.preventDefault(); target.focus(); target.select(); }
      }
    });
    if (field && form && !pageField) dropdown(field, form);
    if (pageField) fullPage(pageField);

    function dropdown(field, form) {
      var list = doc.createElement('div'), active = -1, timer = null, seq = 0;
      list.id = 'zoek-suggesties';
      list.className = 'zoek-suggesties';
      list.setAttribute('role', 'listbox');
      list.setAttribute('aria-label', 'Zoeksuggesties');
      list.hidden = true;
      form.appendChild(list);
      /* The ARIA 1.2 combobox pattern: the field keeps the focus, the options are pointed at
       * with aria-activedescendant. */
      field.setAttribute('role', 'combobox');
      field.setAttribute('aria-autocomplete', 'list');
      field.setAttribute('autocomplete', 'off');
      field.setAttribute('aria-controls', list.id);
      field.setAttribute('aria-expanded', 'false');
      var options = function () { return list.querySelectorAll('a[role="option"]'); };
      var show = function (on) { list.hidden = !on; field.setAttribute('aria-expanded', on ? 'true' : 'false'); if (!on) active = -1; };
      var mark = function (i) {
        var opts = options();
        active = Math.max(-1, Math.min(i, opts.length - 1));
        Array.prototype.forEach.call(opts, function (o, j) { o.setAttribute('aria-selected', j === active ? 'true' : 'false'); });
        if (active >= 0) {
          field.setAttribute('aria-activedescendant', opts[active].id);
          if (opts[active].scrollIntoView) opts[active].scrollIntoView({ block: 'nearest' });
        } else field.removeAttribute('aria-activedescendant');
      };
      var run = function () {
        var q = field.value, mine = ++seq, filter = myFilter();
        if (!q.trim()) { show(false); return; }
        engine.search(request(q, filter, 6)).then(function (r) {
          if (mine !== seq) return;
          var n = 0, html = r.hits.map(function (h) {
            var first = '<a class="zoek-suggestie" role="option" tabindex="-1" id="zs-' + (n++) + '" href="' + escapeHtml(link(h.url)) + '">' +
              '<span class="zoek-titel">' + title(h) + '</span><span class="zoek-fragment">' + h.snippetHtml + '</span></a>';
            var subs = h.sections.map(function (s) {
              return '<a class="zoek-sub" role="option" tabindex="-1" id="zs-' + (n++) + '" href="' + escapeHtml(link(s.url)) + '">' + escapeHtml(s.heading) + '</a>';
            }).join('');
            return '<div class="zoek-groep" role="presentation">' + first + subs + '</div>';
          }).join('');
          var all = searchPage({ q: q, niveau: filter.niveau, rol: filter.rol });
          var note = filter.niveau || filter.rol ? ' (niveau ' + escapeHtml(filter.niveau || 'alle') + ', rol ' + escapeHtml(filter.rol || 'alle') + ')' : '';
          list.innerHTML = (html || '<p class="zoek-leeg" role="option" aria-disabled="true">Geen resultaten' + note + '.</p>') +
            '<a class="zoek-alles" role="option" tabindex="-1" id="zs-' + n + '" href="' + escapeHtml(all) + '">Alle resultaten (' + r.total + ')' + note + '</a>';
          show(true);
          mark(-1);
        }, function (e) { if (mine === seq) { list.innerHTML = '<p class="zoek-leeg" role="option" aria-disabled="true">' + escapeHtml(failure(e)) + '</p>'; show(true); } });
      };
      field.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 60); });
      field.addEventListener('focus', function () { engine.manifest(); });
      field.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          if (list.hidden) return;
          e.preventDefault();
          mark(active + (e.key === 'ArrowDown' ? 1 : -1));
        } else if (e.key === 'Escape') {
          show(false);
        } else if (e.key === 'Enter' && active >= 0) {
          e.preventDefault();
          location.href = options()[active].getAttribute('href');
        }
      });
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var filter = myFilter();
        location.href = searchPage({ q: field.value, niveau: filter.niveau, rol: filter.rol });
      });
      doc.addEventListener('click', function (e) { if (!form.contains(e.target)) show(false); });
    }

    function fullPage(input) {
      var facetsEl = doc.getElementById('zoek-facetten'), status = doc.getElementById('zoek-status');
      /* The facets sit in a <details>: open on wide screens, folded on a phone so the results
       * come first; hidden while there is nothing to refine. */
      var refine = doc.getElementById('zoek-verfijnen');
      if (refine && root.matchMedia && root.matchMedia('(max-width: 39.99em)').matches) refine.open = false;
      var showRefine = function () { if (refine) refine.hidden = !facetsEl.innerHTML; };
      var results = doc.getElementById('zoek-resultaten'), filter = myFilter(), timer = null, seq = 0;
      input.value = new URLSearchParams(location.search).get('q') || '';
      /* Query, type and expertise live in the URL here; niveau and rol are the reader's choice,
       * which filter.js keeps (in the URL too): left as they are. */
      var sync = function () {
        var p = new URLSearchParams(location.search);
        p.set('q', input.value);
        if (filter.type !== null) p.set('type', filter.type); else p.delete('type');
        if (filter.expertise !== null) p.set('expertise', filter.expertise); else p.delete('expertise');
        try { history.replaceState(null, '', '?' + p.toString()); } catch (e) { /* file:// may refuse */ }
      };
      var facetGroup = function (label, dim, counts, names) {
        var current = filter[dim];
        var buttons = counts.map(function (c) {
          var on = current === c.value;
          return '<button type="button" class="zoek-facet" data-dim="' + dim + '" data-value="' + escapeHtml(c.value) + '" aria-pressed="' + on + '">' +
            escapeHtml(names ? names[c.value] || c.value : c.value) + ' <span class="zoek-aantal">' + c.count + '</span></button>';
        }).join('');
        var all = '<button type="button" class="zoek-facet" data-dim="' + dim + '" data-value="" aria-pressed="' + (current === null) + '">Alle</button>';
        return '<fieldset class="zoek-facetgroep"><legend>' + label + '</legend>' + all + buttons + '</fieldset>';
      };
      var run = function () {
        var q = input.value, mine = ++seq;
        sync();
        if (!q.trim()) { results.innerHTML = ''; facetsEl.innerHTML = ''; status.textContent = ''; showRefine(); return; }
        Promise.all([engine.search(request(q, filter, 50)), engine.expertiseNames()]).then(function (both) {
          var r = both[0];
          if (mine !== seq) return;
          var kinds = r.facets.type.map(function (c) { return { value: c.value, count: c.count }; });
          /* Roles by their names, as the header's choice shows them. */
          var roleNames = {};
          Array.prototype.forEach.call(doc.querySelectorAll('select[data-filter="rol"] option'), function (o) {
            if (o.value) roleNames[o.value] = o.textContent.trim();
          });
          facetsEl.innerHTML = facetGroup('Type', 'type', kinds, TYPES) + facetGroup('Niveau', 'niveau', r.facets.level) + facetGroup('Rol', 'rol', r.facets.role, roleNames) +
            (r.facets.expertise.length || filter.expertise ? facetGroup('Expertise', 'expertise', r.facets.expertise, both[1]) : '');
          showRefine();
          var chosen = doc.getElementById('zoek-verfijnd');
          if (chosen) {
            var on = [];
            if (filter.type !== null) on.push(TYPES[filter.type] || filter.type);
            if (filter.niveau) on.push('niveau ' + filter.niveau);
            if (filter.rol) on.push('rol ' + (roleNames[filter.rol] || filter.rol));
            if (filter.expertise) on.push(both[1][filter.expertise] || filter.expertise);
            chosen.textContent = on.length ? ': ' + on.join(', ') : '';
          }
          status.textContent = r.total === 0 ? 'Geen resultaten.' : r.total + (r.total === 1 ? ' pagina' : ' pagina\u2019s') + ' gevonden.';
          results.innerHTML = r.hits.map(function (h) {
            var subs = h.sections.map(function (s) {
              return '<li><a href="' + escapeHtml(link(s.url)) + '">' + escapeHtml(s.heading) + '</a> <span class="zoek-fragment">' + s.snippetHtml + '</span></li>';
            }).join('');
            return '<li class="zoek-resultaat"><a class="zoek-link" href="' + escapeHtml(link(h.url)) + '">' + title(h) + '</a>' +
              '<p class="zoek-kruimel">' + kruimel(h) + '</p>' +
              '<p class="zoek-fragment">' + h.snippetHtml + '</p>' + (subs ? '<ul class="zoek-subs">' + subs + '</ul>' : '') + '</li>';
          }).join('');
        }, function (e) {
          if (mine !== seq) return;
          status.textContent = failure(e);
          if (e instanceof QueryError) { results.innerHTML = ''; facetsEl.innerHTML = ''; }
        });
      };
      /* The kind of a result, then where it is below the home page, without saying the same
       * name twice ("Dilemma's" is both a kind and a section). */
      var kruimel = function (h) {
        var soort = TYPES[h.collection] || h.collection, seen = {}, parts = [];
        [soort].concat(h.breadcrumb.slice(1)).forEach(function (x) {
          var key = String(x).toLowerCase().replace(/[\u2018\u2019]/g, "'");
          if (x && !seen[key]) { seen[key] = true; parts.push(escapeHtml(x)); }
        });
        return parts.join(' \u203a ');
      };
      facetsEl.addEventListener('click', function (e) {
        var b = e.target.closest && e.target.closest('button[data-dim]');
        if (!b) return;
        var dim = b.getAttribute('data-dim'), value = b.getAttribute('data-value') || null;
        if (dim === 'niveau' || dim === 'rol') {
          /* The reader's level and role: filter.js stores them, updates the header and the
           * filter bar, and answers with "handboek:filter" (below). Without it: only here. */
          var detail = {};
          detail[dim] = value;
          if (!doc.dispatchEvent(new CustomEvent('handboek:kies', { detail: detail, cancelable: true }))) return;
        }
        filter[dim] = value;
        run();
      });
      doc.addEventListener('handboek:filter', function (e) {
        var d = e.detail || {};
        if ((d.niveau || null) === filter.niveau && (d.rol || null) === filter.rol) return;
        filter.niveau = d.niveau || null;
        filter.rol = d.rol || null;
        run();
      });
      input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 60); });
      input.form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
      run();
    }
  }
})(typeof self !== 'undefined' ? self : this);
