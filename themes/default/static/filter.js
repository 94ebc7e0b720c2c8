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

  const KEY = "handboek.filter";
  const FIELDS = ["niveau", "rol"];
  // The list items and table rows the choice filters (passages are marked, not hidden).
  const ITEMS = "li[data-niveaus], li[data-rollen], li[data-expertise], tr[data-niveaus], tr[data-rollen], tr[data-expertise]";

  let current = {}; // the choice the page shows
  let stored = {}; // the reader's own choice, kept in localStorage
  let shared = false; // the URL brought another choice than the stored one

  function clean(state) {
    const out = {};
    FIELDS.forEach((field) => {
      if (state && typeof state[field] === "string" && state[field] !== "") out[field] = state[field];
    });
    return out;
  }

  function fromUrl() {
    const params = new URLSearchParams(window.location.search);
    const state = {};
    let found = false;
    FIELDS.forEach((field) => {
      if (params.has(field)) {
        found = true;
        state[field] = params.get(field);
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
    const url = new URL(window.location.href);
    FIELDS.forEach((field) => {
      if (state[field]) url.searchParams.set(field, state[field]);
      else url.searchParams.delete(field);
    });
    if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
  }

  function words(element, attr) {
    const value = element.getAttribute(attr);
    return value === null ? null : value.split(/\s+/).filter(Boolean);
  }

  // Whether an element with data-niveaus / data-rollen applies to the choice; an attribute that
  // is absent or empty means "for everyone".
  function applies(element, state, local) {
    const pairs = [["data-niveaus", state.niveau], ["data-rollen", state.rol], ["data-expertise", local]];
    return pairs.every((pair) => {
      if (!pair[1]) return true;
      const list = words(element, pair[0]);
      return list === null || list.length === 0 || list.indexOf(pair[1]) !== -1;
    });
  }

  function localExpertise() {
    const select = document.querySelector('select[data-filter="expertise"]');
    return select ? select.value : "";
  }

  function label(kind, id, short) {
    const select = document.querySelector('select[data-filter="' + kind + '"]');
    if (select && !short) {
      for (let i = 0; i < select.options.length; i++) {
        if (select.options[i].value === id) return select.options[i].textContent.trim();
      }
    }
    return id;
  }

  function apply(state) {
    const local = localExpertise();
    document.querySelectorAll(ITEMS).forEach((element) => {
      element.hidden = !applies(element, state, local);
    });
    document.querySelectorAll("div.voor").forEach((element) => {
      const nvt = !applies(element, state, "");
      const open = element.getAttribute("data-open") === "ja";
      element.classList.toggle("niet-van-toepassing", nvt);
      element.classList.toggle("ingeklapt", nvt && !open);
      const knop = element.querySelector(".voor-knop");
      if (knop) {
        knop.hidden = !nvt;
        knop.setAttribute("aria-expanded", open ? "true" : "false");
        knop.textContent = open ? "inklappen" : "toch tonen";
      }
    });
    document.querySelectorAll("[data-filter-groep]").forEach((groep) => {
      let shown = 0;
      let total = 0;
      groep.querySelectorAll(ITEMS).forEach((element) => {
        const outer = element.parentElement && element.parentElement.closest(ITEMS);
        if (outer && groep.contains(outer)) return;
        total++;
        if (!element.hidden) shown++;
      });
      groep.querySelectorAll("[data-telling]").forEach((counter) => {
        counter.textContent = shown === total ? String(total) : shown + " van " + total;
      });
      groep.querySelectorAll(".filter-leeg").forEach((leeg) => {
        leeg.hidden = shown !== 0 || total === 0;
      });
    });
    document.querySelectorAll('select[data-filter="niveau"]').forEach((select) => {
      select.value = state.niveau || "";
    });
    document.querySelectorAll('select[data-filter="rol"]').forEach((select) => {
      select.value = state.rol || "";
    });
    document.querySelectorAll(".filterkeuze-stand").forEach((element) => {
      const kort = [];
      if (state.niveau) kort.push(state.niveau);
      if (state.rol) kort.push(label("rol", state.rol));
      element.textContent = kort.join(" · ");
    });
    bar(state);
    document.dispatchEvent(new CustomEvent("handboek:filter", { detail: { niveau: state.niveau || null, rol: state.rol || null } }));
  }

  function describe(state, sep) {
    const parts = [];
    if (state.niveau) parts.push("niveau " + label("niveau", state.niveau, true));
    if (state.rol) parts.push("rol " + label("rol", state.rol));
    return parts.join(sep);
  }

  function button(cls, text, onClick) {
    const knop = document.createElement("button");
    knop.type = "button";
    knop.className = cls;
    knop.textContent = text;
    knop.addEventListener("click", onClick);
    return knop;
  }

  function bar(state) {
    const main = document.getElementById("inhoud") || document.body;
    let element = document.getElementById("filterbalk");
    if (!state.niveau && !state.rol && !shared) {
      if (element) element.hidden = true;
      return;
    }
    if (!element) {
      element = document.createElement("div");
      element.id = "filterbalk";
      element.className = "filterbalk";
      element.setAttribute("role", "status");
      main.insertBefore(element, main.firstChild);
    }
    element.textContent = "";
    const tekst = document.createElement("span");
    tekst.className = "filterbalk-tekst";
    const wat = describe(state, ", ") || "alle niveaus en rollen";
    tekst.textContent = shared ? "Gedeelde link: " + wat : "Filter: " + wat;
    element.appendChild(tekst);
    if (shared) {
      const eigen = describe(stored, ", ");
      const uitleg = document.createElement("span");
      uitleg.className = "filterbalk-uitleg";
      uitleg.textContent = eigen ? "Jouw eigen keuze (" + eigen + ") blijft bewaard." : "Je eigen keuze is niet veranderd.";
      element.appendChild(uitleg);
    }
    const knoppen = document.createElement("span");
    knoppen.className = "filterbalk-knoppen";
    if (state.niveau || state.rol) {
      knoppen.appendChild(button("filterbalk-knop", "alles tonen", () => {
        choose({});
      }));
    }
    if (shared) {
      if (state.niveau || state.rol) {
        knoppen.appendChild(button("filterbalk-bewaar", "als mijn keuze bewaren", () => {
          choose(current);
        }));
      }
      if (stored.niveau || stored.rol) {
        knoppen.appendChild(button("filterbalk-terug", "terug naar mijn keuze", () => {
          choose(stored);
        }));
      }
    }
    element.appendChild(knoppen);
    element.hidden = false;
  }

  function choose(state) {
    current = clean(state);
    stored = current;
    shared = false;
    save(current);
    apply(current);
  }

  function bind() {
    document.querySelectorAll('select[data-filter="niveau"], select[data-filter="rol"]').forEach((select) => {
      select.addEventListener("change", () => {
        const next = { niveau: current.niveau, rol: current.rol };
        next[select.getAttribute("data-filter")] = select.value;
        choose(next);
      });
    });
    const exp = document.querySelector('select[data-filter="expertise"]');
    if (exp) {
      const params = new URLSearchParams(window.location.search);
      if (params.get("expertise")) exp.value = params.get("expertise");
      exp.addEventListener("change", () => {
        const url = new URL(window.location.href);
        if (exp.value) url.searchParams.set("expertise", exp.value);
        else url.searchParams.delete("expertise");
        window.history.replaceState(null, "", url.href);
        apply(current);
      });
    }
    document.querySelectorAll("form[data-filter-formulier]").forEach((form) => {
      form.hidden = false;
      form.addEventListener("submit", (event) => {
        event.preventDefault();
      });
    });
    const keuze = document.getElementById("filterkeuze");
    if (keuze && keuze.querySelector("select")) {
      keuze.hidden = false;
      const form = keuze.querySelector("form");
      if (form) {
        form.addEventListener("submit", (event) => {
          event.preventDefault();
        });
      }
    }
    document.querySelectorAll("form[data-vergelijk]").forEach((form) => {
      form.addEventListener("submit", (event) => {
        const van = form.elements.namedItem("van");
        const naar = form.elements.namedItem("naar");
        const melding = form.querySelector(".kiezer-melding");
        if (!van || !naar) return;
        event.preventDefault();
        if (van.value === naar.value) {
          if (melding) melding.hidden = false;
          return;
        }
        const map = form.getAttribute("data-vergelijk") + van.value + "-" + naar.value + "/";
        // Opened from disk a folder is not a page: go to its index.html.
        window.location.href = window.location.protocol === "file:" ? map + "index.html" : map;
      });
    });
    document.querySelectorAll("div.voor").forEach((element) => {
      const kop = element.querySelector(".voor-label");
      if (!kop) return;
      const knop = document.createElement("button");
      knop.type = "button";
      knop.className = "voor-knop";
      knop.hidden = true;
      knop.addEventListener("click", () => {
        element.setAttribute("data-open", element.getAttribute("data-open") === "ja" ? "nee" : "ja");
        apply(current);
      });
      kop.appendChild(document.createTextNode(" "));
      kop.appendChild(knop);
    });
  }

  // On wide screens the header's choice is always open; on a phone it folds behind its summary.
  function fold() {
    const uitklap = document.querySelector(".filterkeuze-uitklap");
    if (!uitklap || !window.matchMedia) return;
    const breed = window.matchMedia("(min-width: 40em)");
    const pasAan = () => {
      uitklap.open = breed.matches;
    };
    pasAan();
    if (breed.addEventListener) breed.addEventListener("change", pasAan);
    uitklap.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && uitklap.open && !breed.matches) {
        uitklap.open = false;
        const kop = uitklap.querySelector("summary");
        if (kop) kop.focus();
      }
    });
  }

  function start() {
    stored = fromStorage();
    const url = fromUrl();
    shared = url !== null && !same(url, stored);
    current = shared ? url : stored;
    bind();
    fold();
    if (!shared) showInUrl(current);
    apply(current);
  }

  window.addEventListener("storage", (event) => {
    if (event.key !== KEY) return;
    stored = fromStorage();
    if (!shared) current = stored;
    apply(current);
  });

  // A level or role chosen on the search page is the reader's choice, as in the header.
  document.addEventListener("handboek:kies", (event) => {
    const detail = event.detail || {};
    const next = { niveau: current.niveau, rol: current.rol };
    FIELDS.forEach((field) => {
      if (Object.prototype.hasOwnProperty.call(detail, field)) next[field] = detail[field] || "";
    });
    event.preventDefault();
    choose(next);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
