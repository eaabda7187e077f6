import zlib from 'node:zlib';

/**
 * Just enough of a PDF reader for the PDFs Chromium (Skia) writes: PDF 1.4, one object per
 * `N 0 obj`, direct stream lengths, no object or cross-reference streams. It gives the page order,
 * the named destinations (which page a `<a href="#id">` target landed on: `npm run pdf` numbers its
 * table of contents with them) and each page's text through the fonts' ToUnicode maps (the tests
 * read the PDFs with it). Not a general PDF parser.
 */

export interface PdfObject {
  /** The object's text before `stream` (its dictionary, or the whole value), as latin1. */
  dict: string;
  /** The stream's bytes, inflated when the object says /FlateDecode. */
  stream?: Buffer;
}

export interface PdfFont {
  /** /BaseFont, e.g. `AAAAAA+NotoSansCJKsc-Regular`, or the descriptor's /FontName for Type 3 fonts. */
  name: string;
  /** /FontFamily of the font descriptor when there is one, e.g. `Noto Sans CJK SC`. */
  family?: string;
  subtype: string;
  /** Glyph code → text, from /ToUnicode. */
  toUnicode: Map<number, string>;
  /** Bytes per glyph code (1 for Type 3 and simple fonts, 2 for Identity-H). */
  codeBytes: number;
}

export class PdfDocument {
  readonly objects = new Map<number, PdfObject>();
  private readonly fontCache = new Map<number, PdfFont>();

  readonly bytes: Buffer;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
    const text = bytes.toString('latin1');
    const head = /(\d+)\s+(\d+)\s+obj\b/g;
    let m: RegExpExecArray | null;
    while ((m = head.exec(text))) {
      const start = m.index + m[0].length;
      const end = text.indexOf('endobj', start);
      if (end < 0) break;
      const streamAt = text.slice(start, end).search(/\bstream\r?\n/);
      if (streamAt < 0) {
        this.objects.set(Number(m[1]), { dict: text.slice(start, end) });
        head.lastIndex = end + 6;
        continue;
      }
      const dict = text.slice(start, start + streamAt);
      const dataStart = start + streamAt + (text[start + streamAt + 6] === '\r' ? 8 : 7);
      const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
      const dataEnd = length ? dataStart + Number(length[1]) : text.indexOf('endstream', dataStart);
      let stream = bytes.subarray(dataStart, dataEnd);
      if (/\/Filter\s*\/FlateDecode/.test(dict)) stream = zlib.inflateSync(stream);
      this.objects.set(Number(m[1]), { dict, stream });
      const after = text.indexOf('endobj', dataEnd);
      head.lastIndex = after < 0 ? text.length : after + 6;
    }
  }

  object(num: number): PdfObject {
    const o = this.objects.get(num);
    if (!o) throw new Error(`PDF: no object ${num}`);
    return o;
  }

  private catalog(): PdfObject {
    for (const o of this.objects.values()) if (/\/Type\s*\/Catalog\b/.test(o.dict)) return o;
    throw new Error('PDF: no /Catalog');
  }

  /** Object numbers of the pages, in reading order (the /Pages tree walked depth first). */
  pages(): number[] {
    const root = ref(this.catalog().dict, 'Pages');
    if (root === undefined) throw new Error('PDF: the catalog has no /Pages');
    const out: number[] = [];
    const walk = (num: number) => {
      const { dict } = this.object(num);
      if (/\/Type\s*\/Pages\b/.test(dict)) {
        const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
        for (const k of kids.matchAll(/(\d+)\s+\d+\s+R/g)) walk(Number(k[1]));
      } else out.push(num);
    };
    walk(root);
    return out;
  }

  /** Named destination → 0-based page index (the catalog's /Dests dictionary, which Skia writes). */
  namedDestinations(): Map<string, number> {
    const pageIndex = new Map(this.pages().map((num, i) => [num, i]));
    const catalog = this.catalog().dict;
    const num = ref(catalog, 'Dests');
    const dict = num !== undefined ? this.object(num).dict : (/\/Dests\s*<<([\s\S]*?)>>/.exec(catalog)?.[1] ?? '');
    const out = new Map<string, number>();
    for (const m of dict.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+\d+\s+R/g)) {
      const page = pageIndex.get(Number(m[2]));
      if (page !== undefined) out.set(decodeName(m[1]!), page);
    }
    return out;
  }

  /** A font object, with its ToUnicode map. */
  font(num: number): PdfFont {
    let font = this.fontCache.get(num);
    if (font) return font;
    const { dict } = this.object(num);
    const subtype = /\/Subtype\s*\/(\w+)/.exec(dict)?.[1] ?? '';
    const descriptorNum = ref(dict, 'FontDescriptor') ?? ref(this.descendant(dict) ?? '', 'FontDescriptor');
    const descriptor = descriptorNum === undefined ? '' : this.object(descriptorNum).dict;
    const name = decodeName(/\/BaseFont\s*\/([^\s/[\]<>()]+)/.exec(dict)?.[1] ?? /\/FontName\s*\/([^\s/[\]<>()]+)/.exec(descriptor)?.[1] ?? '');
    const familyRaw = /\/FontFamily\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(descriptor)?.[1];
    const uni = ref(dict, 'ToUnicode');
    const cmap = uni === undefined ? undefined : this.object(uni).stream?.toString('latin1');
    const parsed = cmap ? parseCMap(cmap) : { map: new Map<number, string>(), codeBytes: 0 };
    font = {
      name,
      family: familyRaw ? pdfString(familyRaw) : undefined,
      subtype,
      toUnicode: parsed.map,
      codeBytes: parsed.codeBytes || (subtype === 'Type0' ? 2 : 1),
    };
    this.fontCache.set(num, font);
    return font;
  }

  private descendant(dict: string): string | undefined {
    const num = /\/DescendantFonts\s*\[\s*(\d+)\s+\d+\s+R/.exec(dict)?.[1];
    return num === undefined ? undefined : this.object(Number(num)).dict;
  }

  /** Every font object of the file. */
  fonts(): PdfFont[] {
    const out: PdfFont[] = [];
    for (const [num, o] of this.objects) if (/\/Type\s*\/Font\b/.test(o.dict) && /\/Subtype\s*\/(Type0|Type3|TrueType|Type1)\b/.test(o.dict)) out.push(this.font(num));
    return out;
  }

  /** The text a page draws, in drawing order: glyphs through ToUnicode, /ActualText spans as written, a line break per text positioning. */
  pageText(pageNum: number): string {
    const page = this.object(pageNum).dict;
    const resources = this.resolveDict(page, 'Resources');
    const fontsDict = this.resolveDict(resources, 'Font');
    const fonts = new Map<string, number>();
    for (const m of fontsDict.matchAll(/\/([^\s/[\]<>()]+)\s+(\d+)\s+\d+\s+R/g)) fonts.set(m[1]!, Number(m[2]));
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(page)?.[1] ?? '';
    const streams = [...contents.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => this.object(Number(m[1])).stream ?? Buffer.alloc(0));
    return showText(Buffer.concat(streams).toString('latin1'), (name) => {
      const num = fonts.get(name);
      return num === undefined ? undefined : this.font(num);
    });
  }

  /** The text of every page. */
  text(): string[] {
    return this.pages().map((p) => this.pageText(p));
  }

  /** A dictionary entry that may be inline (`/Key << … >>`) or a reference (`/Key N 0 R`). */
  private resolveDict(dict: string, key: string): string {
    const num = ref(dict, key);
    if (num !== undefined) return this.object(num).dict;
    const at = dict.search(new RegExp(`/${key}\\s*<<`));
    return at < 0 ? '' : balancedDict(dict, dict.indexOf('<<', at));
  }
}

