// Renders /openapi.json as a readable list of operations (served by Mailroom itself; no external assets).
"use strict";
(async function () {
  const target = document.getElementById("reference");
  const response = await fetch("/openapi.json");
  const spec = await response.json();
  const text = (tag, content, className) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = content;
    return node;
  };
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const section = document.createElement("section");
      const heading = document.createElement("h3");
      heading.appendChild(text("span", method.toUpperCase(), "method"));
      heading.appendChild(text("code", path));
      section.appendChild(heading);
      section.appendChild(text("p", operation.summary || ""));
      if (operation["x-roles"]) section.appendChild(text("p", "Roles: " + operation["x-roles"].join(", "), "role"));
      if (operation.description) section.appendChild(text("p", operation.description));
      const codes = Object.entries(operation.responses || {}).map(([code, r]) => code + " " + (r.description || ""));
      section.appendChild(text("p", "Responses: " + codes.join("; ")));
      target.appendChild(section);
    }
  }
})();
