export async function onResponse(this: { name: string }, url: string): Promise<void> {
  if (!url) throw new Error(this.name);
}