export function readPdf(bytes: Buffer): PdfDocument {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF file');
  return new PdfDocument(bytes);
}

function ref(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
  return m ? Number(m[1]) : undefined;
}

function balancedDict(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length - 1; i++) {
    if (text[i] === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (text[i] === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return text.slice(open, i + 1);
    }
  }
  return text.slice(open);
}

function decodeName(name: string): string {
  return Buffer.from(name.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

function hexBytes(hex: string): Buffer {
  const clean = hex.replace(/[^0-9A-Fa-f]/g, '');
  return Buffer.from(clean.length % 2 ? `${clean}0` : clean, 'hex');
}

function utf16be(bytes: Buffer): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.readUInt16BE(i));
  return s;
}

/** A PDF text string, `(…)` or `<…>`, decoded (UTF-16BE with a BOM, else PDFDocEncoding ≈ latin1). */
function pdfString(token: string): string {
  return textBytes(token.startsWith('<') ? hexBytes(token.slice(1, -1)) : literalBytes(token.slice(1, -1)));
}

function textBytes(bytes: Buffer): string {
  return bytes[0] === 0xfe && bytes[1] === 0xff ? utf16be(bytes.subarray(2)) : bytes.toString('latin1');
}

function literalBytes(body: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
      continue;
    }
    const n = body[++i] ?? '';
    const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (n in esc) out.push(esc[n]!);
    else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
      out.push(parseInt(oct, 8) & 0xff);
    } else if (n === '\r' || n === '\n') {
      if (n === '\r' && body[i + 1] === '\n') i++;
    } else out.push(n.charCodeAt(0));
  }
  return Buffer.from(out);
}

/** A ToUnicode CMap: bfchar and bfrange entries, and the code length of its codespace. */
export function parseCMap(cmap: string): { map: Map<number, string>; codeBytes: number } {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  const codeBytes = space ? space[1]!.length / 2 : 0;
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) map.set(parseInt(m[1]!, 16), utf16be(hexBytes(m[2]!)));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        [...dst.matchAll(/<([0-9A-Fa-f]*)>/g)].forEach((d, i) => map.set(lo + i, utf16be(hexBytes(d[1]!))));
      } else {
        const base = hexBytes(dst.slice(1, -1));
        for (let code = lo; code <= hi; code++) {
          const b = Buffer.from(base);
          b.writeUInt16BE((b.readUInt16BE(b.length - 2) + code - lo) & 0xffff, b.length - 2);
          map.set(code, utf16be(b));
        }
      }
    }
  }
  return { map, codeBytes };
}

