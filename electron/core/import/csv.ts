// CSV as other systems really export it (RFC 4180, read leniently): a BOM from Excel, quoted
// fields with delimiters, doubled quotes and line breaks in them, CRLF, LF or old-Mac CR line
// ends, and `;` where the decimal separator is a comma. Records come out one at a time, so a
// 100 MB export is never held twice in memory.

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface CsvRecord {
  /** Physical line (1-based) on which the record begins, as a text editor counts them. */
  line: number;
  fields: string[];
  /** A quoted field was still open at the end of the file: the rest of the file is in it. */
  unterminated?: true;
  /** With `unterminated`: the last line the open quote swallowed. */
  endLine?: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** The delimiter used most often outside quotes on the header line; `,` when none is. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Line breaks inside a quoted field: CRLF is one, as are a lone CR and a lone LF. */
function countLineBreaks(s: string): number {
  if (s.indexOf('\n') === -1 && s.indexOf('\r') === -1) return 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * Records of the text, the header included. Lines with nothing but empty fields (blank lines,
 * or `;;;;` rows that spreadsheets leave behind) are skipped.
 */
export function* parseCsv(text: string, options: { delimiter?: Delimiter | undefined } = {}): Generator<CsvRecord> {
  const delimiter = (options.delimiter ?? detectDelimiter(text)).charCodeAt(0);
  const n = text.length;
  // Where the unquoted run starting at `from` ends: at a delimiter, a line end, or the end.
  const runEnd = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === delimiter || c === LF || c === CR) break;
      j++;
    }
    return j;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let unterminated = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            value += text.slice(from);
            i = n;
            unterminated = true;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        line += countLineBreaks(value);
        // Lenient, as spreadsheets are: text after the closing quote belongs to the same field.
        const end = runEnd(i);
        value = value.replace(/\r\n?/g, '\n') + text.slice(i, end);
        i = end;
      } else {
        const end = runEnd(i);
        value = text.slice(i, end);
        i = end;
      }
      fields.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i++);
      if (c === delimiter) continue;
      if (c === CR && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    if (unterminated || fields.some((f) => f.trim() !== '')) {
      // A final line break ends the last line rather than beginning another.
      yield unterminated ? { line: start, fields, unterminated: true, endLine: /[\r\n]$/.test(text) ? line - 1 : line } : { line: start, fields };
    }
  }
}
