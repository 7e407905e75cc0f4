import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type ConfigPath = ReadonlyArray<PropertyKey>;

export interface Position {
  line: number;
  col: number;
}

/**
 * Finds where a value (or, with `key: true`, its key) stands in the YAML source, falling back to the nearest
 * ancestor that exists: a missing key is reported at the map that should hold it.
 */
export class YamlLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly text = '',
  ) {}

  locate(path: ConfigPath, options: { key?: boolean } = {}): Position {
    let node: Node | null | undefined = this.doc.contents as Node | null;
    let best: Node | null | undefined = node;
    for (const segment of path) {
      const step = this.child(node, segment);
      if (!step) break;
      best = options.key && segment === path[path.length - 1] && step.key ? step.key : step.value;
      node = step.value;
      if (!best) break;
    }
    return this.position(best);
  }

  /** true when the path leads to a node that is really in the file */
  exists(path: ConfigPath): boolean {
    let node: Node | null | undefined = this.doc.contents as Node | null;
    for (const segment of path) {
      const step = this.child(node, segment);
      if (!step || !step.value) return false;
      node = step.value;
    }
    return true;
  }

  /** the value as written in the file (`10.30`, not the number 10.3 YAML made of it), if it is there */
  source(path: ConfigPath): string | undefined {
    let node: Node | null | undefined = this.doc.contents as Node | null;
    for (const segment of path) {
      node = this.child(node, segment)?.value;
      if (!node) return undefined;
    }
    const range = node?.range;
    return range ? this.text.slice(range[0], range[1]) : undefined;
  }

  private child(
    node: Node | null | undefined,
    segment: PropertyKey,
  ): { key?: Node; value?: Node } | undefined {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair) return undefined;
      return { key: pair.key as Node, value: (pair.value as Node | null) ?? (pair.key as Node) };
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      return item ? { value: item } : undefined;
    }
    return undefined;
  }

  position(node: Node | null | undefined): Position {
    const offset = node?.range?.[0] ?? 0;
    return this.lines.linePos(offset);
  }
}
