/**
 * What `npm run map -- FILE` does, apart from the command line: read the export, read the data
 * folder's reference lists, and write the draft mapping beside the export.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkDataFolder } from '../contract/index.ts';
import { FOLDERS } from '../contract/files.ts';
import type { Kind } from '../contract/kinds.ts';
import { quarterFromFileName } from '../contract/cells.ts';
import { draftMapping } from './draft.ts';
import { mappingNameFor } from './mapping.ts';
import { FORMAT_NAMES } from './platforms.ts';
import { readRaw } from './stage.ts';

const REFERENCE_KINDS: readonly Kind[] = ['banks', 'attributes', 'stages', 'tasks', 'channels', 'segments'];

export interface MapCommand {
  file: string;
  /** The data folder whose reference lists the draft uses; default: the folder above survey/. */
  data?: string;
  /** Overwrite an existing mapping. */
  force?: boolean;
}

export interface MapOutcome {
  ok: boolean;
  /** What to tell the user, one line each. */
  lines: string[];
  mappingPath?: string;
  todos?: number;
}

export async function runMap(cmd: MapCommand): Promise<MapOutcome> {
  const file = cmd.file;
  const display = file.split(path.sep).join('/');
  if (!existsSync(file)) return { ok: false, lines: [`${display}: no such file`] };
  const folder = path.basename(path.dirname(path.resolve(file))).toLowerCase();
  const kind = Object.hasOwn(FOLDERS, folder) ? FOLDERS[folder] : undefined;
  const dataDir = cmd.data ?? (kind ? path.dirname(path.dirname(file)) : 'data');
  if (kind !== undefined && kind !== 'survey') {
    return { ok: false, lines: [`${display}: npm run map drafts survey mappings; write the mapping of a ${kind} file by hand (see data/README.md, "Survey-platform exports and workbooks")`] };
  }
  const mappingPath = path.join(path.dirname(file), mappingNameFor(path.basename(file)));
  const mappingShown = mappingPath.split(path.sep).join('/');
  if (existsSync(mappingPath) && !cmd.force) {
    return { ok: false, lines: [`${mappingShown} exists already; edit it, or run again with --force to replace it with a new draft`] };
  }

  const { file: loaded, raw } = await readRaw({ abs: file, rel: path.basename(file), display }, null, { kind: 'survey', isKnownColumn: () => false, labels: () => { throw new Error('unused'); } });
  if (!raw) return { ok: false, lines: loaded.sink.issues().map((i) => `${display}: ${i.message}`) };
  const refs = await checkDataFolder(dataDir, { only: REFERENCE_KINDS });
  const draft = draftMapping({
    display,
    raw,
    references: refs.tables,
    ...(loaded.origin?.sheet ? { sheet: loaded.origin.sheet } : {}),
    quarterInName: quarterFromFileName(path.basename(file)) !== null,
  });
  writeFileSync(mappingPath, draft.text);
  const lines = [
    `${display}: ${draft.format === 'plain' ? 'no survey platform recognised (read as a plain table)' : `${FORMAT_NAMES[draft.format]} export`}`,
    `wrote ${mappingShown} (reference lists from ${dataDir.split(path.sep).join('/')}/)`,
    draft.todos > 0
      ? `${draft.todos} TODO${draft.todos === 1 ? '' : 's'} to fill in (or delete), then: npm run check-data${cmd.data ? ` -- --data ${cmd.data}` : ''}`
      : `no TODO: check the draft, then: npm run check-data${cmd.data ? ` -- --data ${cmd.data}` : ''}`,
  ];
  if (refs.tables.length === 0) lines.push(`warning: ${dataDir}/ has no banks.csv, attributes.csv, …: answers could not be matched to their ids`);
  return { ok: true, lines, mappingPath, todos: draft.todos };
}
