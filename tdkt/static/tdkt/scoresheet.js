// Score sheet filling page: each row is saved (fetch POST) when one of its fields changes. A row that could not
// be saved (refused, or the connection dropped) says so and is sent again on the next change or before submit.
(function () {
  "use strict";
  function csrf() {
    var el = document.querySelector("[data-submit-scores] input[name=csrfmiddlewaretoken]");
    return el ? el.value : "";
  }
  function save(row) {
    var state = row.querySelector("[data-save-state]");
    var body = new URLSearchParams();
    body.set("criterion", row.dataset.criterion);
    ["points", "evidence", "note"].forEach(function (n) {
      var input = row.querySelector("[name=" + n + "]");
      body.set(n, input ? input.value : "");
    });
    row.dataset.dirty = "1";
    state.textContent = "Đang lưu…";
    state.className = "small text-muted";
    return fetch(row.dataset.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": csrf(), "X-Requested-With": "fetch"}
    }).then(function (r) {
      return r.json().then(function (data) { return {ok: r.ok, data: data}; });
    }).then(function (res) {
      if (res.ok) {
        delete row.dataset.dirty;
        state.textContent = "Đã lưu";
        state.className = "small text-success";
        var total = document.getElementById("self-total");
        if (total) { total.textContent = res.data.total.replace(/\.?0+$/, ""); }
      } else {
        state.textContent = res.data.error || "Chưa lưu";
        state.className = "small text-danger";
      }
      return res.ok;
    }).catch(function () {
      state.textContent = "Chưa lưu (mất kết nối)";
      state.className = "small text-danger";
      return false;
    });
  }
  document.querySelectorAll("[data-score-row]").forEach(function (row) {
    row.querySelectorAll("input").forEach(function (input) {
      input.addEventListener("change", function () { save(row); });
    });
  });
  var form = document.querySelector("[data-submit-scores]");
  if (form) {
    form.addEventListener("submit", function (ev) {
      var pending = document.querySelectorAll("[data-score-row][data-dirty]");
      if (!pending.length) { return; }
      ev.preventDefault();
      Promise.all(Array.prototype.map.call(pending, save)).then(function (oks) {
        if (oks.every(Boolean)) { form.submit(); }
      });
    });
  }
})();
