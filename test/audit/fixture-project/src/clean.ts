// Supervised or finished work: nothing here may be reported.
export async function load(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal });
  return response.text();
}

export function stoppable(tick: () => void): () => void {
  const handle = setInterval(tick, 1000);
  return () => clearInterval(handle);
}
