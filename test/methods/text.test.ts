import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDatabase } from '../../src/db/node.ts';
import { installMethods } from '../../src/methods/loyalty.ts';

describe('text_matches (real DuckDB-WASM engine)', () => {
  let db: NodeDatabase;
  beforeAll(async () => {
    db = await NodeDatabase.open();
    await installMethods(db);
  });
  afterAll(async () => db.close());

  const matches = async (text: string | null, q: string | null) =>
    (await db.query('SELECT text_matches(CAST($1 AS VARCHAR), CAST($2 AS VARCHAR)) AS m', [text, q])).rows[0]!.m;

  it.each([
    ['The app keeps crashing', '', true],
    ['The app keeps crashing', null, true],
    ['The app keeps crashing', '  ', true],
    ['The app keeps crashing', 'APP', true],
    ['The app keeps crashing', 'app crash', true],
    ['The app keeps crashing', 'app  queue', false],
    ['排队等了四十分钟', '排队', true],
    ['排队等了四十分钟', '排队 四十', true],
    ['排队等了四十分钟', '手机', false],
    ['<img src=x onerror=alert(1)>', 'onerror', true],
    ["it's 100% bad", "it's 100%", true],
    [null, 'app', false],
    [null, '', true],
  ])('%j contains every word of %j: %s', async (text, q, expected) => {
    expect(await matches(text, q)).toBe(expected);
  });
});
