// diplograph query page: YASGUI pointed at this server's endpoint, with the
// canned queries of queries/*.rq as examples. Everything comes from this
// server (no CDN, no prefix or vocabulary look-ups); text from the server is
// only ever put into the page with textContent.
"use strict";

(function () {
  const endpoint = new URL("query", document.baseURI).href;
  document.getElementById("endpoint").textContent = endpoint;

  function describeMode(info) {
    const parts = [info.update ? "updates enabled" : "read-only",
      "timeout " + info.timeout, "at most " + info.maxResults + " results per query"];
    document.getElementById("mode").textContent = "· " + parts.join(" · ");
  }

  function start(info) {
    describeMode(info);
    // Offline: keep the local prefix and variable completers, drop the ones that ask remote services.
    const Yasqe = Yasgui.Yasqe;
    Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter(function (n) {
      return n !== "class" && n !== "property";
    });
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
      persistenceId: null,
      populateFromUrl: false,
      autoAddOnInit: true,
    });
    const list = document.getElementById("example-list");
    info.queries.forEach(function (q, i) {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.title = q.description || q.title;
      b.textContent = q.title;
      const file = document.createElement("span");
      file.className = "file";
      file.textContent = q.file;
      b.appendChild(file);
      b.addEventListener("click", function () {
        const tab = yasgui.addTab(true, Object.assign(Yasgui.Tab.getDefaults(yasgui), { name: q.title }));
        tab.setEndpoint(endpoint);
        tab.setQuery(q.query);
      });
      li.appendChild(b);
      list.appendChild(li);
    });
    if (info.queries.length > 0) {
      const first = yasgui.getTab();
      first.setName(info.queries[0].title);
      first.setEndpoint(endpoint);
      first.setQuery(info.queries[0].query);
      // page#run runs the first example at once (used by the screenshot check).
      if (location.hash === "#run") {
        first.query();
      }
    }
  }

  fetch(new URL("query-page/info.json", document.baseURI).href, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(start)
    .catch(function (e) {
      document.getElementById("mode").textContent = "· could not load the page settings: " + e.message;
    });
})();
