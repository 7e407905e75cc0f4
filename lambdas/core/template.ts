/**
 * A tiny mustache-like renderer for the email templates in lambdas/templates/:
 *   {{name}} or {{a.b}}     a value (HTML-escaped when rendering HTML; there is no unescaped form)
 *   {{#list}}…{{/list}}     repeated for each item of an array (names inside refer to the item first),
 *                           or shown once when the value is true / a non-empty string
 *   {{^list}}…{{/list}}     shown when the value is missing, false, empty or an empty array
 */
export type TemplateData = { [key: string]: TemplateValue };
export type TemplateValue = string | number | boolean | undefined | TemplateData | TemplateData[];

const SECTION = /\{\{([#^])\s*([\w.]+)\s*\}\}([\s\S]*?)\{\{\/\s*\2\s*\}\}/g;
const VARIABLE = /\{\{\s*([\w.]+)\s*\}\}/g;

export function renderTemplate(template: string, data: TemplateData, mode: 'text' | 'html'): string {
  return render(template, [data], mode);
}

function render(template: string, scopes: TemplateData[], mode: 'text' | 'html'): string {
  const withSections = template.replace(SECTION, (_whole, kind: string, name: string, inner: string) => {
    const value = lookup(scopes, name);
    const empty =
      value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0);
    if (kind === '^') return empty ? render(inner, scopes, mode) : '';
    if (empty) return '';
    if (Array.isArray(value)) return value.map((item) => render(inner, [item, ...scopes], mode)).join('');
    return render(inner, typeof value === 'object' ? [value, ...scopes] : scopes, mode);
  });
  return withSections.replace(VARIABLE, (_whole, name: string) => {
    const value = lookup(scopes, name);
    const text = value === undefined || typeof value === 'object' ? '' : String(value);
    return mode === 'html' ? escapeHtml(text) : text;
  });
}

function lookup(scopes: TemplateData[], name: string): TemplateValue {
  const [head, ...rest] = name.split('.');
  const scope = scopes.find((s) => head !== undefined && head in s);
  let value: TemplateValue = scope?.[head as string];
  for (const part of rest)
    value = value && typeof value === 'object' && !Array.isArray(value) ? value[part] : undefined;
  return value;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
