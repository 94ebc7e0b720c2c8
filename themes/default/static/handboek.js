// handboek.js: small, dependency-free and progressive. Every page works without it.
//
// Loaded with <script defer>, not type="module": browsers refuse module scripts from file://
// URLs, and a copy of the site opened from disk (a network share) is exactly where the link fix
// below is needed. The code has no imports or exports and defines no globals, so it runs as a
// module too.
(function () {
  'use strict';

  const doc = document;
  const root = doc.documentElement;
  root.classList.add('js');

  // ---- 1. Opened from disk: folder links ("map/") become "map/index.html". ----

  const opSchijf = location.protocol === 'file:';
  if (opSchijf) {
    root.setAttribute('data-bron', 'bestand');
  }

  /** The link as it must be on disk, or null when it needs no change. */
  function naarIndex(href) {
    if (!href) return null;
    // Only relative links: no scheme (http:, mailto:, file:), not protocol-relative, not absolute.
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === '/') return null;
    const rest = href.search(/[?#]/);
    let pad = rest === -1 ? href : href.slice(0, rest);
    const staart = rest === -1 ? '' : href.slice(rest);
    if (pad === '') return null; // "#kopje" or "?q=…": this same page
    if (pad === '.' || pad === '..') pad += '/';
    if (pad.charAt(pad.length - 1) !== '/') return null;
    return pad + 'index.html' + staart;
  }

  function herschrijf(el, attr) {
    const nieuw = naarIndex(el.getAttribute(attr));
    if (nieuw !== null) el.setAttribute(attr, nieuw);
  }

  if (opSchijf) {
    const links = doc.querySelectorAll('a[href], area[href]');
    for (let i = 0; i < links.length; i++) herschrijf(links[i], 'href');
    const forms = doc.querySelectorAll('form[action]');
    for (let j = 0; j < forms.length; j++) herschrijf(forms[j], 'action');
    // Links that other scripts add later (search results, filters) are fixed when followed.
    const bijKlik = function (e) {
      const a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
      if (a) herschrijf(a, 'href');
    };
    doc.addEventListener('click', bijKlik, true);
    doc.addEventListener('auxclick', bijKlik, true);
  }

  // ---- 2. The menu: a <details> that is a toggle on phones and a fixed sidebar on wide screens. ----

  const menu = doc.querySelector('details.menu');
  if (menu) {
    menu.classList.add('menu-js');
    const breed = window.matchMedia('(min-width: 60em)');
    const pasAan = function () {
      menu.open = breed.matches;
    };
    pasAan();
    if (breed.addEventListener) breed.addEventListener('change', pasAan);
    else if (breed.addListener) breed.addListener(pasAan);

    // Escape closes the open menu on a phone and puts the focus back on its toggle.
    menu.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && menu.open && !breed.matches) {
        menu.open = false;
        const summary = menu.querySelector('summary');
        if (summary) summary.focus();
      }
    });
  }

  // ---- 3. Wide tables scroll sideways: make them reachable by keyboard when they do. ----

  // Tables of the text get a tab stop only while they scroll; the boxes around the tables of
  // the views (.tabel-scroll) always have one and only get the class that shows a hint.
  const tabellen = doc.querySelectorAll('.tekst table, .tabel-scroll');
  const markeerScrollbaar = function () {
    for (let k = 0; k < tabellen.length; k++) {
      const t = tabellen[k];
      const vast = t.classList.contains('tabel-scroll');
      if (t.scrollWidth > t.clientWidth + 1) {
        if (!vast) {
          t.setAttribute('tabindex', '0');
          // A tab stop needs a name: the caption, else what it is.
          if (!t.caption && !t.hasAttribute('aria-label')) t.setAttribute('aria-label', 'Tabel, schuift opzij');
        }
        t.classList.add('scrollbaar');
      } else if (t.classList.contains('scrollbaar')) {
        if (!vast) t.removeAttribute('tabindex');
        t.classList.remove('scrollbaar');
      }
    }
  };
  if (tabellen.length) {
    markeerScrollbaar();
    let wacht;
    window.addEventListener('resize', function () {
      clearTimeout(wacht);
      wacht = setTimeout(markeerScrollbaar, 150);
    });
  }
  // ---- 4. Printing: every folded part unfolded, and the page's full address in the footer. ----

  // <details> in the content are opened for the print and shut again afterwards.
  let geopend = [];
  // The footer shows the address of the page: base_url + path when base_url names a host,
  // else the address the page was opened at (base_url "/" says nothing on paper).
  // A constructed style sheet, not a <style> element: the site runs under a CSP without
  // 'unsafe-inline', which blocks <style> elements but not style sheets built with the CSSOM.
  const voetStijl = typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in doc &&
    'replaceSync' in CSSStyleSheet.prototype ? new CSSStyleSheet({ media: 'print' }) : null;
  const volledigAdres = function () {
    const canon = doc.querySelector('link[rel="canonical"]');
    const c = canon ? canon.getAttribute('href') || '' : '';
    return /^https?:\/\//i.test(c) ? c : location.href;
  };
  const cssTekst = function (s) {
    return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ') + '"';
  };
  const voorAfdruk = function () {
    const dichte = doc.querySelectorAll('main details:not([open])');
    for (let d = 0; d < dichte.length; d++) {
      dichte[d].open = true;
      geopend.push(dichte[d]);
    }
    if (voetStijl) {
      voetStijl.replaceSync('@page { @bottom-left { content: ' + cssTekst(volledigAdres()) +
        '; font-size: 8pt; } }');
      if (doc.adoptedStyleSheets.indexOf(voetStijl) === -1) {
        doc.adoptedStyleSheets = doc.adoptedStyleSheets.concat([voetStijl]);
      }
    }
  };
  const naAfdruk = function () {
    for (let d = 0; d < geopend.length; d++) geopend[d].open = false;
    geopend = [];
  };
  window.addEventListener('beforeprint', voorAfdruk);
  window.addEventListener('afterprint', naAfdruk);
})();
