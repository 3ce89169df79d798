/**
 * JSON with object keys sorted and `undefined` members dropped, so that two bodies that mean
 * the same thing serialise to the same text (the idempotency request hash). Iterative, with an
 * explicit stack: a body nested a hundred thousand levels deep costs memory bounded by the
 * body itself (≤ 1 MiB), never the call stack.
 */
type Item = { text: string } | { value: unknown };

function pushReversed(stack: Item[], items: Item[]): void {
  for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
}

function expand(value: unknown): Item[] | string {
  if (Array.isArray(value)) {
    const items: Item[] = [{ text: '[' }];
    value.forEach((inner, i) => items.push(...(i ? [{ text: ',' }] : []), { value: inner }));
    items.push({ text: ']' });
    return items;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const items: Item[] = [{ text: '{' }];
    entries.forEach(([key, inner], i) =>
      items.push({ text: `${i ? ',' : ''}${JSON.stringify(key)}:` }, { value: inner }),
    );
    items.push({ text: '}' });
    return items;
  }
  return JSON.stringify(value ?? null);
}

export function canonicalJson(root: unknown): string {
  const out: string[] = [];
  const stack: Item[] = [{ value: root }];
  while (stack.length) {
    const item = stack.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const expanded = expand(item.value);
    if (typeof expanded === 'string') out.push(expanded);
    else pushReversed(stack, expanded);
  }
  return out.join('');
}
