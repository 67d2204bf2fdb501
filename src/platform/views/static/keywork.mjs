// Progressive enhancement only: every page works without this file.
import { initAll } from "/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// govuk-frontend marks radios and checkboxes that reveal more questions with aria-expanded, which
// is not allowed on those roles (WCAG 4.1.2). aria-controls still tells assistive technology what
// they reveal, so the attribute is taken off whenever it is set.
const notExpandable = 'input[type="radio"][aria-expanded], input[type="checkbox"][aria-expanded]';
const strip = (root) => {
  for (const input of root.querySelectorAll(notExpandable)) input.removeAttribute("aria-expanded");
};
strip(document);
new MutationObserver((changes) => {
  for (const change of changes) {
    const input = change.target;
    if (input instanceof HTMLInputElement && (input.type === "radio" || input.type === "checkbox") && input.hasAttribute("aria-expanded")) {
      input.removeAttribute("aria-expanded");
    }
  }
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-expanded"] });
