// Search for mdbook-training sites. The edition's index is loaded only when the reader opens
// search. Queries are cut into words and stemmed exactly as the index was built: Unicode words
// (runs of scripts written without spaces as pairs), then the language's stop words and stemmer.
(function () {
  "use strict";

  // A page opened from a result marks the words that matched (`?highlight=a,b`), in its text.
  function markHighlights() {
    var wanted;
    try { wanted = new URLSearchParams(location.search).get("highlight"); } catch (e) { return; }
    var main = document.querySelector("main");
    if (!wanted || !main) { return; }
    // Bounded: ten words of at most a hundred characters; a longer word is not marked.
    var escaped = wanted.split(",", 50).filter(function (w) {
      return w && w.length <= 100;
    }).slice(0, 10).map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    if (!escaped.length) { return; }
    var pattern;
    try {
      pattern = new RegExp("(?<![\\p{L}\\p{N}])(" + escaped.join("|") + ")(?![\\p{L}\\p{N}])", "giu");
    } catch (e) { return; }
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentNode;
        return parent.closest("script, style, textarea, input, mark, .training-kicker") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode() && nodes.length < 500) { nodes.push(walker.currentNode); }
    var marked = 0;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      pattern.lastIndex = 0;
      if (marked >= 200 || !pattern.test(text)) { return; }
      var fragment = document.createDocumentFragment();
      var at = 0;
      text.replace(pattern, function (match, word, offset) {
        fragment.appendChild(document.createTextNode(text.slice(at, offset)));
        var mark = document.createElement("mark");
        mark.className = "training-found";
        mark.textContent = match;
        fragment.appendChild(mark);
        at = offset + match.length;
        marked++;
        return match;
      });
      fragment.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(fragment, node);
    });
  }
  markHighlights();

  var toggle = document.getElementById("training-search-toggle");
  var panel = document.getElementById("training-search");
  if (!toggle || !panel) { return; }
  var config;
  try { config = JSON.parse(panel.getAttribute("data-training-search")); } catch (e) { return; }
  var ui = config.ui;
  // The panel says where the edition's root is from this page; a book's own template may
  // not set the global that mdBook's does.
  var root = typeof config.root === "string" ? config.root : (window.path_to_root || "");
  var input = panel.querySelector("input");
  var status = panel.querySelector(".training-search-status");
  var list = panel.querySelector(".training-search-results");
  var index = null;
  var analyze = null;
  var loading = null;
  toggle.hidden = false;

  // Scripts written without spaces between words: their runs become overlapping pairs of
  // characters (grapheme clusters), as the index has them (src/search.rs, `is_continuous`).
  function isContinuous(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30FF) || (n >= 0x3100 && n <= 0x312F) || (n >= 0x3400 && n <= 0x4DBF) ||
      (n >= 0x4E00 && n <= 0x9FFF) || (n >= 0xF900 && n <= 0xFAFF) || (n >= 0xAC00 && n <= 0xD7AF) ||
      (n >= 0x1100 && n <= 0x11FF) || (n >= 0x3130 && n <= 0x318F) || (n >= 0x20000 && n <= 0x2FA1F) ||
      (n >= 0x0E00 && n <= 0x0EFF) || (n >= 0x1000 && n <= 0x109F) || (n >= 0x1780 && n <= 0x17FF) ||
      (n >= 0x19E0 && n <= 0x19FF) || (n >= 0x1A20 && n <= 0x1AAF) || (n >= 0xA9E0 && n <= 0xA9FF) ||
      (n >= 0xAA60 && n <= 0xAA7F);
  }
  var wordSegmenter = new Intl.Segmenter(undefined, { granularity: "word" });
  var clusterSegmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

  // Words with their positions, so teasers can mark them: Unicode's word boundaries, each word
  // also cut at apostrophes; runs of continuous scripts as pairs of grapheme clusters.
  function words(text) {
    var out = [];
    function push(token, start) { out.push({ token: token, start: start, end: start + token.length }); }
    function cutRun(run, offset, continuous) {
      if (continuous) {
        var clusters = Array.from(clusterSegmenter.segment(run));
        if (clusters.length === 1) { push(clusters[0].segment, offset + clusters[0].index); }
        for (var i = 0; i + 1 < clusters.length; i++) {
          push(clusters[i].segment + clusters[i + 1].segment, offset + clusters[i].index);
        }
        return;
      }
      for (var part of wordSegmenter.segment(run)) {
        if (!part.isWordLike) { continue; }
        var at = 0;
        for (var piece of part.segment.split(/['\u2019]/)) {
          if (piece) { push(piece.toLowerCase(), offset + part.index + at); }
          at += piece.length + 1;
        }
      }
    }
    var start = 0;
    var pos = 0;
    var current = null;
    for (var c of text) {
      var continuous = isContinuous(c);
      if (current !== null && continuous !== current) { cutRun(text.slice(start, pos), start, current); start = pos; }
      current = continuous;
      pos += c.length;
    }
    if (current !== null) { cutRun(text.slice(start), start, current); }
    return out;
  }
  // The same cut, for the tests that hold it against the index's (tests/fixtures/words.json).
  panel.trainingWords = function (text) { return words(text).map(function (w) { return w.token; }); };

  // The stemmer scripts' fingerprint, so that a cached older copy is not used.
  var scriptsQuery = config.scripts_version ? "?v=" + config.scripts_version : "";

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // The language's stop-word filter and stemmer, as the index was built.
  function loadAnalyzer(stemmer) {
    var base = root + config.scripts;
    if (!stemmer) {
      return Promise.resolve(function (t) { return t; });
    }
    if (stemmer === "en") {
      return loadScript(base + "elasticlunr.min.js" + scriptsQuery).then(function () {
        var el = window.elasticlunr;
        return function (t) { return el.stopWordFilter(t) ? el.stemmer(t) : undefined; };
      });
    }
    // lunr-languages expects a lunr 1.x host: give it the few hooks it registers with.
    window.lunr = window.lunr || {
      version: "1.0.0",
      Pipeline: { registerFunction: function () {}, warnIfFunctionNotRegistered: function () {} },
      generateStopWordFilter: function (stopWords) {
        var set = {};
        stopWords.forEach(function (w) { set[w] = true; });
        return function (token) { return set[token] ? undefined : token; };
      }
    };
    return loadScript(base + "lunr.stemmer.support.min.js" + scriptsQuery)
      .then(function () { return loadScript(base + "lunr." + stemmer + ".min.js" + scriptsQuery); })
      .then(function () {
        var lang = window.lunr[stemmer];
        return function (t) { return lang.stopWordFilter(t) === undefined ? undefined : lang.stemmer(t); };
      });
  }

  function load() {
    if (!loading) {
      status.textContent = ui.search_loading;
      // A script, not a fetch: pages opened from files can search too.
      loading = loadScript(root + config.index)
        .then(function () {
          index = window.trainingSearchIndex;
          if (!index) { throw new Error("no index"); }
          return loadAnalyzer(index.stemmer);
        })
        .then(function (fn) {
          analyze = fn;
          status.textContent = "";
          run();
        })
        .catch(function () {
          loading = null;
          status.textContent = ui.search_unavailable;
        });
    }
    return loading;
  }

  function termsOf(text) {
    return words(text).map(function (w) { return { word: w, term: analyze(w.token) }; })
      .filter(function (t) { return t.term; });
  }

  function search(query) {
    var terms = termsOf(query).map(function (t) { return t.term; });
    if (!terms.length) { return []; }
    var n = index.docs.length;
    var scores = {};
    var matched = {};
    var partial = !/\s$/.test(query);
    terms.forEach(function (term, i) {
      var keys = index.terms[term] ? [[term, 1]] : [];
      if (partial && i === terms.length - 1 && term.length >= 3) {
        Object.keys(index.terms).forEach(function (k) {
          if (k !== term && k.indexOf(term) === 0 && keys.length < 40) { keys.push([k, 0.5]); }
        });
      }
      keys.forEach(function (pair) {
        var postings = index.terms[pair[0]];
        var df = postings.length / 2;
        var idf = Math.log(1 + n / df);
        for (var p = 0; p < postings.length; p += 2) {
          var doc = postings[p];
          scores[doc] = (scores[doc] || 0) + postings[p + 1] * idf * pair[1];
          (matched[doc] = matched[doc] || {})[i] = true;
        }
      });
    });
    var wanted = terms.join(" ");
    return Object.keys(scores).map(function (doc) {
      var d = index.docs[doc];
      var score = scores[doc] * (1 + Object.keys(matched[doc]).length);
      // A glossary term that is the query ranks its definition first.
      if (d[4] === "term" && termsOf(d[1]).map(function (t) { return t.term; }).join(" ") === wanted) { score *= 100; }
      return { doc: d, score: score, n: doc };
    }).sort(function (a, b) { return b.score - a.score; }).slice(0, 30);
  }

  function teaser(body, wanted) {
    var all = words(body);
    var found = all.filter(function (w) { return wanted[analyze(w.token)]; });
    var first = found.length ? found[0].start : 0;
    // The teaser starts and ends at whole words: the first word that begins at most 60
    // characters before the first match, the last that ends within 160 after it.
    var from = 0;
    var to = body.length;
    if (first > 60) {
      for (var i = 0; i < all.length; i++) {
        if (all[i].start >= first - 60) { from = all[i].start; break; }
      }
    }
    if (body.length > first + 160) {
      all.forEach(function (w) {
        if (w.end <= first + 160) { to = w.end; }
      });
    }
    var p = document.createElement("p");
    p.className = "training-search-teaser";
    var at = from;
    if (from > 0) { p.appendChild(document.createTextNode("… ")); }
    found.filter(function (w) { return w.start >= from && w.end <= to; }).forEach(function (w) {
      p.appendChild(document.createTextNode(body.slice(at, w.start)));
      var mark = document.createElement("mark");
      mark.textContent = body.slice(w.start, w.end);
      p.appendChild(mark);
      at = w.end;
    });
    p.appendChild(document.createTextNode(body.slice(at, to) + (to < body.length ? " …" : "")));
    return p;
  }

  function run() {
    if (!index || !analyze) { return; }
    var query = input.value;
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    var results = search(query);
    var wanted = {};
    termsOf(query).forEach(function (t) { wanted[t.term] = true; });
    var found = window.mdbookTraining.counted(ui.search_results, "count", results.length);
    // The reader's words go in as they are: `$&` and the like are no replacement patterns.
    status.textContent = (results.length ? found : ui.search_no_results).split("{query}").join(query.trim());
    results.forEach(function (result) {
      var doc = result.doc;
      var li = document.createElement("li");
      var link = document.createElement("a");
      // The words that matched go along, to be marked on the page the result opens.
      var matched = {};
      words(doc[3]).forEach(function (w) {
        if (wanted[analyze(w.token)]) { matched[w.token.toLowerCase()] = true; }
      });
      var parts = doc[0].split("#");
      var highlight = Object.keys(matched).slice(0, 10).join(",");
      link.href = root + parts[0] + (highlight ? "?highlight=" + encodeURIComponent(highlight) : "") +
        (parts.length > 1 ? "#" + parts.slice(1).join("#") : "");
      link.textContent = doc[1] || doc[2];
      li.appendChild(link);
      if (doc[2] && doc[2] !== doc[1]) {
        var where = document.createElement("span");
        where.className = "training-search-page";
        where.textContent = doc[2];
        li.appendChild(where);
      }
      // In a library, the result's module.
      var module = index.modules && index.modules[index.module_of[result.n]];
      if (module) { li.appendChild(window.mdbookTraining.el("span", "training-search-module", module)); }
      li.appendChild(teaser(doc[3], wanted));
      list.appendChild(li);
    });
  }

  function open() {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    input.focus();
    load();
  }

  function close() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("keydown", function (event) {
    // mdBook turns pages with the arrow keys; not while the reader types a query.
    event.stopPropagation();
    if (event.key === "Escape") { close(); }
    if (event.key === "ArrowDown") {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); }
  });
  toggle.addEventListener("click", function () {
    if (panel.hidden) { open(); } else { close(); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "S")) {
      event.preventDefault();
      open();
    }
  });
  var params = new URLSearchParams(window.location.search);
  if (params.get("search")) {
    input.value = params.get("search");
    open();
  }
})();
