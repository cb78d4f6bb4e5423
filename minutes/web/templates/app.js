// The app's one script (no build step): a batch upload sent file by file with its progress, and
// a deadline read as the clerk types it or picks it from the Jalali date picker. Everything it
// shows goes through textContent.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("upload-form");
  if (form) {
    form.addEventListener("submit", async function (ev) {
      var input = form.querySelector("input[type=file]");
      if (input.files.length < 2) return;  // one file: the plain form and its review page
      ev.preventDefault();
      var bar = document.getElementById("upload-progress");
      var list = document.getElementById("upload-results");
      bar.hidden = false; bar.max = input.files.length; bar.value = 0;
      for (var i = 0; i < input.files.length; i++) {
        var data = new FormData();
        data.append("csrf", form.elements.csrf.value);
        data.append("one", "1");
        data.append("file", input.files[i]);
        var li = document.createElement("li");
        try {
          var answer = await (await fetch("/upload", {method: "POST", body: data})).json();
          if (answer.review) {
            var a = document.createElement("a");
            a.href = answer.review; a.textContent = answer.name;
            li.appendChild(a);
          } else {
            li.className = "error"; li.textContent = answer.error;
          }
        } catch (e) {
          li.className = "error"; li.textContent = input.files[i].name + ": " + e;
        }
        list.appendChild(li);
        bar.value = i + 1;
      }
    });
  }
  var deadline = document.querySelector("input[name=deadline][data-meeting-date]");
  if (deadline) {
    var out = document.getElementById("deadline-read"), timer = null;
    // The Jalali date picker: a chosen day fills the deadline as Persian digits and is read
    // like typed text; typing clears the picker, so the form sends one or the other.
    var picks = ["year", "month", "day"].map(function (k) {
      return document.querySelector("select[name=pick_" + k + "]");
    }).filter(Boolean);
    var fa = function (n, width) {
      return String(n).padStart(width, "0").replace(/[0-9]/g, function (c) {
        return String.fromCharCode(0x06F0 + Number(c));
      });
    };
    picks.forEach(function (sel) {
      sel.addEventListener("change", function () {
        if (picks.some(function (p) { return !p.value; })) return;
        deadline.value = fa(picks[0].value, 4) + "/" + fa(picks[1].value, 2) + "/" + fa(picks[2].value, 2);
        deadline.dispatchEvent(new Event("input"));
      });
    });
    deadline.addEventListener("input", function (ev) {
      if (ev.isTrusted) picks.forEach(function (p) { p.value = ""; });
      clearTimeout(timer);
      timer = setTimeout(async function () {
        var q = new URLSearchParams({text: deadline.value, meeting_date: deadline.dataset.meetingDate});
        var d = await (await fetch("/api/deadline?" + q)).json();
        out.textContent = d.display || d.kind || "";
        out.dataset.kind = d.kind || "";
      }, 200);
    });
  }
});
