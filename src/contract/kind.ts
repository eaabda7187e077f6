/**
 * A file kind's descriptor: where its files are, which kinds it refers to, its columns, and how its
 * files are checked. Each rules module exports one; `registry.ts` lists them in the order they are
 * checked. A new kind is its rules module (with this descriptor) and a line in the registry.
 */
import type { DataContext, LoadedFile } from './context.ts';
import type { Kind } from './kinds.ts';
import type { CheckedTable } from './types.ts';

interface KindBase {
  kind: Kind;
  /** What the file holds, for messages and docs. */
  doc: string;
  /** Kinds whose ids this kind's rows refer to: the registry checks them first (a test holds it to that). */
  after: readonly Kind[];
  /** Whether a header names one of the kind's columns (others are reported as unknown). */
  isColumn(name: string): boolean;
  /** Without a file of this kind: a table derived from what was checked (or null for none). */
  absent?(ctx: DataContext, present: (kind: Kind) => boolean): CheckedTable | null;
  /** After this kind is settled: tables derived from it (e.g. the survey's segments without segments.csv). */
  finish?(tables: Map<Kind, CheckedTable>): void;
}

/** A kind read from one file at the top of the data folder (`banks.csv`). */
export interface SingleFileKind extends KindBase {
  file: string;
  /** Checks the file, records in `ctx` the ids later kinds refer to, and returns the table. */
  check(file: LoadedFile, ctx: DataContext): CheckedTable;
}

/** A kind read from every file of a folder (`survey/*.csv`, exports with their mappings). */
export interface FolderKind extends KindBase {
  folder: string;
  /**
   * A checker that takes the files one by one and returns their table; `tables` holds the kinds
   * checked before (those in `after`). Its table() may still report issues in its files.
   */
  checker(ctx: DataContext, tables: ReadonlyMap<Kind, CheckedTable>): { add(file: LoadedFile): void; table(): CheckedTable };
}

export type FileKind = SingleFileKind | FolderKind;
