// The platform's side, for the tests: scorm-again's API for the version in `?v=`, every call
// recorded with its result, earlier data loaded from `#` (a relaunch), the package in a frame.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var v12 = params.get("v") !== "2004";
  var api = v12 ? new window.Scorm12API({ logLevel: 5 }) : new window.Scorm2004API({ logLevel: 5 });
  var saved = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : null;
  if (saved) { api.loadFromJSON(saved); }
  var calls = [];
  var methods = v12
    ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError"]
    : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError"];
  methods.forEach(function (name) {
    var real = api[name].bind(api);
    api[name] = function (a, b) {
      var result = real(a, b);
      calls.push({ name: name, a: a, b: b, result: result });
      // Told in the console too, which outlives this page when the reader leaves it.
      if (/Finish|Terminate|Initialize/.test(name)) { console.log("platform: " + name); }
      return result;
    };
  });
  window[v12 ? "API" : "API_1484_11"] = api;
  window.platform = {
    calls: calls,
    cmi: function () { return JSON.parse(JSON.stringify(api.cmi)); },
    close: function () { var f = document.getElementById("sco"); if (f) { f.remove(); } }
  };
  var frame = document.createElement("iframe");
  frame.id = "sco";
  frame.src = params.get("package");
  frame.style.cssText = "width:100%;height:90vh;border:0";
  document.body.appendChild(frame);
})();
