/**
 * A tiny mustache-like renderer for the email templates in lambdas/templates/:
 *   {{name}} or {{a.b}}     a value (HTML-escaped when rendering HTML; there is no unescaped form)
 *   {{#list}}…{{/list}}     repeated for each item of an array (names inside refer to the item first),
 *                           or shown once when the value is true / a non-empty string / an object
 *   {{^list}}…{{/list}}     shown when the value is missing, false, empty or an empty array
 *
 * A template is parsed once into a tree and rendered in a single pass, so a value is never read as template
 * syntax: a mention whose text holds `{{reply}}` shows those characters, it does not pull in other data.
 * Unclosed or mismatched sections and malformed tags throw a TemplateError, so a mistake made while
 * editing a template fails the tests instead of sending a garbled email.
 */
export type TemplateData = { [key: string]: TemplateValue };
export type TemplateValue = string | number | boolean | undefined | TemplateData | TemplateData[];

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'section' | 'inverted'; name: string; children: TemplateNode[] };

const OPEN = '{{';
const CLOSE = '}}';
const NAME = /^[\w.]+$/;

const compiled = new Map<string, TemplateNode[]>();

export function renderTemplate(template: string, data: TemplateData, mode: 'text' | 'html'): string {
  let tree = compiled.get(template);
  if (!tree) {
    tree = parseTemplate(template);
    compiled.set(template, tree);
  }
  return renderNodes(tree, [data], mode);
}

function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  // open sections, innermost last; each collects its children until its closing tag
  const open: { name: string; children: TemplateNode[]; at: number }[] = [];
  const current = () => open[open.length - 1]?.children ?? root;
  let position = 0;
  while (position < template.length) {
    const start = template.indexOf(OPEN, position);
    if (start === -1) {
      current().push({ kind: 'text', text: template.slice(position) });
      break;
    }
    if (start > position) current().push({ kind: 'text', text: template.slice(position, start) });
    const end = template.indexOf(CLOSE, start + OPEN.length);
    if (end === -1) throw new TemplateError(`unclosed tag at ${lineOf(template, start)}`);
    const tag = template.slice(start + OPEN.length, end).trim();
    const sigil = tag[0];
    const name = sigil === '#' || sigil === '^' || sigil === '/' ? tag.slice(1).trim() : tag;
    if (!NAME.test(name)) throw new TemplateError(`malformed tag {{${tag}}} at ${lineOf(template, start)}`);
    if (sigil === '#' || sigil === '^') {
      const section: TemplateNode = { kind: sigil === '#' ? 'section' : 'inverted', name, children: [] };
      current().push(section);
      open.push({ name, children: section.children, at: start });
    } else if (sigil === '/') {
      const innermost = open.pop();
      if (innermost?.name !== name)
        throw new TemplateError(
          `{{/${name}}} at ${lineOf(template, start)} closes ${innermost ? `{{#${innermost.name}}}` : 'nothing'}`,
        );
    } else {
      current().push({ kind: 'value', name });
    }
    position = end + CLOSE.length;
  }
  const unclosed = open.pop();
  if (unclosed)
    throw new TemplateError(
      `section {{#${unclosed.name}}} at ${lineOf(template, unclosed.at)} is not closed`,
    );
  return root;
}

function renderNodes(nodes: TemplateNode[], scopes: TemplateData[], mode: 'text' | 'html'): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'value') out += valueText(lookup(scopes, node.name), mode);
    else out += renderSection(node.kind, lookup(scopes, node.name), node.children, scopes, mode);
  }
  return out;
}

function renderSection(
  kind: 'section' | 'inverted',
  value: TemplateValue,
  children: TemplateNode[],
  scopes: TemplateData[],
  mode: 'text' | 'html',
): string {
  const empty =
    value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0);
  if (kind === 'inverted') return empty ? renderNodes(children, scopes, mode) : '';
  if (empty) return '';
  if (Array.isArray(value))
    return value.map((item) => renderNodes(children, [item, ...scopes], mode)).join('');
  return renderNodes(children, typeof value === 'object' ? [value, ...scopes] : scopes, mode);
}

function valueText(value: TemplateValue, mode: 'text' | 'html'): string {
  const text = value === undefined || typeof value === 'object' ? '' : String(value);
  return mode === 'html' ? escapeHtml(text) : text;
}

function lookup(scopes: TemplateData[], name: string): TemplateValue {
  const [head, ...rest] = name.split('.');
  const scope = scopes.find((s) => head !== undefined && head in s);
  let value: TemplateValue = scope?.[head as string];
  for (const part of rest)
    value = value && typeof value === 'object' && !Array.isArray(value) ? value[part] : undefined;
  return value;
}

function lineOf(template: string, index: number): string {
  return `line ${template.slice(0, index).split('\n').length}`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
