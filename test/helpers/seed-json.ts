/**
 * The JSON examples of a seed page. An example starts at a line that is just `{` and
 * runs to its balanced closing brace; braces inside strings do not count. The page
 * dump breaks some strings across lines (code 107's message): such a break and the
 * indentation after it become one space.
 */
export function jsonExamples(text: string): unknown[] {
  const examples: unknown[] = [];
  for (const start of text.matchAll(/^\{[ \t]*$/gm)) {
    let depth = 0;
    let inString = false;
    let escaped = false;
    let out = '';
    let i = start.index;
    for (; i < text.length; i++) {
      const ch = text.charAt(i);
      if (inString) {
        if (ch === '\n') {
          out = `${out.trimEnd()} `;
          while (/[ \t]/.test(text.charAt(i + 1))) i++;
          continue;
        }
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      out += ch;
      if (depth === 0) break;
    }
    if (depth !== 0) throw new Error(`unbalanced JSON example at offset ${start.index}`);
    try {
      examples.push(JSON.parse(out));
    } catch (error) {
      throw new Error(`seed example at offset ${start.index} is not JSON (${String(error)}):\n${out}`);
    }
  }
  return examples;
}
