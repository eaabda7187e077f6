/** Encodings: detected from the bytes, reported per file, and text arrives byte-exact. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/contract/decode.ts';
import { checkDataFolder } from '../../src/contract/index.ts';
import { FIXTURES, fileReport, firstError, makeFolder, rows } from './helpers.ts';

const S = 'survey/2025Q3.csv';
const TEXT = 'respondent_id,quarter,bank,overall,comment\nr1,2025Q3,cmb,8,服务很好 👍\nr2,2025Q3,pab,7,"Line one\nline two"\n';

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from('\ufeff' + text, 'utf16le'));
}
function utf16be(text: string): Uint8Array {
  const le = utf16le(text);
  const be = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('decodeBytes', () => {
  it('decodes known GB18030 bytes (招商银行 = D5D0 C9CC D2F8 D0D0) when the bytes are not UTF-8', () => {
    const r = decodeBytes(bytes('name,', [0xd5, 0xd0, 0xc9, 0xcc, 0xd2, 0xf8, 0xd0, 0xd0], '\n'));
    expect(r).toEqual({ ok: true, text: 'name,招商银行\n', encoding: 'gb18030' });
  });

  it('prefers UTF-8 when the bytes are valid UTF-8', () => {
    expect(decodeBytes(new TextEncoder().encode('a,招商\n'))).toEqual({ ok: true, text: 'a,招商\n', encoding: 'utf-8' });
  });

  it('strips a UTF-8 byte-order mark and reports it', () => {
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], 'a,b\n'))).toEqual({ ok: true, text: 'a,b\n', encoding: 'utf-8 (BOM)' });
  });

  it('decodes UTF-16 LE and BE with a byte-order mark', () => {
    expect(decodeBytes(utf16le('a,招\n'))).toEqual({ ok: true, text: 'a,招\n', encoding: 'utf-16le (BOM)' });
    expect(decodeBytes(utf16be('a,招\n'))).toEqual({ ok: true, text: 'a,招\n', encoding: 'utf-16be (BOM)' });
  });

  it('rejects bytes that are neither UTF-8 nor GB18030, saying how to fix it', () => {
    const r = decodeBytes(bytes('a,b\n', [0x80, 0xff, 0xfe], '\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/neither valid UTF-8 nor valid GB18030.*CSV UTF-8/);
  });

  it('names the line and byte offset of the first invalid byte, in each encoding tried', () => {
    const r = decodeBytes(bytes('bank,name\r\ncmb,CMB\r\nicbc,', [0x80, 0xff, 0x41], '\r\n'));
    expect(r).toMatchObject({ ok: false, line: 3 });
    if (!r.ok) expect(r.message).toMatch(/as UTF-8 is at line 3 \(byte offset 25, byte 0x80\); as GB18030 at line 3 \(byte offset 26, byte 0xFF\)/);
    // Far into a large file, past the decoder's chunk size, with a multi-byte character split across chunks.
    const big = new TextEncoder().encode(`h\n${'招'.repeat(30_000)}\n${'x'.repeat(100_000)}\n`);
    const broken = big.slice();
    broken[big.length - 5] = 0xff;
    const r2 = decodeBytes(broken);
    expect(r2).toMatchObject({ ok: false, line: 3 });
    if (!r2.ok) expect(r2.message).toContain(`line 3 (byte offset ${big.length - 5}, byte 0xFF)`);
  });

  it('names the first invalid byte of a file that claims UTF-8 with a byte-order mark', () => {
    const r = decodeBytes(bytes([0xef, 0xbb, 0xbf], 'a,b\n1,', [0xc3, 0x28], '\n'));
    expect(r).toMatchObject({ ok: false, line: 2 });
    if (!r.ok) expect(r.message).toMatch(/not valid UTF-8, first at line 2 \(byte offset 10, byte 0x28\)/);
  });

  it('rejects a NUL byte with its line', () => {
    const r = decodeBytes(bytes('a,b\r\n1,2\r\n3,', [0], '\r\n'));
    expect(r).toMatchObject({ ok: false, line: 3 });
  });

  it('recognises UTF-16 without a byte-order mark', () => {
    const r = decodeBytes(new Uint8Array(Buffer.from('respondent_id,bank\nr1,cmb\n', 'utf16le')));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/UTF-16 without a byte-order mark/);
  });
});

describe('encodings through checkDataFolder', () => {
  const cases: { name: string; content: Uint8Array | string; encoding: string }[] = [
    { name: 'UTF-8 without BOM', content: TEXT, encoding: 'utf-8' },
    { name: 'UTF-8 with BOM', content: bytes([0xef, 0xbb, 0xbf], Buffer.from(TEXT).toString('latin1')), encoding: 'utf-8 (BOM)' },
    { name: 'UTF-16 LE with BOM', content: utf16le(TEXT), encoding: 'utf-16le (BOM)' },
    { name: 'UTF-16 BE with BOM', content: utf16be(TEXT), encoding: 'utf-16be (BOM)' },
  ];
  for (const c of cases) {
    it(`${c.name}: detected, reported, text intact`, async () => {
      const result = await checkDataFolder(makeFolder({ [S]: c.content }));
      expect(firstError(result)).toBeUndefined();
      expect(fileReport(result, S).encoding).toBe(c.encoding);
      const r = rows(result, 'survey');
      expect(r.map((x) => x.respondent_id)).toEqual(['r1', 'r2']);
      expect(r.map((x) => x.comment)).toEqual(['服务很好 👍', 'Line one\nline two']);
    });
  }

  it('GB18030 file from Chinese Excel: comments arrive byte-exact, lines counted across CRLF and quoted breaks', async () => {
    const gb = readFileSync(path.join(FIXTURES, 'encodings/gb18030-survey.csv'));
    const ok = await checkDataFolder(makeFolder({ [S]: gb }));
    expect(firstError(ok)).toBeUndefined();
    const report = fileReport(ok, S);
    expect(report).toMatchObject({ encoding: 'gb18030', delimiter: ',', lineEnding: 'CRLF', rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
    expect(rows(ok, 'survey').map((x) => x.comment)).toEqual([
      '服务很好，排队太久。',
      '客户经理说："请稍等"，\r\n然后等了二十分钟。',
      'English comment from a GB18030 file',
    ]);

    // The same file with an error on its last record: line 5, because record 2 spans lines 3–4.
    const text = new TextDecoder('gb18030').decode(gb).replace('icbc,9,9', 'icbc,9,12');
    const bad = await checkDataFolder(makeFolder({ [S]: text }));
    expect(firstError(bad)).toMatchObject({ line: 5, column: 'perf_queue' });
  });

  it('a file that cannot be decoded is an error with nothing loaded', async () => {
    const result = await checkDataFolder(makeFolder({ [S]: bytes('respondent_id,bank\nr1,', [0x80, 0xff], '\n') }));
    expect(result.ok).toBe(false);
    expect(firstError(result)!.message).toMatch(/save as|Save As/i);
    expect(fileReport(result, S)).toMatchObject({ encoding: 'unknown', rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 });
  });

  it('a NUL byte is an error with its line', async () => {
    const result = await checkDataFolder(makeFolder({ [S]: bytes('respondent_id,quarter,bank\nr1,2025Q3,cmb\nr2,2025Q3,c', [0], 'mb\n') }));
    expect(firstError(result)).toMatchObject({ line: 3, message: expect.stringMatching(/NUL byte/) });
  });
});
