/* Article page: click a record to mark its words; click marked words to list their records.
   No inline scripts (the CSP forbids them); text from the page is only ever set as textContent. */
(function () {
  "use strict";
  var text = document.getElementById("text");
  if (!text) { return; }
  var segs = Array.prototype.slice.call(text.querySelectorAll(".seg"));
  var info = document.getElementById("seg-info");
  var TOKEN = /^(actor|quote|event|issue|forecast)-\d+$/;

  function tokensOf(seg) { return (seg.getAttribute("data-recs") || "").split(" ").filter(Boolean); }
  function segsOf(token) { return segs.filter(function (s) { return tokensOf(s).indexOf(token) >= 0; }); }

  function clear() {
    Array.prototype.forEach.call(document.querySelectorAll(".marked"), function (el) {
      el.classList.remove("marked");
    });
  }

  function showRecord(token) {
    var rec = document.getElementById("rec-" + token);
    if (!rec) { return null; }
    rec.classList.add("marked");
    var details = rec.closest("details");
    if (details) { details.open = true; }
    return rec;
  }

  /* Mark every segment of a record (and the record itself); scroll to the first segment. */
  function mark(token, scroll) {
    if (!TOKEN.test(token)) { return 0; }
    clear();
    var hit = segsOf(token);
    hit.forEach(function (s) { s.classList.add("marked"); });
    var rec = showRecord(token);
    if (scroll && hit.length) { hit[0].scrollIntoView({ block: "center" }); }
    if (rec) { rec.scrollIntoView({ block: "nearest" }); }
    document.body.setAttribute("data-marked", token);
    return hit.length;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".rec"), function (li) {
    function activate(event) {
      if (event.target && event.target.tagName === "A") { return; }
      var token = li.getAttribute("data-rec");
      mark(token, true);
      history.replaceState(null, "", "#" + token);
    }
    li.addEventListener("click", activate);
    li.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); activate(event); }
    });
  });

  /* A click on marked words lists the records that cover them. */
  text.addEventListener("click", function (event) {
    var seg = event.target.closest ? event.target.closest(".seg") : null;
    if (!seg || !info) { return; }
    var list = info.querySelector("ul");
    list.textContent = "";
    tokensOf(seg).forEach(function (token) {
      var rec = document.getElementById("rec-" + token);
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "seg-rec " + token.split("-")[0];
      var label = rec ? rec.querySelector(".label") : null;
      button.textContent = token.split("-")[0] + ": " + (label ? label.textContent : token);
      button.addEventListener("click", function () { mark(token, false); });
      item.appendChild(button);
      list.appendChild(item);
    });
    info.hidden = false;
    clear();
    seg.classList.add("marked");
  });

  function fromHash() {
    var token = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (TOKEN.test(token)) { mark(token, true); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
