/**
 * The source of a regular expression without what fast-check's `stringMatching` cannot generate: word boundaries
 * (\b, \B) and lookarounds. Every match of the original is a match of the result, so generating from the result and
 * keeping the strings the original matches gives matches of the original.
 */
export function generable(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      i++;
      if (!inClass && (next === "b" || next === "B")) continue;
      out += c + next;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") inClass = true;
    if (c === "(" && /^\(\?(?:=|!|<=|<!)/.test(source.slice(i, i + 4))) {
      i = closingParen(source, i);
      continue;
    }
    out += c;
  }
  return out;
}

/** Index of the parenthesis closing the group that opens at `open`. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  throw new Error(`unbalanced group at ${open} in ${source}`);
}
