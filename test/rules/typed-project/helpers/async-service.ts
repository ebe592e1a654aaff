// A module of the typed test project that rule cases load with `require()` (typed `any` at the call site).
export async function save(record: unknown): Promise<void> {
  if (record === null) throw new Error('nothing to save');
  await Promise.resolve(record);
}

export function describe(record: unknown): string {
  return String(record);
}
