// Writes without waiting for 'drain': memory grows under a slow consumer.
export function exportAll(rows, stream) {
  for (const row of rows) {
    stream.write(`${row}\n`); // expect: no-unbounded-buffer
  }
}

export function quietly(promise) {
  return promise.catch(() => {}); // expect: no-swallowed-error
}
