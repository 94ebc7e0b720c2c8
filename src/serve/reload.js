// handboek serve: reloads the page when its sources change, swaps stylesheets, shows build errors.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = Number(me && me.getAttribute("data-generation")) || 0;
  var failing = !!document.getElementById("handboek-overlay");

  function here() {
    return location.pathname.replace(/index\.html$/, "");
  }

  function overlay(text) {
    var box = document.getElementById("handboek-overlay");
    if (!box) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "/__handboek/overlay.css";
      document.head.appendChild(css);
      box = document.createElement("div");
      box.id = "handboek-overlay";
      box.setAttribute("role", "alert");
      var title = document.createElement("p");
      title.className = "handboek-overlay-title";
      title.textContent = "De laatste wijziging bouwt niet; je ziet de vorige versie.";
      box.appendChild(title);
      box.appendChild(document.createElement("pre"));
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
  }

  function swapCss(swaps) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    swaps.forEach(function (s) {
      links.forEach(function (l) {
        var href = l.getAttribute("href") || "";
        if (href.slice(-s[0].length) === s[0]) {
          l.setAttribute("href", href.slice(0, href.length - s[0].length) + s[1]);
        }
      });
    });
  }

  var source = new EventSource("/__handboek/events");
  source.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    var mine = d.all || d.pages.indexOf(here()) >= 0;
    var missed = d.pages.length === 0 && d.generation !== shown;
    if (failing || mine || missed) {
      location.reload();
    } else {
      shown = d.generation;
    }
  });
  source.addEventListener("css", function (e) {
    var d = JSON.parse(e.data);
    shown = d.generation;
    swapCss(d.swaps);
    var box = document.getElementById("handboek-overlay");
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
