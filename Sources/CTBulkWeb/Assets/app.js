// ctbulk serve: the page's only script. Plain JavaScript, no build step, nothing from outside this server.
// Every text it shows comes from the server (data attributes or JSON already rendered in the page's language);
// values are put into the page with textContent only, never as markup.
(function () {
  "use strict";

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Screen 1: upload by drag-and-drop or by choosing a file.
  function setUpUpload() {
    var zone = document.getElementById("dropzone");
    if (!zone) return;
    var input = document.getElementById("file-input");
    var status = document.getElementById("upload-status");
    var error = document.getElementById("upload-error");
    var maxBytes = parseInt(zone.getAttribute("data-max-bytes"), 10);

    function showError(text) {
      status.hidden = true;
      error.textContent = text;
      error.hidden = false;
    }

    function send(file) {
      error.hidden = true;
      if (file.size > maxBytes) { showError(zone.getAttribute("data-too-large")); return; }
      status.textContent = zone.getAttribute("data-uploading") + " " + file.name;
      status.hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", "/uploads?name=" + encodeURIComponent(file.name));
      request.setRequestHeader("X-CSRF-Token", csrf());
      request.setRequestHeader("Content-Type", "application/octet-stream");
      request.onload = function () {
        var answer = {};
        try { answer = JSON.parse(request.responseText); } catch (e) { answer = { error: request.statusText }; }
        if (request.status === 200 && answer.location) { window.location.assign(answer.location); }
        else { showError(answer.error || request.statusText); }
      };
      request.onerror = function () { showError(request.statusText || "network error"); };
      request.send(file);
    }

    input.addEventListener("change", function () { if (input.files.length > 0) send(input.files[0]); });
    zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      if (event.dataTransfer.files.length > 0) send(event.dataTransfer.files[0]);
    });
  }

  // Filters that apply as soon as they change.
  function setUpAutosubmit() {
    var selects = document.querySelectorAll("select.autosubmit");
    for (var i = 0; i < selects.length; i++) {
      selects[i].addEventListener("change", function (event) { event.target.form.submit(); });
    }
  }

  // A button whose request takes a while (reading the account) says so once pressed, and cannot be pressed twice.
  function setUpBusy() {
    var buttons = document.querySelectorAll("button[data-busy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].form.addEventListener("submit", function (event) {
        var button = event.target.querySelector("button[data-busy]");
        if (button.disabled) { event.preventDefault(); return; }
        var note = document.createElement("p");
        note.className = "busy";
        note.setAttribute("role", "status");
        note.id = button.id + "-busy";
        note.textContent = button.getAttribute("data-busy");
        event.target.parentNode.insertBefore(note, event.target.nextSibling);
        // Disabled after the form is on its way (a disabled button would not be sent).
        setTimeout(function () { button.disabled = true; }, 0);
      });
    }
  }

  // Screen 4: the run's progress, pushed by the server (server-sent events).
  function setUpLive() {
    var live = document.getElementById("live");
    if (!live || !window.EventSource) return;
    var source = new EventSource(live.getAttribute("data-events"));
    function set(id, text) { var node = document.getElementById(id); if (node) node.textContent = text; }
    function show(id, visible) { var node = document.getElementById(id); if (node) node.hidden = !visible; }
    function list(id, items) {
      var node = document.getElementById(id);
      if (!node) return;
      while (node.firstChild) node.removeChild(node.firstChild);
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = item;
        node.appendChild(li);
      });
    }
    source.onmessage = function (event) {
      var s = JSON.parse(event.data);
      set("live-upload", s.upload || "");
      set("live-run", s.runID ? String(s.runID) : "—");
      set("live-phase", s.phaseText);
      document.getElementById("live-phase").setAttribute("data-phase", s.phase);
      var bar = document.getElementById("live-bar");
      bar.max = Math.max(s.total, 1);
      bar.value = s.done;
      set("live-progress", s.progressText);
      set("live-rate", s.rate);
      set("live-eta", s.eta);
      set("live-failed", String(s.failed));
      show("live-queued", s.queued > 0);
      set("live-message", s.message || "");
      show("live-message", !!s.message);
      list("live-failures", s.failures);
      list("canary-rows", s.canary);
      show("canary-box", s.phase === "paused");
      show("stop-box", s.active);
      if (s.runID) {
        ["results", "failures"].forEach(function (kind) {
          var link = document.getElementById("download-" + kind);
          if (link) link.setAttribute("href", "/runs/" + s.runID + "/" + kind);
        });
      }
      if (s.resultsReady && !document.getElementById("download-results")) {
        window.location.reload();
        return;
      }
      show("downloads", s.resultsReady);
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpUpload();
    setUpAutosubmit();
    setUpBusy();
    setUpLive();
  });
})();
