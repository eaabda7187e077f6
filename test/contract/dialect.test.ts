/** Dialects (delimiter, line endings, quoting) and physical line numbers. */
import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../src/contract/dialect.ts';
import { checkDataFolder } from '../../src/contract/index.ts';
import { parseCsv } from '../../src/contract/parse.ts';
import { fileReport, firstError, makeFolder, rows } from './helpers.ts';

const S = 'survey/2025Q3.csv';

describe('detectDialect', () => {
  it('finds comma, semicolon and tab', () => {
    expect(detectDialect('a,b,c\n1,2,3\n')).toMatchObject({ ok: true, dialect: { delimiter: ',', lineEnding: 'LF' } });
    expect(detectDialect('a;b;c\r\n1;2,5;3\r\n')).toMatchObject({ ok: true, dialect: { delimiter: ';', lineEnding: 'CRLF' } });
    expect(detectDialect('a\tb\tc\r1\t2\t3\r')).toMatchObject({ ok: true, dialect: { delimiter: '\t', lineEnding: 'CR' } });
    expect(detectDialect('a,b,c')).toMatchObject({ ok: true, dialect: { delimiter: ',', lineEnding: 'none' } });
  });

  it('uses known column names to settle a header that splits on two delimiters', () => {
    const text = 'a;b,c;d\n1;2,3;4\n';
    expect(detectDialect(text)).toMatchObject({ ok: false, message: expect.stringMatching(/ambiguous/) });
    expect(detectDialect(text, (n) => n === 'a' || n === 'd')).toMatchObject({ ok: true, dialect: { delimiter: ';' } });
  });

  it('the line ending is the header line break, even if quoted cells hold other breaks', () => {
    expect(detectDialect('a,b\r\n1,"x\ny"\r\n')).toMatchObject({ ok: true, dialect: { newline: '\r\n' } });
  });
});

describe('parseCsv', () => {
  it('gives each record its physical line, counting quoted breaks and blank lines', () => {
    const text = 'h1,h2\n1,"two\nlines"\n\n2,"three\r\nmore\nlines"\n3,x';
    const p = parseCsv(text, { delimiter: ',', newline: '\n', lineEnding: 'LF' });
    expect(p.header).toEqual(['h1', 'h2']);
    expect(p.records).toEqual([
      ['1', 'two\nlines'],
      ['2', 'three\r\nmore\nlines'],
      ['3', 'x'],
    ]);
    expect(p.lines).toEqual([2, 5, 8]);
    expect(p.blankLines).toEqual([4]);
  });

  it('counts lone CR breaks inside quotes in a CRLF file', () => {
    const p = parseCsv('h1,h2\r\n1,"a\rb"\r\n2,c\r\n', { delimiter: ',', newline: '\r\n', lineEnding: 'CRLF' });
    expect(p.lines).toEqual([2, 4]);
  });
});

describe('dialects through checkDataFolder', () => {
  it('semicolon files may use decimal commas', async () => {
    const text = 'respondent_id;quarter;bank;weight;perf_staff;comment\r\nr1;2025Q3;cmb;1,25;7,5;"a; b, c"\r\n';
    const result = await checkDataFolder(makeFolder({ [S]: text }));
    expect(firstError(result)).toBeUndefined();
    expect(fileReport(result, S)).toMatchObject({ delimiter: ';', lineEnding: 'CRLF' });
    expect(rows(result, 'survey')[0]).toMatchObject({ weight: 1.25, perf_staff: 7.5, comment: 'a; b, c' });
  });

  it('tab-delimited exports', async () => {
    const text = 'respondent_id\tquarter\tbank\tperf_staff\tcomment\nr1\t2025Q3\tcmb\t8\tcomma, inside\n';
    const result = await checkDataFolder(makeFolder({ [S]: text }));
    expect(firstError(result)).toBeUndefined();
    expect(fileReport(result, S).delimiter).toBe('\t');
    expect(rows(result, 'survey')[0]!.comment).toBe('comma, inside');
  });

  it('quoted delimiters, doubled quotes, line breaks inside quotes, no final newline', async () => {
    const text = 'respondent_id,quarter,bank,comment\nr1,2025Q3,cmb,"He said ""fine"", then left"\nr2,2025Q3,cmb,"multi\nline"\nr3,2025Q3,cmb,last';
    const result = await checkDataFolder(makeFolder({ [S]: text }));
    expect(firstError(result)).toBeUndefined();
    expect(rows(result, 'survey').map((r) => r.comment)).toEqual(['He said "fine", then left', 'multi\nline', 'last']);
    expect(fileReport(result, S)).toMatchObject({ rowsRead: 3, rowsLoaded: 3, lineEnding: 'LF' });
  });

  it('CR-only line endings (old Mac Excel)', async () => {
    const text = 'respondent_id,quarter,bank,overall\r1,2025Q3,cmb,8\rr2,2025Q3,cmb,12\r';
    const result = await checkDataFolder(makeFolder({ [S]: text }));
    expect(fileReport(result, S).lineEnding).toBe('CR');
    expect(firstError(result)).toMatchObject({ line: 3, column: 'overall' });
  });

  it('an ambiguous delimiter is an error that says how to fix it', async () => {
    const result = await checkDataFolder(makeFolder({ 'banks.csv': 'id;zh,en;x\na;b,c;d\n' }));
    expect(firstError(result)).toMatchObject({ line: 1, message: expect.stringMatching(/delimiter is ambiguous.*double quotes/) });
  });

  it('a header without any delimiter is an error', async () => {
    const result = await checkDataFolder(makeFolder({ 'banks.csv': 'bank_id\ncmb\n' }));
    expect(firstError(result)).toMatchObject({ line: 1, message: expect.stringMatching(/cannot detect the delimiter/) });
  });

  it('blank lines are skipped with a warning, never counted as rows', async () => {
    const text = 'respondent_id,quarter,bank\nr1,2025Q3,cmb\n\n,,\nr2,2025Q3,cmb\n\n';
    const result = await checkDataFolder(makeFolder({ [S]: text }));
    expect(result.ok).toBe(true);
    const f = fileReport(result, S);
    expect(f).toMatchObject({ rowsRead: 2, rowsLoaded: 2, warningCount: 1 });
    expect(f.issues[0]!.message).toMatch(/3 blank lines were skipped \(line 3, 4, 6\)/);
  });

  it('an empty file is a warning, not an error', async () => {
    const result = await checkDataFolder(makeFolder({ 'survey/2025Q4.csv': '' }));
    expect(result.ok).toBe(true);
    expect(fileReport(result, 'survey/2025Q4.csv')).toMatchObject({ rowsRead: 0, warningCount: 1 });
  });
});
