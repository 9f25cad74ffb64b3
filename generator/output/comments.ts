/** Text from a schema or contract (a doc, a summary, a title) inside a comment of generated or scaffolded code. */

/** The text with every `*\/` broken, so it cannot end a block comment early. */
export function escapeComment(text: string): string {
  return text.includes('*/') ? text.replace(/\*\//g, '*\\/') : text;
}

/** JSDoc for a doc string: one line when the doc is one line, else a block. */
export function jsDoc(doc: string | undefined, indent = ''): string[] {
  if (!doc) return [];
  // Nearly every doc is one line with nothing to escape: no regular expressions for those.
  if (!doc.includes('\n') && !doc.includes('*/')) return [`${indent}/** ${doc} */`];
  const lines = escapeComment(doc).split(/\r?\n/);
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`];
}

/** The text on one line (line breaks become spaces), escaped, for a template's `/** … *\/`. */
export function commentLine(text: string | undefined): string {
  return escapeComment((text ?? '').replace(/\s*\n\s*/g, ' ').trim());
}
