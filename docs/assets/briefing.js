/* Briefing site script (hand-written project asset; no outside request).
 * On the "Texte source" pages, a link like texte-source/#q-1 targets an empty anchor
 * <span class="bf-fa" id="q-1">; this highlights every segment <span class="bf-seg" data-f="… q-1 …">
 * of that fact (spans can overlap, so one fact may cover several segments).
 * On the print page (every page in one), the print-site plugin prefixes heading ids with their page
 * ("<slug>-texte-source-…") and links with them, but not our anchors (fact spans, paragraphs): they are prefixed here too,
 * so a § link lands on its own article's words (every article has a "q-1"). */
(function () {
  "use strict";
  function prefixPrintAnchors() {
    var book = document.getElementById("print-site-page");
    if (!book) return;
    var items = book.querySelectorAll(".bf-fa[id], .bf-para[id], .bf-seg[data-f]");
    for (var i = 0; i < items.length; i++) {
      var el = items[i], page = el.closest("section.print-page[id]");
      if (!page) continue;
      var prefix = page.id + "-";
      if (!el.classList.contains("bf-seg")) {
        el.id = prefix + el.id;
      } else {
        el.setAttribute("data-f", el.getAttribute("data-f").split(" ").map(function (x) { return prefix + x; }).join(" "));
      }
    }
  }
  function highlight() {
    var old = document.querySelectorAll(".bf-seg.bf-hl");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("bf-hl");
    var id = decodeURIComponent((location.hash || "").slice(1));
    if (!id || !/^[A-Za-z0-9_-]+$/.test(id)) return;
    var target = document.getElementById(id);
    if (!target || !target.classList.contains("bf-fa")) return;
    var segs = document.querySelectorAll('.bf-seg[data-f~="' + id + '"]');
    for (var j = 0; j < segs.length; j++) segs[j].classList.add("bf-hl");
    if (segs.length) segs[0].scrollIntoView({ block: "center" });
  }
  prefixPrintAnchors();
  window.addEventListener("hashchange", highlight);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(highlight);  // Material instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
