/* Handboek zoeken, the engine: the in-browser search over the static index
 * (src/search/static_index), without DOM code. A classic script (ES modules do not load from
 * file://) without dependencies: in a page it sets one global, `HandboekZoek`, which the UI
 * (zoeken.js, loaded after it) uses; in node it exports the same object (module.exports), which
 * the tests load (tests/js/). Query planning and scoring mirror src/search/plan.rs and tantivy's
 * BM25 in f32, so both rank the same pages with the same scores.
 *
 * The index format is read in few places: `decode`/`digit` (the number encoding), the shard
 * lookups (`Engine#wordRange`, `Engine#term`, `Engine#tier`), `unitsOf`, `masksOf`,
 * `fieldsAt` and `hitOf` (the page texts). */
(function (root) {
  'use strict';

  /* The global the index files register their data in (`self[DATA_GLOBAL][name]`). */
  const DATA_GLOBAL = 'HandboekZoekData';
  const f32 = Math.fround;
  const PREFIX_WEIGHT = f32(0.8);
  const TYPO_WEIGHT = f32(0.5);
  const PART_WEIGHT = f32(0.7);
  const PART_MIN = 3;
  const PARTS_MAX = 4;
  /* What may join the parts of a compound word (src/search/split.rs). */
  const LINKS = ['', 's', 'en', 'e'];
  const PREFIX_MAX = 10;
  const TYPO_MAX = 5;
  const TYPO_MIN = 5;
  const PREFIX_MIN = 2;
  const SNIPPET_WORDS = 28;
  /* Sections per unit of the index. */
  const UNIT = 30;
  const K1 = f32(1.2);
  const B = f32(0.75);
  const SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'ø': 'o', 'œ': 'oe', 'ĳ': 'ij', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th' };
  const WORD = /[\p{Alphabetic}\p{N}]+/gu;
  /* The bounds of a query, as src/search/limits.rs (a Rust test keeps them equal). */
  const MAX_QUERY_CHARS = 256;
  const MAX_QUERY_WORDS = 12;

  /* ---- text ---- */
  function fold(word) {
    const plain = word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    return plain.replace(/[ßæøœĳłđðþ]/g, (letter) => SPECIAL[letter]);
  }
  function utf8Length(text) {
    return unescape(encodeURIComponent(text)).length;
  }
  /* Words of a text as the analyzer's base chain sees them: {w: folded, from, to}. */
  function words(text) {
    const out = [];
    let match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      if (utf8Length(match[0]) < 40) out.push({ w: fold(match[0]), from: match.index, to: match.index + match[0].length });
    }
    return out;
  }
  const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
  }
  function sameChars(left, right) {
    return left.join('') === right.join('');
  }
  /* True when `typed` and `word` differ by one edit (insert, delete, change or swap). */
  function oneEdit(typed, word) {
    const a = Array.from(typed);
    const b = Array.from(word);
    if (sameChars(a, b)) return false;
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    const restA = a.slice(common);
    const restB = b.slice(common);
    if (restA.length === restB.length) {
      return sameChars(restA.slice(1), restB.slice(1)) ||
        (restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && sameChars(restA.slice(2), restB.slice(2)));
    }
    if (restA.length + 1 === restB.length) return sameChars(restA, restB.slice(1));
    if (restB.length + 1 === restA.length) return sameChars(restA.slice(1), restB);
    return false;
  }

  /* ---- query bounds (mirrors limits.rs) ---- */
  /* null when the query is within the bounds, else the message to show (Dutch, for the page). */
  function checkQuery(query) {
    const chars = Array.from(query).length;
    if (chars > MAX_QUERY_CHARS) return 'De zoekvraag is te lang: ' + chars + ' tekens, ten hoogste ' + MAX_QUERY_CHARS + '.';
    const count = (query.match(WORD) || []).length;
    if (count > MAX_QUERY_WORDS) return 'De zoekvraag heeft te veel woorden: ' + count + ', ten hoogste ' + MAX_QUERY_WORDS + '.';
    return null;
  }
  class QueryError extends Error {
    constructor(message) {
      super(message);
      this.name = 'QueryError';
    }
  }

  /* ---- query parsing (mirrors plan.rs) ---- */
  function parse(query) {
    const items = [];
    query.split('"').forEach((part, index) => {
      if (index % 2 === 1) {
        items.push({ phrase: part });
        return;
      }
      for (const chunk of part.split(/\s+/)) {
        if (!chunk) continue;
        if (chunk.charAt(0) === '-' && chunk.length > 1) items.push({ text: chunk.slice(1), exclude: true });
        else items.push({ text: chunk, exclude: false });
      }
    });
    return items;
  }

  /* ---- static index access ---- */
  /* The value of a digit of the encoding (A-Z a-z 0-9 - _). */
  function digit(code) {
    if (code === 95) return 63;
    if (code === 45) return 62;
    if (code >= 97) return code - 71;
    if (code >= 65) return code - 65;
    return code + 4;
  }
  /* The numbers of an encoded string: five bits a digit, low first, bit 6 set on all but the
   * last digit of a number. */
  function decode(text) {
    const out = [];
    let value = 0;
    let scale = 1;
    for (let i = 0; i < text.length; i++) {
      const d = digit(text.charCodeAt(i));
      value += (d & 31) * scale;
      if (d >= 32) {
        scale *= 32;
      } else {
        out.push(value);
        value = 0;
        scale = 1;
      }
    }
    return out;
  }
  /* The file with the texts of the page whose first unit is `unit`: named by its group of
     units (an edit renames the texts of its group only). */
  function textsOf(manifest, unit) {
    const texts = manifest.teksten;
    return texts.namen[Math.floor(unit / texts.groep)] + '-' + unit;
  }
  /* Index of the last shard whose first key is <= key. */
  function shardOf(shards, key) {
    let low = 0;
    let high = shards.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (shards[middle][0] <= key) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }
  /* Index of the first entry whose key is >= key. */
  function lowerBound(entries, key) {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (entries[middle][0] < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
  /* A term's data as the engine keeps it (see Engine#term). */
  function termData(df, membership, tiers) {
    return { df, mem: membership, tiers, next: 0, masks: null };
  }
  function byCountThenWord(a, b) {
    return b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  }

  /* A word the corpus does not have split into the corpus words in `known` (per position, the
   * words starting there with their length, longest first), at most PARTS_MAX of them joined by
   * LINKS; null when no split reaches the end. Mirrors src/search/split.rs. */
  function splitParts(chars, known) {
    const length = chars.length;
    const failed = {};
    function from(position, left) {
      if (position === length) return [];
      if (left === 0 || failed[position + ',' + left]) return null;
      for (const [entry, partLength] of known[position] || []) {
        const end = position + partLength;
        for (const link of LINKS) {
          const linkChars = Array.from(link);
          const next = end + linkChars.length;
          if (!sameChars(chars.slice(end, next), linkChars) || (linkChars.length && next === length)) continue;
          const rest = from(next, left - 1);
          if (rest) return [entry].concat(rest);
        }
      }
      failed[position + ',' + left] = true;
      return null;
    }
    const parts = from(0, PARTS_MAX);
    return parts && parts.length >= 2 ? parts : null;
  }

  /* ---- scoring: tantivy's BM25 in f32 ---- */
  function idf(df, sections) {
    return f32(Math.log(f32(1 + f32(f32(f32(sections - df) + 0.5) / f32(df + 0.5)))));
  }
  function normCache(manifest, field) {
    const average = f32(f32(manifest.tokens[field]) / f32(manifest.secties));
    const cache = [];
    for (let id = 0; id < 256; id++) cache.push(f32(K1 * f32(f32(1 - B) + f32(f32(B * manifest.normen[id]) / average))));
    return cache;
  }
  /* The score of one posting of a term (heading boosted, plus body), before the clause weight. */
  function postingScore(manifest, term, headingTf, headingNorm, bodyTf, bodyNorm) {
    const caches = manifest._normCaches || (manifest._normCaches = [normCache(manifest, 0), normCache(manifest, 1)]);
    function fieldScore(field, tf, norm) {
      const weight = f32(idf(term.df[field], manifest.secties) * f32(1 + K1));
      return f32(weight * f32(tf / f32(tf + caches[field][norm])));
    }
    let score;
    if (headingTf) score = f32(fieldScore(0, headingTf, headingNorm) * f32(manifest.kopBoost));
    if (bodyTf) {
      const body = fieldScore(1, bodyTf, bodyNorm);
      score = score === undefined ? body : f32(score + body);
    }
    return score || 0;
  }
  /* Reads "tf, norm if tf, tf, norm if tf" from `values` at `at`:
   * [headingTf, headingNorm, bodyTf, bodyNorm, next index]. */
  function fieldsAt(values, at) {
    let i = at;
    const headingTf = values[i++];
    const headingNorm = headingTf ? values[i++] : 0;
    const bodyTf = values[i++];
    const bodyNorm = bodyTf ? values[i++] : 0;
    return [headingTf, headingNorm, bodyTf, bodyNorm, i];
  }
  /* The units of the index: signature and first unit of the page of every unit, section offset. */
  function unitsOf(manifest) {
    if (manifest._units) return manifest._units;
    const units = manifest.eenheden;
    let count = 0;
    for (const run of units.runs) count += run;
    const signature = new Int32Array(count);
    const head = new Int32Array(count);
    const offset = new Int32Array(count);
    let at = 0;
    for (let run = 0; run < units.runs.length; run++) {
      for (let j = 0; j < units.runs[run]; j++) signature[at++] = run;
    }
    for (let unit = 0; unit < count; unit++) head[unit] = unit;
    for (const [unit, first, part] of units.vervolg) {
      head[unit] = first;
      offset[unit] = part * UNIT;
    }
    manifest._units = { n: count, sig: signature, head, offset, sigs: units.sigs };
    return manifest._units;
  }
  function bitCount(bits) {
    let x = bits - ((bits >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  /* The number of the lowest set bit. */
  function lowestBit(bits) {
    return 31 - Math.clz32(bits & -bits);
  }
  /* A term's membership as a mask per unit (Int32Array), decoded once. */
  function masksOf(manifest, term) {
    if (term.masks) return term.masks;
    const units = unitsOf(manifest);
    const masks = new Int32Array(units.n);
    const dense = term.mem.charAt(0) === '~';
    const values = decode(dense ? term.mem.slice(1) : term.mem);
    if (dense) {
      for (let i = 0; i < values.length; i++) masks[i] = values[i];
    } else {
      let unit = 0;
      for (let i = 0; i < values.length; i += 2) {
        unit += values[i];
        masks[unit] = values[i + 1];
      }
    }
    /* Scores are kept per member section, at slot first[unit] + rank of the section's bit. */
    const first = new Int32Array(units.n);
    let count = 0;
    for (let unit = 0; unit < units.n; unit++) {
      first[unit] = count;
      count += bitCount(masks[unit]);
    }
    term.masks = masks;
    term.first = first;
    term.known = new Float32Array(count).fill(NaN);
    term.keys = [];
    return masks;
  }
  /* The loaded score of a term in a section: a number, NaN when not loaded, -1 when the term
   * does not occur there. */
  function knownScore(term, unit, section) {
    const mask = term.masks[unit];
    if (!((mask >>> section) & 1)) return -1;
    return term.known[term.first[unit] + bitCount(mask & ((1 << section) - 1))];
  }
  /* Records the scores of a loaded tier (`data`: [fields, postings]) in `term`. */
  function recordTier(manifest, term, data) {
    const fields = decode(data[0]);
    const scores = [];
    const masks = masksOf(manifest, term);
    for (let i = 0; i < fields.length;) {
      const [headingTf, headingNorm, bodyTf, bodyNorm, next] = fieldsAt(fields, i);
      scores.push(postingScore(manifest, term, headingTf, headingNorm, bodyTf, bodyNorm));
      i = next;
    }
    const postings = data[1];
    if (postings.charAt(0) === '~') {
      /* A bitmap over the term's postings in unit order, then the class numbers. */
      const count = term.known.length;
      const width = Math.ceil(count / 6);
      const classes = decode(postings.slice(1 + width));
      let nextClass = 0;
      let posting = 0;
      for (let unit = 0; unit < masks.length && posting < count; unit++) {
        for (let bits = masks[unit]; bits; bits &= bits - 1, posting++) {
          if ((digit(postings.charCodeAt(1 + ((posting / 6) | 0))) >> (posting % 6)) & 1) {
            term.known[posting] = scores[classes[nextClass++]];
            term.keys.push(unit * 32 + lowestBit(bits));
          }
        }
      }
    } else {
      const values = decode(postings);
      let unit = 0;
      for (let i = 0; i < values.length; i += 3) {
        unit += values[i];
        const section = values[i + 1];
        term.known[term.first[unit] + bitCount(masks[unit] & ((1 << section) - 1))] = scores[values[i + 2]];
        term.keys.push(unit * 32 + section);
      }
    }
  }
  /* The highest score the term's unloaded tiers can add (slightly raised: a safe bound). */
  function bound(manifest, term) {
    if (term.next >= term.tiers.length) return 0;
    const [headingTf, headingNorm, bodyTf, bodyNorm] = fieldsAt(decode(term.tiers[term.next][0]), 0);
    return postingScore(manifest, term, headingTf, headingNorm, bodyTf, bodyNorm) * (1 + 1e-6);
  }

  /* A per-unit work array of the manifest, reused by every search (allocating them anew per
   * search makes the garbage collector pause); only for work that ends before the next await. */
  function scratch(manifest, name, Type, fill) {
    const all = manifest._scratch || (manifest._scratch = {});
    const array = all[name] || (all[name] = new Type(unitsOf(manifest).n));
    array.fill(fill || 0);
    return array;
  }
  /* Sections matching every clause and no excluded term, as a mask per unit. */
  function matchMasks(manifest, clauses, excluded) {
    const count = unitsOf(manifest).n;
    let all = null;
    clauses.forEach((clause, index) => {
      const mine = scratch(manifest, index ? 'clause' : 'match', Int32Array);
      for (const { t: term } of clause) {
        const masks = masksOf(manifest, term);
        for (let unit = 0; unit < count; unit++) mine[unit] |= masks[unit];
      }
      if (!all) {
        all = mine;
        return;
      }
      for (let unit = 0; unit < count; unit++) all[unit] &= mine[unit];
    });
    for (const term of excluded) {
      const masks = masksOf(manifest, term);
      for (let unit = 0; unit < count; unit++) all[unit] &= ~masks[unit];
    }
    return all;
  }

  /* ---- facets (mirrors results.rs): pages per value, each facet with the other filters ---- */
  function facetCounts(manifest, match, filter) {
    const units = unitsOf(manifest);
    const count = units.n;
    const combis = manifest.combis;
    /* Whether a combination [kind, levels, roles, areas] passes the filters, but for the one at
     * `skip` (0-3; -1: all of them). */
    function passes(combi, skip) {
      return (skip === 0 || filter.kind == null || combi[0] === filter.kind) &&
        (skip === 1 || filter.level == null || (combi[1] >>> filter.level) & 1) &&
        (skip === 2 || filter.role == null || (combi[2] >>> filter.role) & 1) &&
        (skip === 3 || filter.expertise == null || (filter.expertise >= 0 && (combi[3] >>> filter.expertise) & 1));
    }
    /* Per combination: bit 0 passes all filters, bits 1-4 pass all but kind, level, role,
     * expertise. */
    const passed = new Int32Array(combis.length);
    const kindOf = new Int32Array(combis.length);
    const levelsOf = new Int32Array(combis.length);
    const rolesOf = new Int32Array(combis.length);
    const areasOf = new Int32Array(combis.length);
    combis.forEach((combi, index) => {
      passed[index] = (passes(combi, -1) ? 1 : 0) | (passes(combi, 0) ? 2 : 0) | (passes(combi, 1) ? 4 : 0) | (passes(combi, 2) ? 8 : 0) | (passes(combi, 3) ? 16 : 0);
      kindOf[index] = combi[0];
      levelsOf[index] = combi[1];
      rolesOf[index] = combi[2];
      areasOf[index] = combi[3] || 0;
    });
    const kindLow = scratch(manifest, 'kindLo', Int32Array);
    const kindHigh = scratch(manifest, 'kindHi', Int32Array);
    const levels = scratch(manifest, 'levels', Int32Array);
    const roles = scratch(manifest, 'roles', Int32Array);
    const areas = scratch(manifest, 'areas', Int32Array);
    const visible = new Int32Array(count);
    const hit = scratch(manifest, 'hit', Uint8Array);
    const shown = scratch(manifest, 'shown', Uint8Array);
    const heads = [];
    /* Sections of the demoted kind (editors' pages), ranked after all others; their pages. */
    const demoted = new Int32Array(count);
    const low = new Set();
    for (let unit = 0; unit < count; unit++) {
      const matched = match[unit];
      if (!matched) continue;
      const signature = units.sigs[units.sig[unit]];
      const head = units.head[unit];
      const last = signature.length - 1;
      if (!hit[head]) {
        hit[head] = 1;
        heads.push(head);
      }
      for (let rest = matched; rest; rest &= rest - 1) {
        const bit = lowestBit(rest);
        const combi = signature[bit < last ? bit : last];
        const pass = passed[combi];
        if (pass & 1) {
          visible[unit] |= 1 << bit;
          shown[head] = 1;
          if (kindOf[combi] === filter.demote) {
            demoted[unit] |= 1 << bit;
            low.add(head);
          }
        }
        if (pass & 2) {
          if (kindOf[combi] < 32) kindLow[head] |= 1 << kindOf[combi];
          else kindHigh[head] |= 1 << (kindOf[combi] - 32);
        }
        if (pass & 4) levels[head] |= levelsOf[combi];
        if (pass & 8) roles[head] |= rolesOf[combi];
        if (pass & 16) areas[head] |= areasOf[combi];
        if (!last) { /* one combination for the whole unit: the other bits add nothing */
          if (pass & 1) {
            visible[unit] = matched;
            if (kindOf[combi] === filter.demote) demoted[unit] = matched;
          }
          break;
        }
      }
    }
    const counts = [new Int32Array(64), new Int32Array(32), new Int32Array(32), new Int32Array(32)];
    let total = 0;
    function add(into, bits, offset) {
      for (; bits; bits &= bits - 1) into[offset + lowestBit(bits)]++;
    }
    for (const head of heads) {
      if (shown[head]) total++;
      add(counts[0], kindLow[head], 0);
      add(counts[0], kindHigh[head], 32);
      add(counts[1], levels[head], 0);
      add(counts[2], roles[head], 0);
      add(counts[3], areas[head], 0);
    }
    const names = [manifest.types, manifest.niveaus, manifest.rollen, manifest.expertise || []];
    function named(dimension) {
      const out = [];
      counts[dimension].forEach((pages, index) => {
        if (pages) out.push({ value: names[dimension][index], count: pages });
      });
      return out;
    }
    return {
      visible, demoted, low: low.size, total,
      facets: { type: named(0), level: named(1), role: named(2), expertise: named(3) }
    };
  }

  /* ---- snippets ---- */
  function snippet(text, plan) {
    const found = words(text);
    const terms = [];
    for (const clause of plan.must) for (const [term] of clause.terms) terms.push(term);
    const hit = found.map((word) =>
      !!plan.words[word.w] || terms.some((term) => term === word.w || (term.length >= 4 && word.w.indexOf(term) >= 0)));
    if (!found.length) return escapeHtml(text);
    const span = Math.min(SNIPPET_WORDS, found.length);
    let best = 0;
    let bestCount = -1;
    let count = 0;
    for (let i = 0; i < found.length; i++) {
      count += hit[i] ? 1 : 0;
      if (i >= span) count -= hit[i - span] ? 1 : 0;
      if (i >= span - 1 && count > bestCount) {
        bestCount = count;
        best = i - span + 1;
      }
    }
    const last = best + span - 1;
    const from = best === 0 ? 0 : found[best].from;
    const to = last + 1 === found.length ? text.length : found[last].to;
    let out = from > 0 ? '… ' : '';
    let at = from;
    for (let i = best; i <= last; i++) {
      if (!hit[i]) continue;
      out += escapeHtml(text.slice(at, found[i].from)) + '<mark>' + escapeHtml(text.slice(found[i].from, found[i].to)) + '</mark>';
      at = found[i].to;
    }
    return out + escapeHtml(text.slice(at, to)) + (to < text.length ? ' …' : '');
  }

  /* The index of an expertise area by its id or the last part of it (-1: none). */
  function expertiseOf(manifest, area) {
    const ids = manifest.expertise || [];
    const wanted = String(area).toLowerCase();
    return ids.findIndex((id) => id.toLowerCase() === wanted || id.split('/').pop() === area);
  }
  const KIND_ALIASES = {
    dilemma: 'dilemmas', expertise: 'expertisegebieden', expertisegebied: 'expertisegebieden', functie: 'functiefamilie',
    profiel: 'functieprofiel', functieprofielen: 'functieprofiel', vergelijk: 'vergelijking', vergelijken: 'vergelijking',
    vergelijkingen: 'vergelijking', overig: '', overige: '', other: ''
  };
  function kindAlias(kind) {
    const key = String(kind).toLowerCase();
    return Object.prototype.hasOwnProperty.call(KIND_ALIASES, key) ? KIND_ALIASES[key] : key;
  }
  /* The names whose bit is set in `mask`. */
  function namesOf(mask, names) {
    return names.filter((_, index) => (mask >>> index) & 1);
  }
  /* A result as the UI shows it, from a ranked page and its texts
   * ([title, url, breadcrumb, id, sections: [heading, anchor, text]]). */
  function hitOf(manifest, plan, ranked, page) {
    const units = unitsOf(manifest);
    function sectionOf(found) {
      const section = page[4][units.offset[found.unit] + found.sec];
      const url = page[1] + (section[1] ? '#' + section[1] : '');
      return { heading: section[0] || page[0], anchor: section[1], url, snippetHtml: snippet(section[2] || section[0], plan), score: found.score };
    }
    const best = ranked.sections[0];
    const first = sectionOf(best);
    const signature = units.sigs[units.sig[best.unit]];
    const combi = manifest.combis[signature[Math.min(best.sec, signature.length - 1)]];
    return {
      page: ranked.page, pageId: page[3], pageTitle: page[0], heading: page[4][units.offset[best.unit] + best.sec][0], url: first.url,
      snippetHtml: first.snippetHtml, score: ranked.score, collection: manifest.types[combi[0]],
      levels: namesOf(combi[1], manifest.niveaus), roles: namesOf(combi[2], manifest.rollen), breadcrumb: page[2],
      sections: ranked.sections.slice(1, 4).map(sectionOf)
    };
  }

  /* The search over the static index; `loader(name)` gives (a promise of) the data of one index
   * file. Every file is loaded at most once. */
  class Engine {
    constructor(loader) {
      this.loader = loader;
      this.cache = {};
      this.terms = {};
      this.own = {};
    }
    get(name) {
      if (!this.cache[name]) this.cache[name] = Promise.resolve(this.loader(name));
      return this.cache[name];
    }
    manifest() {
      return this.get('manifest');
    }
    /* Word entries [word, term, count] with low <= word < high (high: low + '\uffff' for a prefix). */
    async wordRange(manifest, low, high) {
      const first = shardOf(manifest.woorden, low);
      const last = shardOf(manifest.woorden, high);
      const names = [];
      for (let i = first; i <= last && i < manifest.woorden.length; i++) names.push(manifest.woorden[i][1]);
      const shards = await Promise.all(names.map((name) => this.get(name)));
      const out = [];
      for (const entries of shards) {
        for (let i = lowerBound(entries, low); i < entries.length && entries[i][0] < high; i++) {
          const entry = entries[i];
          const spec = entry[1];
          const term = typeof spec === 'number' ? entry[0].slice(0, entry[0].length - spec) : spec;
          if (entry.length > 3) this.own[term] = entry[3];
          out.push([entry[0], term, entry[2]]);
        }
      }
      return out;
    }
    /* A term's data: {df: [heading, body], mem: membership string, tiers: [[bound, classes,
     * postings] or [bound, file]]}, kept decoded in this.terms; null when the corpus does not
     * have the term. */
    term(manifest, term) {
      if (this.terms[term]) return this.terms[term];
      const ownFile = (id) => this.get(manifest.termen.naam + '-u' + id).then((data) => termData([data[0], data[1]], data[2], data[3]));
      if (this.own[term] !== undefined) return (this.terms[term] = ownFile(this.own[term]));
      const bounds = manifest.termen.grenzen;
      let low = 0;
      let high = bounds.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (bounds[middle] <= term) low = middle;
        else high = middle - 1;
      }
      const job = this.get(manifest.termen.naam + '-' + low).then((entries) => {
        const i = lowerBound(entries, term);
        const entry = i < entries.length && entries[i][0] === term ? entries[i] : null;
        if (!entry) return null;
        if (entry.length === 4) return ownFile(entry[3].slice(1));
        return termData([entry[1], entry[2]], entry[3], entry[4]);
      });
      this.terms[term] = job;
      return job;
    }

    /* The plan of a query: {must: [{word, terms: [[term, weight]]}], mustNot: [term], words: {}} */
    async plan(query) {
      const manifest = await this.manifest();
      const stop = {};
      for (const word of manifest.stop) stop[word] = true;
      const items = parse(query);
      const jobs = [];
      const endsInWord = /[\p{Alphabetic}\p{N}]$/u.test(query);
      const plan = { must: [], mustNot: [], words: {} };
      items.forEach((item, index) => {
        const phrase = item.phrase !== undefined;
        const itemWords = words(phrase ? item.phrase : item.text);
        itemWords.forEach((word, wordIndex) => {
          if (stop[word.w]) return;
          if (item.exclude) {
            jobs.push(this.exactTerm(manifest, word.w).then((term) => {
              if (term) plan.mustNot.push(term);
            }));
            return;
          }
          const clause = { word: word.w, terms: [] };
          plan.must.push(clause);
          if (phrase) {
            jobs.push(this.exactTerm(manifest, word.w).then((term) => {
              if (term) clause.terms.push([term, 1]);
            }));
            return;
          }
          const prefix = index === items.length - 1 && wordIndex === itemWords.length - 1 && endsInWord;
          jobs.push(this.compoundParts(manifest, word.w, prefix, stop).then((parts) => {
            if (parts) {
              clause.parts = parts.map((entry) => {
                plan.words[entry[0]] = true;
                return { word: entry[0], terms: [[entry[1], PART_WEIGHT]] };
              });
              return null;
            }
            return this.clauseTerms(manifest, word.w, prefix, plan.words).then((terms) => {
              clause.terms = terms;
            });
          }));
        });
      });
      await Promise.all(jobs);
      plan.must = plan.must.flatMap((clause) => clause.parts || [clause]);
      return plan;
    }
    /* A word the corpus does not have (and, while typed, that no corpus word starts with) split
     * into corpus words, as [[word, term, count]], or null; mirrors src/search/split.rs. */
    async compoundParts(manifest, word, prefix, stop) {
      const chars = Array.from(word);
      const length = chars.length;
      const wantPrefix = prefix && length >= PREFIX_MIN;
      if (length < 2 * PART_MIN && !wantPrefix) return null;
      const same = await this.wordRange(manifest, word, word + (wantPrefix ? '\uffff' : '\u0000'));
      if (same.length || length < 2 * PART_MIN) return null;
      /* Loads the corpus words that start the word at each position a split can reach. */
      const known = {};
      const queue = [0];
      while (queue.length) {
        const position = queue.shift();
        if (known[position] || length - position < PART_MIN) continue;
        const head = chars.slice(position, position + PART_MIN).join('');
        const rest = chars.slice(position).join('');
        const entries = await this.wordRange(manifest, head, head + '\uffff');
        const starts = entries.filter((entry) => rest.indexOf(entry[0]) === 0 && entry[0] !== word && !stop[entry[0]])
          .map((entry) => [entry, Array.from(entry[0]).length]);
        starts.sort((a, b) => b[1] - a[1]);
        known[position] = starts;
        for (const [, partLength] of starts) {
          for (const link of LINKS) {
            const end = position + partLength;
            const next = end + Array.from(link).length;
            if (chars.slice(end, next).join('') === link && next < length) queue.push(next);
          }
        }
      }
      return splitParts(chars, known);
    }
    async exactTerm(manifest, word) {
      const entries = await this.wordRange(manifest, word, word + '\u0000');
      return entries.length ? entries[0][1] : null;
    }
    /* The terms a word of the query stands for, with their weights: the word itself, words it
     * starts (while typed), or else words one typo away. */
    async clauseTerms(manifest, word, prefix, seen) {
      const chars = Array.from(word);
      const wantPrefix = prefix && chars.length >= PREFIX_MIN;
      const entries = await this.wordRange(manifest, word, word + (wantPrefix ? '\uffff' : '\u0000'));
      const terms = [];
      const own = entries.find((entry) => entry[0] === word);
      function add(entry, weight) {
        seen[entry[0]] = true;
        if (!terms.some((term) => term[0] === entry[1])) terms.push([entry[1], weight]);
      }
      if (own) add(own, 1);
      if (wantPrefix) {
        entries.filter((entry) => entry[0] !== word).sort(byCountThenWord).slice(0, PREFIX_MAX)
          .forEach((entry) => add(entry, PREFIX_WEIGHT));
      }
      if (own || chars.length < TYPO_MIN) return terms;
      const all = await this.wordRange(manifest, chars[0], chars[0] + '\uffff');
      all.filter((entry) => oneEdit(word, entry[0])).sort(byCountThenWord).slice(0, TYPO_MAX)
        .forEach((entry) => add(entry, TYPO_WEIGHT));
      return terms;
    }

    /* Loads the next tier of a term (inline or from its file) and records its scores. */
    tier(manifest, term) {
      if (term.loading) return term.loading;
      const index = term.next;
      const tier = term.tiers[index];
      const data = tier.length === 2 ? this.get(manifest.termen.naam + '-' + tier[1]) : Promise.resolve([tier[1], tier[2]]);
      term.loading = data.then((loaded) => {
        recordTier(manifest, term, loaded);
        term.next = index + 1;
        term.loading = null;
      });
      return term.loading;
    }

    /* ---- ranking: the best pages with exact scores, loading impact tiers only as needed ----
     * A section's score is the sum over clauses of the best weighted term score; a term's
     * unloaded postings score at most its next tier's bound. Tiers are loaded until the `limit`
     * best pages have exact scores no other page can exceed. Returns [{page, score, sections}]. */
    async rank(manifest, clauses, visible, total, limit) {
      const units = unitsOf(manifest);
      const need = Math.min(limit, total);
      let visibleCount = 0;
      for (let unit = 0; unit < units.n; unit++) visibleCount += bitCount(visible[unit]);
      for (;;) {
        const round = this.rankRound(manifest, clauses, visible, total, limit, need, visibleCount);
        if (round.ranked) return round.ranked;
        await Promise.all(round.load.map((term) => this.tier(manifest, term)));
      }
    }
    /* One round of `rank` over the tiers loaded so far: {ranked: pages} when they are certain,
     * else {load: the terms whose next tier to load}. */
    rankRound(manifest, clauses, visible, total, limit, need, visibleCount) {
      const units = unitsOf(manifest);
      const bounds = clauses.map((clause) => clause.map((x) => f32(bound(manifest, x.t) * x.w)));
      let unseenBound = 0;
      for (const clauseBounds of bounds) unseenBound += Math.max(...clauseBounds);
      const want = new Set();
      const keys = [];
      let loaded = 0;
      for (const clause of clauses) for (const x of clause) loaded += x.t.keys.length;
      /* Candidates: every visible section when they are fewer than the loaded postings (their
       * unknown scores are bounded per term), else the visible sections with a loaded score. */
      if (visibleCount <= loaded) {
        for (let unit = 0; unit < units.n; unit++) {
          for (let bits = visible[unit]; bits; bits &= bits - 1) keys.push(unit * 32 + lowestBit(bits));
        }
      } else {
        const stamp = this._stamp && this._stamp.length === units.n * 32 ? this._stamp : (this._stamp = new Int32Array(units.n * 32));
        const generation = this._generation = (this._generation || 0) + 1;
        for (const clause of clauses) {
          for (const x of clause) {
            for (const key of x.t.keys) {
              if (stamp[key] !== generation && (visible[key >> 5] >>> (key & 31)) & 1) {
                stamp[key] = generation;
                keys.push(key);
              }
            }
          }
        }
      }
      const best = scratch(manifest, 'best', Float64Array, -Infinity);
      const upperOf = scratch(manifest, 'upper', Float64Array, -Infinity);
      const touched = [];
      const seenMask = scratch(manifest, 'seen', Int32Array);
      const open = [];
      const scoreOf = new Float64Array(keys.length);
      /* Scores candidate `at` (its score, or its bound when not exact, into scoreOf); `block`
       * gets the terms whose next tier would tell more. */
      function assess(at, block) {
        const unit = keys[at] >> 5;
        const section = keys[at] & 31;
        let score = 0;
        let upper = 0;
        let exact = true;
        for (let i = 0; i < clauses.length; i++) {
          const clause = clauses[i];
          let known = -1;
          let unknown = -1;
          let who = null;
          for (let j = 0; j < clause.length; j++) {
            const x = clause[j];
            let termScore = knownScore(x.t, unit, section);
            if (!Number.isNaN(termScore)) {
              if (termScore >= 0) {
                if (x.w !== 1) termScore = f32(termScore * x.w);
                if (termScore > known) known = termScore;
              }
            } else if (bounds[i][j] > unknown) {
              unknown = bounds[i][j];
              who = x.t;
            }
          }
          if (unknown > known) {
            exact = false;
            if (block) block.add(who);
          }
          score = f32(score + Math.max(known, 0));
          upper += Math.max(known, unknown);
        }
        scoreOf[at] = exact ? score : upper;
        return exact;
      }
      for (let k = 0; k < keys.length; k++) {
        const unit = keys[k] >> 5;
        const head = units.head[unit];
        seenMask[unit] |= 1 << (keys[k] & 31);
        if (best[head] === -Infinity && upperOf[head] === -Infinity) touched.push(head);
        if (assess(k, null)) {
          if (scoreOf[k] > best[head]) best[head] = scoreOf[k];
        } else {
          open.push(k);
          if (scoreOf[k] > upperOf[head]) upperOf[head] = scoreOf[k];
        }
      }
      for (let unit = 0; unit < units.n; unit++) {
        if (visible[unit] & ~seenMask[unit]) {
          const head = units.head[unit];
          if (best[head] > -Infinity || upperOf[head] > -Infinity) upperOf[head] = Math.max(upperOf[head], unseenBound);
        }
      }
      /* The `need` best pages with exact scores (best first), and the highest bound of the rest. */
      const top = [];
      let rest = touched.length < total ? unseenBound : -Infinity;
      const better = (a, b) => best[a] > best[b] || (best[a] === best[b] && a < b);
      for (const page of touched) {
        if (best[page] < upperOf[page]) {
          rest = Math.max(rest, upperOf[page]);
          continue;
        }
        if (top.length === limit && !better(page, top[limit - 1])) continue;
        let at = top.length;
        while (at > 0 && better(page, top[at - 1])) at--;
        top.splice(at, 0, page);
        if (top.length > limit) top.pop();
      }
      const cut = need && top.length >= need ? best[top[need - 1]] : -Infinity;
      const more = [];
      for (const clause of clauses) for (const x of clause) if (x.t.next < x.t.tiers.length) more.push(x.t);
      if (need === 0 || (top.length >= need && cut >= rest) || !more.length) {
        const sections = new Map();
        for (const page of top) sections.set(page, []);
        keys.forEach((key, at) => {
          const list = sections.get(units.head[key >> 5]);
          if (list) list.push({ unit: key >> 5, sec: key & 31, score: scoreOf[at] });
        });
        const ranked = top.map((page) => {
          const list = sections.get(page);
          list.sort((a, b) => b.score - a.score || a.unit - b.unit || a.sec - b.sec);
          return { page, score: best[page], sections: list };
        });
        return { ranked };
      }
      /* Load the next tier of the terms that keep a section open, or that bound unseen ones. */
      for (const at of open) if (scoreOf[at] > cut) assess(at, want);
      if (unseenBound > cut) {
        clauses.forEach((clause, clauseIndex) => {
          let highest = 0;
          let who = null;
          clause.forEach((x, termIndex) => {
            if (bounds[clauseIndex][termIndex] > highest) {
              highest = bounds[clauseIndex][termIndex];
              who = x.t;
            }
          });
          if (who) want.add(who);
        });
      }
      const wanted = more.filter((term) => want.has(term));
      return { load: wanted.length ? wanted : more };
    }

    /* The plan's terms loaded: {clauses: [[{t, w}]], excluded: [t]}, or null when nothing matches. */
    async resolve(manifest, plan) {
      if (!plan.must.length || plan.must.some((clause) => !clause.terms.length)) return null;
      const clauses = Promise.all(plan.must.map(async (clause) => {
        const terms = await Promise.all(clause.terms.map((term) => this.term(manifest, term[0])));
        const out = [];
        terms.forEach((term, index) => {
          if (term) out.push({ t: term, w: clause.terms[index][1] });
        });
        await Promise.all(out.map((x) => (x.t.next ? null : this.tier(manifest, x.t))));
        return out;
      }));
      const excluded = Promise.all(plan.mustNot.map((term) => this.term(manifest, term)));
      const [loaded, without] = await Promise.all([clauses, excluded]);
      if (loaded.some((clause) => !clause.length)) return null;
      return { clauses: loaded, excluded: without.filter(Boolean) };
    }

    /* request: {query, level, role, kind, expertise, limit} -> results like SearchResults in results.rs. */
    async search(request) {
      const limit = request.limit || 10;
      const bad = checkQuery(String(request.query));
      if (bad) throw new QueryError(bad);
      const manifest = await this.manifest();
      const filter = {
        kind: request.kind == null ? null : manifest.types.indexOf(kindAlias(request.kind)),
        level: request.level ? manifest.niveaus.indexOf(request.level) : null,
        role: request.role ? manifest.rollen.indexOf(request.role) : null,
        expertise: request.expertise ? expertiseOf(manifest, request.expertise) : null
      };
      const editors = manifest.types.indexOf('redactie');
      filter.demote = editors >= 0 && filter.kind !== editors ? editors : null;
      const plan = await this.plan(request.query);
      const result = { query: request.query, total: 0, hits: [], facets: { type: [], level: [], role: [], expertise: [] }, plan };
      const query = await this.resolve(manifest, plan);
      let top = [];
      if (query) {
        const counted = facetCounts(manifest, matchMasks(manifest, query.clauses, query.excluded), filter);
        result.total = counted.total;
        result.facets = counted.facets;
        if (!counted.low) {
          top = await this.rank(manifest, query.clauses, counted.visible, counted.total, limit);
        } else {
          /* Editors' pages after every other match (results.rs: `Filter::demote`). */
          const main = counted.visible.map((mask, unit) => mask & ~counted.demoted[unit]);
          top = await this.rank(manifest, query.clauses, main, counted.total - counted.low, limit);
          if (top.length < limit) {
            top = top.concat(await this.rank(manifest, query.clauses, counted.demoted, counted.low, limit - top.length));
          }
        }
      }
      if (request.texts === false) {
        result.hits = top.map((ranked) => ({ page: ranked.page, score: ranked.score }));
        return result;
      }
      const texts = await Promise.all(top.map((ranked) => this.get(textsOf(manifest, ranked.page))));
      result.hits = top.map((ranked, index) => hitOf(manifest, plan, ranked, texts[index]));
      return result;
    }
    /* Display names of the expertise areas: id -> title. */
    async expertiseNames() {
      const manifest = await this.manifest();
      const out = {};
      (manifest.expertise || []).forEach((id, index) => {
        out[id] = (manifest.expertiseNamen || [])[index] || id;
      });
      return out;
    }
  }

  const api = {
    Engine, checkQuery, QueryError, fold, words, escapeHtml, oneEdit, decode, parse, snippet,
    GLOBAL: DATA_GLOBAL
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else if (!root.HandboekZoek) root.HandboekZoek = api;
})(typeof self !== 'undefined' ? self : this);
