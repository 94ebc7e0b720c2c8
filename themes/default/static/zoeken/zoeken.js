/* Handboek zoeken, the page: the search form in the header (a list of suggestions while typing)
 * and the full search page (#zoekpagina), on top of the engine (engine.js, the global
 * `HandboekZoek`), which must be loaded before this script. A classic `defer` script (file://
 * needs one); its `data-zoek-index` attribute gives the URL of the static index. */
(function (root) {
  'use strict';

  const zoek = root.HandboekZoek;
  if (typeof document === 'undefined' || !zoek || zoek.uiStarted) return;
  zoek.uiStarted = true;
  const { Engine, QueryError, escapeHtml } = zoek;
  const DATA_GLOBAL = zoek.GLOBAL;
  const KINDS = {
    handboek: 'Handboek', functiefamilie: 'Functiefamilie', expertisegebieden: 'Expertisegebieden',
    dilemmas: 'Dilemma\u2019s', functieprofiel: 'Functieprofielen', vergelijking: 'Vergelijkingen',
    overzicht: 'Overzichten', redactie: 'Voor redacteuren', '': 'Overig'
  };
  const script = document.currentScript;

  /* Loads an index file the way the site works from disk too: a <script> that registers its
   * data under `self[DATA_GLOBAL][name]`. */
  function scriptLoader(base) {
    return function load(name) {
      return new Promise((resolve, reject) => {
        const store = root[DATA_GLOBAL] || {};
        if (store[name]) return resolve(store[name]);
        const element = document.createElement('script');
        element.src = base + name + '.js';
        element.onload = () => {
          const data = (root[DATA_GLOBAL] || {})[name];
          element.remove();
          if (data) resolve(data);
          else reject(new Error(name));
        };
        element.onerror = () => {
          element.remove();
          reject(new Error('zoekindex niet geladen: ' + name));
        };
        document.head.appendChild(element);
      });
    };
  }

  /* "mijn niveau en rol": from the URL, else from localStorage; "" in the URL means all. */
  function myFilter() {
    const params = new URLSearchParams(location.search);
    let stored = {};
    try {
      stored = JSON.parse(localStorage.getItem('handboek.filter') || '{}') || {};
    } catch (e) {
      stored = {};
    }
    const pick = (key) => (params.has(key) ? params.get(key) || null : stored[key] || null);
    return { niveau: pick('niveau'), rol: pick('rol'), type: params.get('type') || null, expertise: params.get('expertise') || null };
  }
  function request(query, filter, limit) {
    return { query, level: filter.niveau, role: filter.rol, kind: filter.type, expertise: filter.expertise, limit };
  }
  function failure(error) {
    return error instanceof QueryError ? error.message : 'Zoeken is niet beschikbaar.';
  }
  function resultTitle(hit) {
    return escapeHtml(hit.pageTitle) + (hit.heading ? ' \u203a ' + escapeHtml(hit.heading) : '');
  }
  /* The kind of a result, then where it is below the home page, without saying the same name
   * twice ("Dilemma's" is both a kind and a section). */
  function breadcrumb(hit) {
    const kind = KINDS[hit.collection] || hit.collection;
    const seen = {};
    const parts = [];
    for (const part of [kind].concat(hit.breadcrumb.slice(1))) {
      const key = String(part).toLowerCase().replace(/[\u2018\u2019]/g, "'");
      if (part && !seen[key]) {
        seen[key] = true;
        parts.push(escapeHtml(part));
      }
    }
    return parts.join(' \u203a ');
  }

  function start() {
    const field = document.getElementById('zoekveld');
    const form = field && field.form;
    const pageField = document.getElementById('zoekpagina-veld');
    const configured = script && script.getAttribute('data-zoek-index');
    let base;
    if (configured) base = new URL(configured, location.href).href;
    else if (form) base = new URL('index/', form.action).href;
    else base = new URL('zoeken/index/', location.href).href;
    const site = {
      engine: new Engine(scriptLoader(base)),
      root: new URL('../../', base).href,
      onDisk: location.protocol === 'file:'
    };
    document.addEventListener('keydown', (event) => {
      const target = event.target;
      const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        const searchField = pageField || field;
        if (searchField) {
          event.preventDefault();
          searchField.focus();
          searchField.select();
        }
      }
    });
    if (field && form && !pageField) suggestions(site, field, form);
    if (pageField) searchPage(site, pageField);
  }

  /* The URL of a result, from the site root; a folder gets its index.html from disk. */
  function link(site, url) {
    const hash = url.indexOf('#');
    let path = hash < 0 ? url : url.slice(0, hash);
    const fragment = hash < 0 ? '' : url.slice(hash);
    if (site.onDisk && (path === '' || path.slice(-1) === '/')) path += 'index.html';
    return site.root + path + fragment;
  }
  /* The URL of the search page with these parameters (null ones left out). */
  function searchPageUrl(site, params) {
    const query = Object.keys(params).filter((key) => params[key] != null)
      .map((key) => key + '=' + encodeURIComponent(params[key])).join('&');
    return site.root + 'zoeken/' + (site.onDisk ? 'index.html' : '') + (query ? '?' + query : '');
  }

  /* The header's field: suggestions while typing, in the ARIA 1.2 combobox pattern (the field
   * keeps the focus, the options are pointed at with aria-activedescendant). */
  function suggestions(site, field, form) {
    const list = document.createElement('div');
    let active = -1;
    let timer = null;
    let latest = 0;
    list.id = 'zoek-suggesties';
    list.className = 'zoek-suggesties';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Zoeksuggesties');
    list.hidden = true;
    form.appendChild(list);
    field.setAttribute('role', 'combobox');
    field.setAttribute('aria-autocomplete', 'list');
    field.setAttribute('autocomplete', 'off');
    field.setAttribute('aria-controls', list.id);
    field.setAttribute('aria-expanded', 'false');
    const options = () => list.querySelectorAll('a[role="option"]');
    function show(on) {
      list.hidden = !on;
      field.setAttribute('aria-expanded', on ? 'true' : 'false');
      if (!on) active = -1;
    }
    function mark(index) {
      const all = options();
      active = Math.max(-1, Math.min(index, all.length - 1));
      all.forEach((option, at) => option.setAttribute('aria-selected', at === active ? 'true' : 'false'));
      if (active >= 0) {
        field.setAttribute('aria-activedescendant', all[active].id);
        if (all[active].scrollIntoView) all[active].scrollIntoView({ block: 'nearest' });
      } else {
        field.removeAttribute('aria-activedescendant');
      }
    }
    function listHtml(results, query, filter) {
      let optionId = 0;
      const html = results.hits.map((hit) => {
        const first = '<a class="zoek-suggestie" role="option" tabindex="-1" id="zs-' + (optionId++) + '" href="' + escapeHtml(link(site, hit.url)) + '">' +
          '<span class="zoek-titel">' + resultTitle(hit) + '</span><span class="zoek-fragment">' + hit.snippetHtml + '</span></a>';
        const sections = hit.sections.map((section) =>
          '<a class="zoek-sub" role="option" tabindex="-1" id="zs-' + (optionId++) + '" href="' + escapeHtml(link(site, section.url)) + '">' + escapeHtml(section.heading) + '</a>').join('');
        return '<div class="zoek-groep" role="presentation">' + first + sections + '</div>';
      }).join('');
      const all = searchPageUrl(site, { q: query, niveau: filter.niveau, rol: filter.rol });
      const note = filter.niveau || filter.rol ? ' (niveau ' + escapeHtml(filter.niveau || 'alle') + ', rol ' + escapeHtml(filter.rol || 'alle') + ')' : '';
      return (html || '<p class="zoek-leeg" role="option" aria-disabled="true">Geen resultaten' + note + '.</p>') +
        '<a class="zoek-alles" role="option" tabindex="-1" id="zs-' + optionId + '" href="' + escapeHtml(all) + '">Alle resultaten (' + results.total + ')' + note + '</a>';
    }
    function run() {
      const query = field.value;
      const mine = ++latest;
      const filter = myFilter();
      if (!query.trim()) {
        show(false);
        return;
      }
      site.engine.search(request(query, filter, 6)).then((results) => {
        if (mine !== latest) return;
        list.innerHTML = listHtml(results, query, filter);
        show(true);
        mark(-1);
      }, (error) => {
        if (mine !== latest) return;
        list.innerHTML = '<p class="zoek-leeg" role="option" aria-disabled="true">' + escapeHtml(failure(error)) + '</p>';
        show(true);
      });
    }
    field.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    field.addEventListener('focus', () => {
      site.engine.manifest();
    });
    field.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (list.hidden) return;
        event.preventDefault();
        mark(active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if (event.key === 'Escape') {
        show(false);
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        location.href = options()[active].getAttribute('href');
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const filter = myFilter();
      location.href = searchPageUrl(site, { q: field.value, niveau: filter.niveau, rol: filter.rol });
    });
    document.addEventListener('click', (event) => {
      if (!form.contains(event.target)) show(false);
    });
  }

  /* The full search page: results, facets and the query in the URL. */
  function searchPage(site, input) {
    const facetsElement = document.getElementById('zoek-facetten');
    const status = document.getElementById('zoek-status');
    const results = document.getElementById('zoek-resultaten');
    /* The facets sit in a <details>: open on wide screens, folded on a phone so the results
     * come first; hidden while there is nothing to refine. */
    const refine = document.getElementById('zoek-verfijnen');
    if (refine && root.matchMedia && root.matchMedia('(max-width: 39.99em)').matches) refine.open = false;
    const filter = myFilter();
    let timer = null;
    let latest = 0;
    input.value = new URLSearchParams(location.search).get('q') || '';
    function showRefine() {
      if (refine) refine.hidden = !facetsElement.innerHTML;
    }
    /* Query, type and expertise live in the URL here; niveau and rol are the reader's choice,
     * which filter.js keeps (in the URL too): left as they are. */
    function sync() {
      const params = new URLSearchParams(location.search);
      params.set('q', input.value);
      if (filter.type !== null) params.set('type', filter.type);
      else params.delete('type');
      if (filter.expertise !== null) params.set('expertise', filter.expertise);
      else params.delete('expertise');
      try {
        history.replaceState(null, '', '?' + params.toString());
      } catch (e) {
        /* file:// may refuse */
      }
    }
    function facetGroup(label, dimension, counts, names) {
      const current = filter[dimension];
      const buttons = counts.map((count) => {
        const on = current === count.value;
        return '<button type="button" class="zoek-facet" data-dim="' + dimension + '" data-value="' + escapeHtml(count.value) + '" aria-pressed="' + on + '">' +
          escapeHtml(names ? names[count.value] || count.value : count.value) + ' <span class="zoek-aantal">' + count.count + '</span></button>';
      }).join('');
      const all = '<button type="button" class="zoek-facet" data-dim="' + dimension + '" data-value="" aria-pressed="' + (current === null) + '">Alle</button>';
      return '<fieldset class="zoek-facetgroep"><legend>' + label + '</legend>' + all + buttons + '</fieldset>';
    }
    /* Roles by their names, as the header's choice shows them. */
    function roleNames() {
      const names = {};
      for (const option of document.querySelectorAll('select[data-filter="rol"] option')) {
        if (option.value) names[option.value] = option.textContent.trim();
      }
      return names;
    }
    function resultHtml(hit) {
      const sections = hit.sections.map((section) =>
        '<li><a href="' + escapeHtml(link(site, section.url)) + '">' + escapeHtml(section.heading) + '</a> <span class="zoek-fragment">' + section.snippetHtml + '</span></li>').join('');
      return '<li class="zoek-resultaat"><a class="zoek-link" href="' + escapeHtml(link(site, hit.url)) + '">' + resultTitle(hit) + '</a>' +
        '<p class="zoek-kruimel">' + breadcrumb(hit) + '</p>' +
        '<p class="zoek-fragment">' + hit.snippetHtml + '</p>' + (sections ? '<ul class="zoek-subs">' + sections + '</ul>' : '') + '</li>';
    }
    function show(found, areaNames) {
      const kinds = found.facets.type.map((count) => ({ value: count.value, count: count.count }));
      const roles = roleNames();
      facetsElement.innerHTML = facetGroup('Type', 'type', kinds, KINDS) + facetGroup('Niveau', 'niveau', found.facets.level) + facetGroup('Rol', 'rol', found.facets.role, roles) +
        (found.facets.expertise.length || filter.expertise ? facetGroup('Expertise', 'expertise', found.facets.expertise, areaNames) : '');
      showRefine();
      const chosen = document.getElementById('zoek-verfijnd');
      if (chosen) {
        const on = [];
        if (filter.type !== null) on.push(KINDS[filter.type] || filter.type);
        if (filter.niveau) on.push('niveau ' + filter.niveau);
        if (filter.rol) on.push('rol ' + (roles[filter.rol] || filter.rol));
        if (filter.expertise) on.push(areaNames[filter.expertise] || filter.expertise);
        chosen.textContent = on.length ? ': ' + on.join(', ') : '';
      }
      status.textContent = found.total === 0 ? 'Geen resultaten.' : found.total + (found.total === 1 ? ' pagina' : ' pagina\u2019s') + ' gevonden.';
      results.innerHTML = found.hits.map(resultHtml).join('');
    }
    function run() {
      const query = input.value;
      const mine = ++latest;
      sync();
      if (!query.trim()) {
        results.innerHTML = '';
        facetsElement.innerHTML = '';
        status.textContent = '';
        showRefine();
        return;
      }
      Promise.all([site.engine.search(request(query, filter, 50)), site.engine.expertiseNames()]).then(([found, areaNames]) => {
        if (mine === latest) show(found, areaNames);
      }, (error) => {
        if (mine !== latest) return;
        status.textContent = failure(error);
        if (error instanceof QueryError) {
          results.innerHTML = '';
          facetsElement.innerHTML = '';
        }
      });
    }
    facetsElement.addEventListener('click', (event) => {
      const button = event.target.closest && event.target.closest('button[data-dim]');
      if (!button) return;
      const dimension = button.getAttribute('data-dim');
      const value = button.getAttribute('data-value') || null;
      if (dimension === 'niveau' || dimension === 'rol') {
        /* The reader's level and role: filter.js stores them, updates the header and the
         * filter bar, and answers with "handboek:filter" (below). Without it: only here. */
        const detail = { [dimension]: value };
        if (!document.dispatchEvent(new CustomEvent('handboek:kies', { detail, cancelable: true }))) return;
      }
      filter[dimension] = value;
      run();
    });
    document.addEventListener('handboek:filter', (event) => {
      const detail = event.detail || {};
      if ((detail.niveau || null) === filter.niveau && (detail.rol || null) === filter.rol) return;
      filter.niveau = detail.niveau || null;
      filter.rol = detail.rol || null;
      run();
    });
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    input.form.addEventListener('submit', (event) => {
      event.preventDefault();
      run();
    });
    run();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})(typeof self !== 'undefined' ? self : this);
