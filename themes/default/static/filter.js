// "Mijn niveau en rol": a choice kept in the browser (localStorage `handboek.filter`, JSON
// {"niveau":"B","rol":"hr-adviseur"}) and in the URL (?niveau=B&rol=hr-adviseur). It hides list
// items whose data-niveaus / data-rollen do not match, marks and folds ::: niveau / ::: rol
// passages that do not apply (class niet-van-toepassing) and shows a bar to clear the filter.
// A link with another choice in its URL (a colleague's link) shows that choice without storing
// it; the bar offers to keep it or to go back to the reader's own choice.
// The search page talks to this script with two events on document: "handboek:kies" (detail
// {niveau} or {rol}: a facet chosen there) and "handboek:filter" (detail: the choice shown).
// Without JavaScript every page is complete; nothing here is needed to read the site.
(function () {
  "use strict";

  var KEY = "handboek.filter";
  var FIELDS = ["niveau", "rol"];
  // The list items and table rows the choice filters (passages are marked, not hidden).
  var ITEMS = "li[data-niveaus], li[data-rollen], li[data-expertise], tr[data-niveaus], tr[data-rollen], tr[data-expertise]";

  function clean(state) {
    var out = {};
    FIELDS.forEach(function (f) {
      if (state && typeof state[f] === "string" && state[f] !== "") out[f] = state[f];
    });
    return out;
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    var found = false;
    FIELDS.forEach(function (f) {
      if (params.has(f)) {
        found = true;
        state[f] = params.get(f);
      }
    });
    return found ? clean(state) : null;
  }

  function fromStorage() {
    try {
      return clean(JSON.parse(window.localStorage.getItem(KEY) || "{}"));
    } catch (e) {
      return {};
    }
  }

  function same(a, b) {
    return (a.niveau || "") === (b.niveau || "") && (a.rol || "") === (b.rol || "");
  }

  function save(state) {
    try {
      if (state.niveau || state.rol) window.localStorage.setItem(KEY, JSON.stringify(state));
      else window.localStorage.removeItem(KEY);
    } catch (e) {
      // Storage may be off (private mode); the URL still carries the choice.
    }
    showInUrl(state);
  }

  function showInUrl(state) {
    var url = new URL(window.location.href);
    FIELDS.forEach(function (f) {
      if (state[f]) url.searchParams.set(f, state[f]);
      else url.searchParams.delete(f);
    });
    if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
  }

  function words(el, attr) {
    var v = el.getAttribute(attr);
    return v === null ? null : v.split(/\s+/).filter(Boolean);
  }

  // Whether an element with data-niveaus / data-rollen applies to the choice; an attribute that
  // is absent or empty means "for everyone".
  function applies(el, state, local) {
    var pairs = [["data-niveaus", state.niveau], ["data-rollen", state.rol], ["data-expertise", local]];
    return pairs.every(function (p) {
      if (!p[1]) return true;
      var list = words(el, p[0]);
      return list === null || list.length === 0 || list.indexOf(p[1]) !== -1;
    });
  }

  function localExpertise() {
    var sel = document.querySelector('select[data-filter="expertise"]');
    return sel ? sel.value : "";
  }

  function label(kind, id, short) {
    var sel = document.querySelector('select[data-filter="' + kind + '"]');
    if (sel && !short) {
      for (var i = 0; i < sel.options.length; i++) {
        if (sel.options[i].value === id) return sel.options[i].textContent.trim();
      }
    }
    return id;
  }

  function apply(state) {
    var local = localExpertise();
    document.querySelectorAll(ITEMS).forEach(function (el) {
      el.hidden = !applies(el, state, local);
    });
    document.querySelectorAll("div.voor").forEach(function (el) {
      var nvt = !applies(el, state, "");
      var open = el.getAttribute("data-open") === "ja";
      el.classList.toggle("niet-van-toepassing", nvt);
      el.classList.toggle("ingeklapt", nvt && !open);
      var knop = el.querySelector(".voor-knop");
      if (knop) {
        knop.hidden = !nvt;
        knop.setAttribute("aria-expanded", open ? "true" : "false");
        knop.textContent = open ? "inklappen" : "toch tonen";
      }
    });
    document.querySelectorAll("[data-filter-groep]").forEach(function (groep) {
      var shown = 0;
      var total = 0;
      groep.querySelectorAll(ITEMS).forEach(function (el) {
        var outer = el.parentElement && el.parentElement.closest(ITEMS);
        if (outer && groep.contains(outer)) return;
        total++;
        if (!el.hidden) shown++;
      });
      groep.querySelectorAll("[data-telling]").forEach(function (t) {
        t.textContent = shown === total ? String(total) : shown + " van " + total;
      });
      groep.querySelectorAll(".filter-leeg").forEach(function (leeg) {
        leeg.hidden = shown !== 0 || total === 0;
      });
    });
    document.querySelectorAll('select[data-filter="niveau"]').forEach(function (s) {
      s.value = state.niveau || "";
    });
    document.querySelectorAll('select[data-filter="rol"]').forEach(function (s) {
      s.value = state.rol || "";
    });
    document.querySelectorAll(".filterkeuze-stand").forEach(function (el) {
      var kort = [];
      if (state.niveau) kort.push(state.niveau);
      if (state.rol) kort.push(label("rol", state.rol));
      el.textContent = kort.join(" · ");
    });
    bar(state);
    document.dispatchEvent(new CustomEvent("handboek:filter", { detail: { niveau: state.niveau || null, rol: state.rol || null } }));
  }

  function describe(state, sep) {
    var parts = [];
    if (state.niveau) parts.push("niveau " + label("niveau", state.niveau, true));
    if (state.rol) parts.push("rol " + label("rol", state.rol));
    return parts.join(sep);
  }

  function button(cls, text, onClick) {
    var knop = document.createElement("button");
    knop.type = "button";
    knop.className = cls;
    knop.textContent = text;
    knop.addEventListener("click", onClick);
    return knop;
  }

  function bar(state) {
    var main = document.getElementById("inhoud") || document.body;
    var el = document.getElementById("filterbalk");
    if (!state.niveau && !state.rol && !shared) {
      if (el) el.hidden = true;
      return;
    }
    if (!el) {
      el = document.createElement("div");
      el.id = "filterbalk";
      el.className = "filterbalk";
      el.setAttribute("role", "status");
      main.insertBefore(el, main.firstChild);
    }
    el.textContent = "";
    var tekst = document.createElement("span");
    tekst.className = "filterbalk-tekst";
    var wat = describe(state, ", ") || "alle niveaus en rollen";
    tekst.textContent = shared ? "Gedeelde link: " + wat : "Filter: " + wat;
    el.appendChild(tekst);
    if (shared) {
      var eigen = describe(stored, ", ");
      var uitleg = document.createElement("span");
      uitleg.className = "filterbalk-uitleg";
      uitleg.textContent = eigen ? "Jouw eigen keuze (" + eigen + ") blijft bewaard." : "Je eigen keuze is niet veranderd.";
      el.appendChild(uitleg);
    }
    var knoppen = document.createElement("span");
    knoppen.className = "filterbalk-knoppen";
    if (state.niveau || state.rol) {
      knoppen.appendChild(button("filterbalk-knop", "alles tonen", function () {
        choose({});
      }));
    }
    if (shared) {
      if (state.niveau || state.rol) {
        knoppen.appendChild(button("filterbalk-bewaar", "als mijn keuze bewaren", function () {
          choose(current);
        }));
      }
      if (stored.niveau || stored.rol) {
        knoppen.appendChild(button("filterbalk-terug", "terug naar mijn keuze", function () {
          choose(stored);
        }));
      }
    }
    el.appendChild(knoppen);
    el.hidden = false;
  }

  var current = {}; // the choice the page shows
  var stored = {}; // the reader's own choice, kept in localStorage
  var shared = false; // the URL brought another choice than the stored one

  function choose(state) {
    current = clean(state);
    stored = current;
    shared = false;
    save(current);
    apply(current);
  }

  function bind() {
    document.querySelectorAll('select[data-filter="niveau"], select[data-filter="rol"]').forEach(function (s) {
      s.addEventListener("change", function () {
        var next = { niveau: current.niveau, rol: current.rol };
        next[s.getAttribute("data-filter")] = s.value;
        choose(next);
      });
    });
    var exp = document.querySelector('select[data-filter="expertise"]');
    if (exp) {
      var params = new URLSearchParams(window.location.search);
      if (params.get("expertise")) exp.value = params.get("expertise");
      exp.addEventListener("change", function () {
        var url = new URL(window.location.href);
        if (exp.value) url.searchParams.set("expertise", exp.value);
        else url.searchParams.delete("expertise");
        window.history.replaceState(null, "", url.href);
        apply(current);
      });
    }
    document.querySelectorAll("form[data-filter-formulier]").forEach(function (f) {
      f.hidden = false;
      f.addEventListener("submit", function (e) {
        e.preventDefault();
      });
    });
    var keuze = document.getElementById("filterkeuze");
    if (keuze && keuze.querySelector("select")) {
      keuze.hidden = false;
      var form = keuze.querySelector("form");
      if (form) {
        form.addEventListener("submit", function (e) {
          e.preventDefault();
        });
      }
    }
    document.querySelectorAll("form[data-vergelijk]").forEach(function (f) {
      f.addEventListener("submit", function (e) {
        var van = f.elements.namedItem("van");
        var naar = f.elements.namedItem("naar");
        var melding = f.querySelector(".kiezer-melding");
        if (!van || !naar) return;
        e.preventDefault();
        if (van.value === naar.value) {
          if (melding) melding.hidden = false;
          return;
        }
        var map = f.getAttribute("data-vergelijk") + van.value + "-" + naar.value + "/";
        // Opened from disk a folder is not a page: go to its index.html.
        window.location.href = window.location.protocol === "file:" ? map + "index.html" : map;
      });
    });
    document.querySelectorAll("div.voor").forEach(function (el) {
      var kop = el.querySelector(".voor-label");
      if (!kop) return;
      var knop = document.createElement("button");
      knop.type = "button";
      knop.className = "voor-knop";
      knop.hidden = true;
      knop.addEventListener("click", function () {
        el.setAttribute("data-open", el.getAttribute("data-open") === "ja" ? "nee" : "ja");
        apply(current);
      });
      kop.appendChild(document.createTextNode(" "));
      kop.appendChild(knop);
    });
  }

  // On wide screens the header's choice is always open; on a phone it folds behind its summary.
  function fold() {
    var uitklap = document.querySelector(".filterkeuze-uitklap");
    if (!uitklap || !window.matchMedia) return;
    var breed = window.matchMedia("(min-width: 40em)");
    var pasAan = function () {
      uitklap.open = breed.matches;
    };
    pasAan();
    if (breed.addEventListener) breed.addEventListener("change", pasAan);
    uitklap.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && uitklap.open && !breed.matches) {
        uitklap.open = false;
        var kop = uitklap.querySelector("summary");
        if (kop) kop.focus();
      }
    });
  }

  function start() {
    stored = fromStorage();
    var url = fromUrl();
    shared = url !== null && !same(url, stored);
    current = shared ? url : stored;
    bind();
    fold();
    if (!shared) showInUrl(current);
    apply(current);
  }

  window.addEventListener("storage", function (e) {
    if (e.key !== KEY) return;
    stored = fromStorage();
    if (!shared) current = stored;
    apply(current);
  });

  // A level or role chosen on the search page is the reader's choice, as in the header.
  document.addEventListener("handboek:kies", function (e) {
    var d = e.detail || {};
    var next = { niveau: current.niveau, rol: current.rol };
    FIELDS.forEach(function (f) {
      if (Object.prototype.hasOwnProperty.call(d, f)) next[f] = d[f] || "";
    });
    e.preventDefault();
    choose(next);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
