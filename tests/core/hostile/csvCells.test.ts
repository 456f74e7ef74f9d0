// Issue #18 item 9: cells built to break a spreadsheet stay one inert cell, with either list separator.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../shared/text/csv';
import { auditCsv } from '../../../electron/core/audit/auditCsv';

/** Splits one CSV line the way a spreadsheet does with `separator` as its list separator (RFC 4180 quoting). */
function cellsAsRead(line: string, separator: ',' | ';'): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}

const HOSTILE = [';=1+1', 'a;b', '=HYPERLINK("http://x")', 'tab\there', '\tleading tab', 'line\nbreak', 'cr\rhere', '+963 933', '@SUM(A1)', '-2+3', 'plain', 'قال "نعم"، ثم ذهب'];

describe('CSV cells', () => {
  it('keeps every hostile cell one cell, with comma or semicolon as separator, and no cell starts a formula', () => {
    const line = HOSTILE.map(csvCell).join(',');
    // Read with a comma: the cells come back as written, formula starts prefixed with an apostrophe.
    const read = cellsAsRead(line, ',');
    expect(read).toHaveLength(HOSTILE.length);
    read.forEach((cell, i) => expect(cell.replace(/^'/, '')).toBe(HOSTILE[i]));
    for (const cell of read) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // Read with a semicolon (Arabic and European Excel): no quoted cell is split into a formula.
    for (const cell of HOSTILE.map(csvCell)) {
      for (const part of cellsAsRead(cell, ';')) expect(part).not.toMatch(/^[=+\-@\t\r]/);
      expect(cellsAsRead(cell, ';')).toHaveLength(1);
    }
  });

  it('quotes a cell holding a semicolon, a tab or a line break, and doubles quotes', () => {
    expect(csvCell(';=1+1')).toBe('";=1+1"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a\tb')).toBe('"a\tb"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('\t=1')).toBe('"\'\t=1"');
  });

  it('keeps numbers numbers, negative ones included, and text that looks negative text', () => {
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(35.8)).toBe('35.8');
    expect(csvCell('-3.5')).toBe("'-3.5");
    expect(csvCell(null)).toBe('');
  });

  it('writes the audit trail with the same rules (the renderer re-exports the same toCsv)', () => {
    const rows = [[';=1+1', -2, 'a;b']];
    expect(toCsv(['x', 'y', 'z'], rows)).toBe('\uFEFFx,y,z\r\n";=1+1",-2,"a;b"\r\n');
    const audit = auditCsv([{ at: 0, hlc: 'h', entity: 'incident', rowId: 'r', label: ';=1+1', field: 'description', before: 'a;b', after: -2,
      operatorId: 'o', operatorName: '@me', origin: 'o1', seq: 1, superseded: false }],
    { time: 'T', entity: 'E', label: 'L', field: 'F', before: 'B', after: 'A', operator: 'O', console: 'C' }, () => 't');
    expect(audit.split('\r\n')[1]).toBe(`t,incident,";=1+1",description,"a;b",-2,'@me,o1`);
  });
});
