/* Briefing site script (hand-written project asset; no outside request).
 * On the "Texte source" pages, a link like texte-source/#q-1 targets an empty anchor
 * <span class="bf-fa" id="q-1">; this highlights every segment <span class="bf-seg" data-f="… q-1 …">
 * of that fact (spans can overlap, so one fact may cover several segments). */
(function () {
  "use strict";
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
  window.addEventListener("hashchange", highlight);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(highlight);  // Material instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
