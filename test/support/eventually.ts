/** Polls until `check` passes (it throws, an expect failing, while the answer is not there yet); after `ms` its last error is thrown. */
export async function eventually(check: () => Promise<void>, ms = 30_000, everyMs = 200): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
