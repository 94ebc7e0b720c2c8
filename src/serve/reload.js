// handboek serve: reloads the page when its sources change, swaps stylesheets, shows build errors.
(function () {
  "use strict";
  const me = document.currentScript;
  let shown = Number(me && me.getAttribute("data-generation")) || 0;
  let failing = !!document.getElementById("handboek-overlay");

  function here() {
    return location.pathname.replace(/index\.html$/, "");
  }

  function overlay(text) {
    let box = document.getElementById("handboek-overlay");
    if (!box) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "/__handboek/overlay.css";
      document.head.appendChild(css);
      box = document.createElement("div");
      box.id = "handboek-overlay";
      box.setAttribute("role", "alert");
      const title = document.createElement("p");
      title.className = "handboek-overlay-title";
      title.textContent = "De laatste wijziging bouwt niet; je ziet de vorige versie.";
      box.appendChild(title);
      box.appendChild(document.createElement("pre"));
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
  }

  function swapCss(swaps) {
    const links = document.querySelectorAll('link[rel="stylesheet"]');
    swaps.forEach(function (s) {
      links.forEach(function (l) {
        const href = l.getAttribute("href") || "";
        if (href.slice(-s[0].length) === s[0]) {
          l.setAttribute("href", href.slice(0, href.length - s[0].length) + s[1]);
        }
      });
    });
  }

  const source = new EventSource("/__handboek/events");
  source.addEventListener("reload", function (e) {
    const d = JSON.parse(e.data);
    const mine = d.all || d.pages.indexOf(here()) >= 0;
    const missed = d.pages.length === 0 && d.generation !== shown;
    if (failing || mine || missed) {
      location.reload();
    } else {
      shown = d.generation;
    }
  });
  source.addEventListener("css", function (e) {
    const d = JSON.parse(e.data);
    shown = d.generation;
    swapCss(d.swaps);
    const box = document.getElementById("handboek-overlay");
    if (box) box.remove();
    failing = false;
  });
  source.addEventListener("problems", function (e) {
    failing = true;
    overlay(JSON.parse(e.data).text);
  });
  source.addEventListener("bye", function () {
    source.close();
  });
})();
