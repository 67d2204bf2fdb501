/**
 * Typed GOV.UK Frontend components. Each function mirrors the Nunjucks macro of
 * the same name in govuk-frontend 6.6.0 (same parameter names; `html`-type
 * parameters take SafeHtml, `text` is escaped) and returns SafeHtml.
 */
export * from "./shared.ts";
export * from "./form-elements.ts";
export * from "./form-fields.ts";
export * from "./date-input.ts";
export * from "./choices.ts";
export * from "./content.ts";
export * from "./notifications.ts";
export * from "./tables.ts";
export * from "./navigation.ts";
