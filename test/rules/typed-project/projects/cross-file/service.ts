// Modules another file of this project imports: without a checker, the syntactic mode reads them to
// learn whether an imported function returns a promise, and whether that promise can reject.
export async function syncAccounts(): Promise<void> {
  await fetch('https://example.test/accounts');
}

export async function refreshQuietly(): Promise<void> {
  try {
    await fetch('https://example.test/refresh');
  } catch (error) {
    console.error('refresh failed', error);
  }
}

export function countAccounts(): number {
  return 3;
}

const syncAll = async (): Promise<void> => {
  await syncAccounts();
};
export default syncAll;
