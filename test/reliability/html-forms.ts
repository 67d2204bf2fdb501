/**
 * Reads an HTML form the way a browser submits it: its fields and the values it would send as the
 * page stands (prefilled inputs, the checked radio, the selected option), so that the fuzz tests
 * start from what a person would post and change it from there.
 */

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([A-Za-z_:][-A-Za-z0-9_:.]*)(?:="([^"]*)")?/g)) {
    const [, name, value] = match;
    if (name) found[name.toLowerCase()] = decode(value ?? "");
  }
  return found;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export interface FormFields {
  /** Each field with the value a browser would send (first value of a group). */
  values: Map<string, string>;
  /** The fields a person types free text into: text inputs and text areas. */
  freeText: string[];
}

/** The fields of the form posting to `action`. */
export function formFields(page: string, action: string): FormFields {
  const form = [...page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].find((match) => attributes(match[1] ?? "").action === action);
  if (!form) throw new Error(`no form posting to ${action} on the page`);
  const body = form[2] ?? "";
  const fields = new Map<string, string>();
  const freeText: string[] = [];
  for (const match of body.matchAll(/<input\b([^>]*)>/g)) {
    const input = attributes(match[1] ?? "");
    if (!input.name || input.type === "submit" || input.type === "file") continue;
    if (input.type === "radio" || input.type === "checkbox") {
      if ("checked" in input || (input.type === "radio" && !fields.has(input.name))) fields.set(input.name, input.value ?? "on");
      continue;
    }
    fields.set(input.name, input.value ?? "");
    if ((input.type ?? "text") === "text") freeText.push(input.name);
  }
  for (const match of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const textarea = attributes(match[1] ?? "");
    if (!textarea.name) continue;
    fields.set(textarea.name, decode(match[2] ?? "").replace(/^\n/, ""));
    freeText.push(textarea.name);
  }
  for (const match of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const select = attributes(match[1] ?? "");
    if (!select.name) continue;
    const options = [...(match[2] ?? "").matchAll(/<option\b([^>]*)>/g)].map((option) => attributes(option[1] ?? ""));
    const chosen = options.find((option) => "selected" in option) ?? options.find((option) => (option.value ?? "") !== "");
    fields.set(select.name, chosen?.value ?? "");
  }
  return { values: fields, freeText };
}
