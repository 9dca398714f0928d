// The mock's API console: Swagger UI on the product document (or the mock's own), with the
// mock's users offered as ready bearer tokens, so "Try it out" works at once. Loaded by
// /docs; everything it fetches comes from the mock itself.
(function () {
  "use strict";
  const status = document.getElementById("lsm-status");
  const userSelect = document.getElementById("lsm-user");
  const docSelect = document.getElementById("lsm-doc");
  let ui = null;
  let users = [];

  // The chosen user's token into the console's "Authorize" (the bearerAuth scheme).
  function authorize() {
    const user = users[userSelect.selectedIndex];
    if (!ui || !user) return;
    ui.preauthorizeApiKey("bearerAuth", user.token);
    status.textContent = "Authorized as @" + user.username;
  }

  // The document with this page's own address as its server: "Try it out" calls the mock the
  // browser reached (localhost, a container's mapped port), whatever --public-url says, and the
  // page's Content-Security-Policy allows only its own origin.
  function load(url) {
    fetch(url)
      .then(function (response) {
        return response.json();
      })
      .then(function (doc) {
        doc.servers = [{ url: window.location.origin, description: "this mock (the page's address)" }];
        show(doc);
      })
      .catch(function (error) {
        status.textContent = "Cannot load " + url + ": " + error.message;
      });
  }

  function show(doc) {
    ui = window.SwaggerUIBundle({
      spec: doc,
      dom_id: "#swagger-ui",
      deepLinking: true,
      tryItOutEnabled: true,
      showExtensions: true,
      showCommonExtensions: true,
      displayRequestDuration: true,
      defaultModelsExpandDepth: 0,
      docExpansion: "list",
      filter: true,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
      onComplete: authorize,
    });
  }

  function listUsers() {
    return fetch("/__mock/users").then(function (response) {
      return response.json().then(function (envelope) {
        if (!response.ok || !Array.isArray(envelope.data)) {
          throw new Error((envelope.errors || []).join("; ") || "HTTP " + response.status);
        }
        return envelope.data;
      });
    });
  }

  listUsers()
    .then(function (list) {
      users = list;
      for (const user of users) {
        const option = document.createElement("option");
        option.textContent = user.name + " " + user.surname + " (@" + user.username + ")";
        userSelect.appendChild(option);
      }
      authorize();
    })
    .catch(function (error) {
      status.textContent =
        "No ready tokens (GET /__mock/users: " + error.message + "); use Authorize with your own.";
    });
  // In front of a real server (--proxy): how its answers differed from the spec so far.
  function showDrift() {
    const panel = document.getElementById("lsm-drift");
    fetch("/__mock/drift")
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (envelope) {
        const drift = envelope && envelope.data;
        if (!drift || !drift.proxy) return;
        panel.hidden = false;
        panel.textContent = "";
        const title = document.createElement("h2");
        title.textContent =
          "In front of " + drift.proxy + ": " + drift.answersChecked + " answers checked, " +
          drift.documentedBroken + " documented facts broken, " + drift.decidedDiffer +
          " decided facts answered otherwise";
        panel.appendChild(title);
        const table = document.createElement("table");
        const head = table.insertRow();
        for (const name of ["", "operation", "fact", "count", "example"]) {
          const th = document.createElement("th");
          th.textContent = name;
          head.appendChild(th);
        }
        for (const fact of drift.facts) {
          const row = table.insertRow();
          row.className = fact.kind;
          const example = fact.example;
          for (const text of [fact.kind, fact.operationId, fact.fact, String(fact.count),
                              example.method + " " + example.path + " " + example.status + ": " +
                                  example.message]) {
            row.insertCell().textContent = text;
          }
        }
        panel.appendChild(table);
      })
      .catch(function () {});
  }
  showDrift();
  setInterval(showDrift, 5000);

  userSelect.addEventListener("change", authorize);
  docSelect.addEventListener("change", function () {
    load(docSelect.value);
  });
  load(docSelect.value);
})();
