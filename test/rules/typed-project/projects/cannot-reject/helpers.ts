// Helpers that catch everything themselves: errors logged, or returned as values.
export async function refreshQuietly(): Promise<void> {
  try {
    await fetch('https://example.test/refresh');
  } catch (error) {
    console.error('refresh failed', error);
  }
}

export async function consume(key: string): Promise<{ allowed: boolean; error?: unknown }> {
  try {
    await fetch(`https://example.test/consume/${key}`);
    return { allowed: true };
  } catch (error) {
    return { allowed: false, error };
  }
}

export async function refreshAll(): Promise<void> {
  await refreshQuietly();
  await consume('all');
}

export async function refreshThenSync(): Promise<void> {
  await refreshQuietly();
  await fetch('https://example.test/sync');
}
