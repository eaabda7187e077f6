/**
 * Bytes → text. Files arrive from Excel or survey platforms, so the encoding is detected, never
 * assumed: a byte-order mark decides first, then strict UTF-8, then GB18030 (Chinese Excel's
 * "CSV (Comma delimited)" default). Decoding is always done by the platform's TextDecoder in fatal
 * mode, so a byte sequence that is invalid in the chosen encoding is reported instead of being
 * silently replaced by U+FFFD.
 */

export type DecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; encoding: string; message: string; line?: number };

const SAVE_AS_UTF8 = 'open it in Excel and use File › Save As › "CSV UTF-8 (Comma delimited)"';

function decodeStrict(label: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM=false: the decoder drops the BOM it was chosen for, so it never reaches the header.
    return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Offset of the byte at which strict decoding first fails (the byte that makes the sequence
 * invalid), or -1. Streams in chunks, then byte by byte through the failing chunk, so a split
 * multi-byte character at a chunk edge is never mistaken for an error.
 */
export function firstInvalidByte(label: string, bytes: Uint8Array): number {
  const CHUNK = 1 << 16;
  let decoder = new TextDecoder(label, { fatal: true, ignoreBOM: false });
  let start = 0;
  for (; start < bytes.length; start += CHUNK) {
    try {
      decoder.decode(bytes.subarray(start, start + CHUNK), { stream: true });
    } catch {
      break;
    }
  }
  if (start >= bytes.length) {
    try {
      decoder.decode();
      return -1;
    } catch {
      return bytes.length - 1; // a sequence cut off by the end of the file
    }
  }
  decoder = new TextDecoder(label, { fatal: true, ignoreBOM: false });
  decoder.decode(bytes.subarray(0, start), { stream: true });
  for (let i = start; i < Math.min(bytes.length, start + CHUNK); i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return start;
}

/** "line L (byte offset N, 0x..)" of the first byte that is invalid in `label`. */
function badByteAt(label: string, bytes: Uint8Array): { line: number; where: string } | null {
  const at = firstInvalidByte(label, bytes);
  if (at < 0) return null;
  const hex = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
  return { line: lineOfOffset(bytes, at), where: `line ${lineOfOffset(bytes, at)} (byte offset ${at}, byte 0x${hex})` };
}

/** 1-based line of a byte or character offset, counting LF, CRLF and lone CR as one break each. */
export function lineOfOffset(data: ArrayLike<number> | string, offset: number): number {
  let line = 1;
  const isString = typeof data === 'string';
  for (let i = 0; i < offset; i++) {
    const c = isString ? (data as string).charCodeAt(i) : (data as ArrayLike<number>)[i]!;
    if (c === 10) line++;
    else if (c === 13) {
      const next = isString ? (data as string).charCodeAt(i + 1) : (data as ArrayLike<number>)[i + 1];
      if (next !== 10) line++;
    }
  }
  return line;
}

function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  // ASCII text in UTF-16 has a NUL in every other byte; real NULs in a text file are rare and isolated.
  const n = Math.min(bytes.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  return Math.max(even, odd) > n / 4;
}

function nulError(encoding: string, line: number): DecodeResult {
  return {
    ok: false,
    encoding,
    line,
    message:
      'the file contains a NUL byte, so it is not a text CSV (binary data, a damaged download, or an Excel workbook renamed to .csv); ' +
      SAVE_AS_UTF8,
  };
}

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];

  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const label = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    const encoding = `${label} (BOM)`;
    const text = decodeStrict(label, bytes);
    if (text === null) {
      return {
        ok: false,
        encoding,
        message: `the file starts with a ${label.toUpperCase()} byte-order mark but is not valid ${label.toUpperCase()} (odd length or broken surrogates); ${SAVE_AS_UTF8}`,
      };
    }
    const nul = text.indexOf('\0');
    if (nul !== -1) return nulError(encoding, lineOfOffset(text, nul));
    return { ok: true, text, encoding };
  }

  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    if (looksLikeUtf16WithoutBom(bytes)) {
      return {
        ok: false,
        encoding: 'unknown',
        message: `the file looks like UTF-16 without a byte-order mark, which cannot be detected reliably; ${SAVE_AS_UTF8}`,
      };
    }
    return nulError('unknown', lineOfOffset(bytes, nul));
  }

  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const text = decodeStrict('utf-8', bytes);
    if (text === null) {
      const bad = badByteAt('utf-8', bytes);
      return {
        ok: false,
        encoding: 'utf-8 (BOM)',
        ...(bad ? { line: bad.line } : {}),
        message: `the file starts with a UTF-8 byte-order mark but contains bytes that are not valid UTF-8${bad ? `, first at ${bad.where}` : ''} (text pasted from another encoding?); ${SAVE_AS_UTF8}`,
      };
    }
    return { ok: true, text, encoding: 'utf-8 (BOM)' };
  }

  const utf8 = decodeStrict('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };

  const gb = decodeStrict('gb18030', bytes);
  if (gb !== null) return { ok: true, text: gb, encoding: 'gb18030' };

  const asUtf8 = badByteAt('utf-8', bytes);
  const asGb = badByteAt('gb18030', bytes);
  return {
    ok: false,
    encoding: 'unknown',
    ...(asUtf8 ? { line: asUtf8.line } : {}),
    message:
      `the file is neither valid UTF-8 nor valid GB18030, so its text cannot be read safely ` +
      `(the first invalid byte as UTF-8 is at ${asUtf8?.where ?? '?'}; as GB18030 at ${asGb?.where ?? '?'}); ${SAVE_AS_UTF8}`,
  };
}
