/**
 * Which files of a data folder belong to which table. Only the contract's paths are read, so a
 * folder may hold other material (e.g. `examples/`) without affecting the check; stray CSV files
 * next to the contract's files are reported, since they are most likely misnamed.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ContractIssue } from './types.ts';

import type { Kind } from './kinds.ts';
import { FILE_KINDS } from './registry.ts';

export type { Kind };

/** File name → kind, and folder name → kind, from the registry (plain objects with own keys only, looked up with Object.hasOwn). */
export const SINGLE_FILES: Record<string, Kind> = Object.fromEntries(FILE_KINDS.flatMap((k) => ('file' in k ? [[k.file, k.kind]] : [])));
export const FOLDERS: Record<string, Kind> = Object.fromEntries(FILE_KINDS.flatMap((k) => ('folder' in k ? [[k.folder, k.kind]] : [])));

export interface DataFile {
  kind: Kind;
  /** Relative to the data folder, forward slashes. */
  rel: string;
  abs: string;
  display: string;
  size: number;
  /** The mapping beside an export (`<name>.map.yml`): how its columns become the contract's. */
  mapping?: { abs: string; rel: string; display: string };
}

export interface Discovery {
  found: boolean;
  files: DataFile[];
  issues: ContractIssue[];
}

const TABLE_EXTENSIONS = ['.csv', '.tsv'];
/** In the folders of exports (survey/, metrics/, …) workbooks are data too, read through a mapping or as they are. */
const FOLDER_EXTENSIONS = [...TABLE_EXTENSIONS, '.xlsx'];
const MAPPING_EXTENSIONS = ['.map.yml', '.map.yaml'];

function isFolderFile(name: string): boolean {
  const lower = name.toLowerCase();
  return FOLDER_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** The base name a mapping file belongs to (`2026Q4_qualtrics.map.yml` → `2026q4_qualtrics`), or null. */
function mappingBase(name: string): string | null {
  const lower = name.toLowerCase();
  const ext = MAPPING_EXTENSIONS.find((e) => lower.endsWith(e));
  return ext ? lower.slice(0, -ext.length) : null;
}

const dataBase = (name: string): string => name.toLowerCase().replace(/\.[^.]+$/, '');

function isTableFile(name: string): boolean {
  const lower = name.toLowerCase();
  return TABLE_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** Hidden files and Excel's `~$name` lock files are never data. */
function isNoise(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$');
}

/** The folder as the user typed it, joined with a relative path, always with forward slashes. */
export function displayPath(dir: string, rel: string): string {
  return path.join(dir, rel).split(path.sep).join('/');
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export async function discover(dir: string): Promise<Discovery> {
  const issues: ContractIssue[] = [];
  const shown = dir.split(path.sep).join('/');
  let entries;
  try {
    if (!(await stat(dir)).isDirectory()) {
      return { found: false, files: [], issues: [{ severity: 'error', file: shown, message: 'not a folder; pass the data folder with --data DIR' }] };
    }
    entries = (await readdir(dir, { withFileTypes: true })).sort(byName);
  } catch {
    return { found: false, files: [], issues: [{ severity: 'error', file: shown, message: 'the data folder does not exist; pass it with --data DIR' }] };
  }

  const files: DataFile[] = [];
  const add = async (kind: Kind, rel: string) => {
    const abs = path.join(dir, rel);
    files.push({ kind, rel, abs, display: displayPath(dir, rel), size: (await stat(abs)).size });
  };

  for (const e of entries) {
    if (isNoise(e.name)) continue;
    const lower = e.name.toLowerCase();
    if (e.isFile()) {
      // Own keys only: a file named `constructor` or `__proto__` is not a kind.
      const kind = Object.hasOwn(SINGLE_FILES, lower) ? SINGLE_FILES[lower] : undefined;
      if (kind) await add(kind, e.name);
      else if (isTableFile(e.name)) {
        issues.push({
          severity: 'warning',
          file: displayPath(dir, e.name),
          message: `not part of the data contract, ignored (expected ${Object.keys(SINGLE_FILES).join(', ')}, or files under ${Object.keys(FOLDERS).join('/, ')}/)`,
        });
      }
    } else if (e.isDirectory() && Object.hasOwn(FOLDERS, lower)) {
      const kind = FOLDERS[lower]!;
      const inner = (await readdir(path.join(dir, e.name), { withFileTypes: true })).sort(byName);
      const mappings = new Map<string, string>();
      for (const f of inner) {
        const base = f.isFile() && !isNoise(f.name) ? mappingBase(f.name) : null;
        if (base !== null) mappings.set(base, f.name);
      }
      const mapped = new Set<string>();
      for (const f of inner) {
        if (isNoise(f.name)) continue;
        const rel = `${e.name}/${f.name}`;
        if (f.isFile() && mappingBase(f.name) !== null) continue;
        if (f.isFile() && isFolderFile(f.name)) {
          await add(kind, rel);
          const m = mappings.get(dataBase(f.name));
          if (m !== undefined && !mapped.has(m)) {
            mapped.add(m);
            const mrel = `${e.name}/${m}`;
            files[files.length - 1]!.mapping = { abs: path.join(dir, mrel), rel: mrel, display: displayPath(dir, mrel) };
          }
        } else {
          issues.push({
            severity: 'warning',
            file: displayPath(dir, rel),
            message: f.isFile() ? 'not a .csv or .xlsx file, ignored; export it from Excel as "CSV UTF-8 (Comma delimited)"' : 'subfolders are not read, ignored; move its files up one level',
          });
        }
      }
      for (const [, m] of mappings) {
        if (mapped.has(m)) continue;
        issues.push({
          severity: 'warning',
          file: displayPath(dir, `${e.name}/${m}`),
          message: `a mapping with no export of the same name beside it (${m.replace(/\.map\.ya?ml$/i, '')}.csv or .xlsx), ignored`,
        });
      }
    }
  }
  return { found: true, files, issues };
}
