/**
 * Values keyed by a short list of texts (a process's eight namespace links),
 * looked up one text at a time: no joined key string is built per process.
 */
interface Node<V> {
  readonly next: Map<string, Node<V>>;
  value?: V;
}

export class TextTrie<V> {
  private readonly root: Node<V> = { next: new Map() };

  get(keys: readonly string[]): V | undefined {
    let node: Node<V> | undefined = this.root;
    for (const key of keys) if (!(node = node.next.get(key))) return undefined;
    return node.value;
  }

  set(keys: readonly string[], value: V): void {
    let node = this.root;
    for (const key of keys) {
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = { next: new Map() }));
      node = child;
    }
    node.value = value;
  }
}
