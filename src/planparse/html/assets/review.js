// Review page: a row click scrolls the source to the item's span and flashes it; filters hide rows.
(function () {
  "use strict";
  var head = document.querySelector("header.top");
  function fitHeight() { document.documentElement.style.setProperty("--head", head.offsetHeight + "px"); }
  fitHeight(); window.addEventListener("resize", fitHeight);

  function clear() {
    document.querySelectorAll(".hl.current, .hl.related").forEach(function (e) { e.classList.remove("current", "related"); });
    document.querySelectorAll("tr.selected").forEach(function (e) { e.classList.remove("selected"); });
  }
  function show(id) {
    clear();
    var row = document.querySelector('tr[data-item="' + id + '"]');
    if (row) row.classList.add("selected");
    var own = document.querySelectorAll('.hl[data-items~="' + id + '"]');
    var rel = document.querySelectorAll('.hl[data-rel~="' + id + '"]');
    rel.forEach(function (e) { e.classList.add("related"); });
    own.forEach(function (e) {
      e.classList.add("current");
      e.classList.remove("flash"); void e.offsetWidth; e.classList.add("flash");
    });
    var first = own[0] || rel[0];
    if (first) first.scrollIntoView({ block: "center", behavior: "auto" });
    return own.length;
  }
  window.planparseShow = show;
  document.querySelectorAll("tr[data-item]").forEach(function (row) {
    row.addEventListener("click", function () { show(row.dataset.item); });
    row.addEventListener("keydown", function (ev) { if (ev.key === "Enter") show(row.dataset.item); });
  });
  // a click on a highlight selects its row in the tables
  document.querySelector(".source").addEventListener("click", function (ev) {
    var hl = ev.target.closest(".hl[data-items], .hl[data-rel]");
    if (!hl) return;
    var id = (hl.dataset.items || hl.dataset.rel).split(" ")[0];
    var row = document.querySelector('tr[data-item="' + id + '"]');
    show(id);
    if (row) row.scrollIntoView({ block: "center" });
  });

  var unitSel = document.getElementById("f-unit"), kindSel = document.getElementById("f-kind");
  function filter() {
    var unit = unitSel.value, kind = kindSel.value, shown = 0, total = 0;
    document.querySelectorAll("tr[data-item]").forEach(function (row) {
      total++;
      var units = (row.dataset.units || "").split("|");
      var ok = (!unit || units.indexOf(unit) >= 0) && (!kind || (row.dataset.kind || "none") === kind);
      row.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById("f-count").textContent = shown + " / " + total;
  }
  unitSel.addEventListener("change", filter); kindSel.addEventListener("change", filter);
  filter();
  document.querySelectorAll("input[data-kind-toggle]").forEach(function (box) {
    box.addEventListener("change", function () { document.body.classList.toggle("hide-" + box.dataset.kindToggle, !box.checked); });
  });
})();
