/**
 * Meta's field selection: `fields=id,from{id,name},comments.limit(5).filter(stream){id,message}`. A field may
 * carry modifiers (`.limit(n)`, `.since(t)`, ...) and, for objects and edges, its own field list in braces.
 */

export interface FieldSpec {
  name: string;
  modifiers: Record<string, string>;
  children?: FieldSpec[];
}

export class FieldSyntaxError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function parseFields(input: string): FieldSpec[] {
  let position = 0;

  const fail = (what: string): never => {
    throw new FieldSyntaxError(`Syntax error "${what}" at character ${position} in the fields parameter`);
  };
  const name = (): string => {
    const match = NAME.exec(input.slice(position));
    if (!match) return fail('Expected a field name');
    position += match[0].length;
    return match[0];
  };
  const modifierValue = (): string => {
    const end = input.indexOf(')', position);
    if (end < 0) return fail('Expected ")"');
    const value = input.slice(position, end);
    position = end + 1;
    return value;
  };
  const list = (): FieldSpec[] => {
    const specs: FieldSpec[] = [];
    for (;;) {
      const spec: FieldSpec = { name: name(), modifiers: {} };
      for (;;) {
        if (input[position] === '.') {
          position += 1;
          const modifier = name();
          if (input[position] !== '(') fail('Expected "("');
          position += 1;
          spec.modifiers[modifier] = modifierValue();
        } else if (input[position] === '{') {
          if (spec.children) fail('Unexpected "{"');
          position += 1;
          spec.children = list();
          if (input[position] !== '}') fail('Expected "}"');
          position += 1;
        } else break;
      }
      specs.push(spec);
      if (input[position] !== ',') return specs;
      position += 1;
    }
  };

  const specs = list();
  if (position !== input.length) fail(`Unexpected "${input[position] ?? ''}"`);
  return specs;
}
