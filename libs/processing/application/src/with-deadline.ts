/**
 * Runs `work` but gives up at the deadline with the error `onTimeout` makes. The work itself is not
 * cancelled (its own timeouts end it); the caller just stops waiting for it.
 */
export async function withDeadline<T>(ms: number, work: () => Promise<T>, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