type Operand = number | string | { name: string } | { bytes: Buffer } | Operand[] | Map<string, Operand>;

/** Runs a content stream's text operators and returns what they show. */
function showText(content: string, fontOf: (resourceName: string) => PdfFont | undefined): string {
  let out = '';
  let font: PdfFont | undefined;
  const stack: Operand[] = [];
  const marked: boolean[] = []; // per open marked-content sequence: does it replace its glyphs with /ActualText?
  const suppressed = () => marked.includes(true);
  const newline = () => {
    if (out && !out.endsWith('\n')) out += '\n';
  };
  const show = (s: Operand) => {
    if (suppressed() || !font || typeof s !== 'object' || !('bytes' in s)) return;
    const n = font.codeBytes;
    for (let i = 0; i + n <= s.bytes.length; i += n) {
      const code = n === 2 ? s.bytes.readUInt16BE(i) : s.bytes[i]!;
      out += font.toUnicode.get(code) ?? '';
    }
  };
  const containers: (Operand[] | Map<string, Operand> | null)[] = [];
  const dictKeys: (string | null)[] = [];
  const push = (v: Operand) => {
    const top = containers[containers.length - 1];
    if (top === undefined) stack.push(v);
    else if (Array.isArray(top)) top.push(v);
    else if (top instanceof Map) {
      const key = dictKeys[dictKeys.length - 1];
      if (key === null && typeof v === 'object' && 'name' in v) dictKeys[dictKeys.length - 1] = v.name;
      else if (key) {
        top.set(key, v);
        dictKeys[dictKeys.length - 1] = null;
      }
    }
  };
  let i = 0;
  const len = content.length;
  while (i < len) {
    const c = content[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < len && content[i] !== '\n' && content[i] !== '\r') i++;
    } else if (c === '/') {
      let j = i + 1;
      while (j < len && !/[\s/[\]<>(){}%]/.test(content[j]!)) j++;
      push({ name: decodeName(content.slice(i + 1, j)) });
      i = j;
    } else if (c === '<' && content[i + 1] === '<') {
      containers.push(new Map());
      dictKeys.push(null);
      i += 2;
    } else if (c === '>' && content[i + 1] === '>') {
      const d = containers.pop() as Map<string, Operand>;
      dictKeys.pop();
      push(d);
      i += 2;
    } else if (c === '<') {
      const j = content.indexOf('>', i);
      push({ bytes: hexBytes(content.slice(i + 1, j)) });
      i = j + 1;
    } else if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < len; j++) {
        if (content[j] === '\\') j++;
        else if (content[j] === '(') depth++;
        else if (content[j] === ')' && --depth === 0) break;
      }
      push({ bytes: literalBytes(content.slice(i + 1, j)) });
      i = j + 1;
    } else if (c === '[') {
      containers.push([]);
      dictKeys.push(null);
      i++;
    } else if (c === ']') {
      const a = containers.pop() as Operand[];
      dictKeys.pop();
      push(a);
      i++;
    } else if (/[-+.\d]/.test(c)) {
      let j = i + 1;
      while (j < len && /[.\d]/.test(content[j]!)) j++;
      push(Number(content.slice(i, j)));
      i = j;
    } else {
      let j = i + 1;
      while (j < len && !/[\s/[\]<>(){}%]/.test(content[j]!)) j++;
      const op = content.slice(i, j);
      i = j;
      if (op === 'BI') {
        // Inline image: skip its data.
        const end = content.indexOf('EI', i);
        i = end < 0 ? len : end + 2;
      } else if (op === 'Tf') {
        const name = stack[stack.length - 2];
        font = typeof name === 'object' && 'name' in name ? fontOf(name.name) : undefined;
      } else if (op === 'Tj' || op === "'" || op === '"') {
        if (op !== 'Tj') newline();
        show(stack[stack.length - 1]!);
      } else if (op === 'TJ') {
        const arr = stack[stack.length - 1];
        if (Array.isArray(arr)) arr.forEach(show);
      } else if (op === 'Tm' || op === 'T*' || op === 'ET') {
        newline();
      } else if (op === 'BDC' || op === 'BMC') {
        const props = op === 'BDC' ? stack[stack.length - 1] : undefined;
        const actual = props instanceof Map ? props.get('ActualText') : undefined;
        if (actual && typeof actual === 'object' && 'bytes' in actual) {
          if (!suppressed()) out += textBytes(actual.bytes);
          marked.push(true);
        } else marked.push(false);
      } else if (op === 'EMC') {
        marked.pop();
      }
      stack.length = 0;
    }
  }
  return out;
}
