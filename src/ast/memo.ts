/**
 * Answers kept per object and name for as long as the object lives (a class node and a field name, a
 * file's analysis and a module specifier): a WeakMap of Maps, so nothing outlives its AST.
 */
export interface NamedMemo<K extends object, V> {
  /** The answer for `key` and `name`, from `compute` the first time it is asked. */
  get(key: K, name: string, compute: () => V): V;
}

export function namedMemo<K extends object, V>(): NamedMemo<K, V> {
  const answers = new WeakMap<K, Map<string, V>>();
  return {
    get(key, name, compute) {
      let byName = answers.get(key);
      if (!byName) {
        byName = new Map();
        answers.set(key, byName);
      }
      if (byName.has(name)) return byName.get(name)!;
      const answer = compute();
      byName.set(name, answer);
      return answer;
    },
  };
}
