/**
 * Short ASCII strings decoded without Buffer#toString. A string of n ≤ ASCII_MAX bytes is read by a function made
 * for that n: it loads the n bytes once, checks that none has the high bit set, and passes them to a single
 * `String.fromCharCode` call, which builds one flat string inside V8. `Buffer#toString` goes through a native call
 * whose fixed cost dominates short strings: measured 1.4–3.5× slower for 17–40 bytes, break-even near 48
 * (docs/runtime.md § Codec speed). Anything else (longer, or any byte ≥ 0x80) is left to `Buffer#toString`.
 *
 * The functions are generated once at load from fixed text (no input enters them), e.g. for n = 3:
 *   function ascii3(b, p) { const c0 = b[p], c1 = b[p + 1], c2 = b[p + 2];
 *     return (c0 | c1 | c2) & 0x80 ? undefined : fcc(c0, c1, c2); }
 */
export const ASCII_MAX = 40;

type AsciiReader = (buf: Uint8Array, pos: number) => string | undefined;

function makeReader(n: number): AsciiReader {
  if (n === 0) return () => '';
  const codes = Array.from({ length: n }, (_, i) => `c${i}`);
  const loads = codes.map((c, i) => `${c} = b[p${i ? ` + ${i}` : ''}]`).join(', ');
  const body = `return function ascii${n}(b, p) {
  const ${loads};
  return (${codes.join(' | ')}) & 0x80 ? undefined : fcc(${codes.join(', ')});
};`;
  return (new Function('fcc', body) as (fcc: typeof String.fromCharCode) => AsciiReader)(String.fromCharCode);
}

/** `asciiReaders[n](buf, pos)`: the n bytes at `pos` as a string when all are ASCII, else undefined. */
export const asciiReaders: readonly AsciiReader[] = Array.from({ length: ASCII_MAX + 1 }, (_, n) => makeReader(n));
