/**
 * Names every JavaScript object answers to (`constructor`, `__proto__`, `toString`,
 * `hasOwnProperty`) as column names, file names and ids: ordinary values or clear errors, never special.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../src/contract/index.ts';
import { NodeDatabase } from '../../src/db/node.ts';
import { runMethod } from '../../src/methods/cells.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';
import { chartProblem } from '../../src/charts/render.ts';
import type { Row } from '../../src/db/types.ts';
import { errors, fileReport, makeFolder, row, rows, survey, SURVEY_HEADER } from './helpers.ts';

const OBJECT_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const;
/** The two that are valid ids (lowercase letters, digits, _): they must be ordinary ids. */
const VALID_IDS = ['constructor', '__proto__'] as const;
const S = 'survey/2025Q3.csv';

describe('prototype keys in the data', () => {
  it.each(OBJECT_KEYS)('a survey column named %s is an unknown column, warned about and ignored', async (name) => {
    const r = await checkDataFolder(makeFolder({ [S]: survey([`${row('r1')},5`, `${row('r2')},6`], `${SURVEY_HEADER},${name}`) }));
    expect(errors(r)).toEqual([]);
    const f = fileReport(r, S);
    expect(f.issues).toContainEqual(expect.objectContaining({ severity: 'warning', line: 1, column: name, message: `unknown column ${name} is ignored` }));
    expect(f.rowsLoaded).toBe(2);
    expect(r.tables.find((t) => t.name === 'survey')!.columns.map((c) => c.name)).not.toContain(name);
  });

  it.each(OBJECT_KEYS)('a file or folder named %s is not a kind of the contract', async (name) => {
    const r = await checkDataFolder(makeFolder({ [`${name}.csv`]: 'a,b\n1,2\n', [name]: 'x', [`${name.toLowerCase()}_dir/x.csv`]: 'a\n1\n' }));
    expect(r.files.map((f) => f.file).filter((f) => f.includes(name))).toEqual([]);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'warning', file: expect.stringMatching(new RegExp(`${name}\\.csv$`)), message: expect.stringMatching(/^not part of the data contract/) }));
  });

  it('a folder named __proto__ or constructor holding CSV files is ignored, not read as a table', async () => {
    const r = await checkDataFolder(makeFolder({ '__proto__/2025Q3.csv': 'a\n1\n', 'constructor/2025Q3.csv': 'a\n1\n' }));
    expect(r.files.some((f) => /__proto__|constructor/.test(f.file))).toBe(false);
    expect(errors(r)).toEqual([]);
  });

  it.each(VALID_IDS)('%s is an ordinary bank, segment, stage and attribute id', async (id) => {
    const header = `${SURVEY_HEADER},perf_${id},imp_${id},emo_${id}`;
    const r = await checkDataFolder(
      makeFolder({
        'banks.csv': `bank_id,name_zh,name_en,color,peer_group\ncmb,招商银行,China Merchants Bank,#c8102e,joint-stock\n${id},银行,Bank ${id},,x\n`,
        'segments.csv': `segment_id,label_zh,label_en,order\nretail,零售,Retail,1\n${id},客群,Segment ${id},2\n`,
        'stages.csv': `stage_id,order,label_zh,label_en,moment_of_truth\nonboard,1,开户,Open an account,true\n${id},2,阶段,Stage ${id},false\n`,
        'attributes.csv': `attribute_id,label_zh,label_en,stage_id,dimension,scale_min,scale_max,na_codes\nqueue,排队,Queue,onboard,responsiveness,1,10,\nstaff,员工,Staff,onboard,assurance,1,10,\n${id},属性,Attribute ${id},${id},assurance,1,10,\n`,
        [S]: survey([`${row('r1', { bank: id, segment: id }, SURVEY_HEADER)},7,8,-1`, `${row('r2')},6,9,2`], header),
      }),
    );
    expect(errors(r)).toEqual([]);
    const s = rows(r, 'survey');
    expect(s.map((x) => [x.bank, x.segment, x[`perf_${id}`], x[`imp_${id}`], x[`emo_${id}`]])).toEqual([
      [id, id, 7, 8, -1],
      ['cmb', 'retail', 6, 9, 2],
    ]);
    expect(rows(r, 'banks').map((b) => b.bank_id)).toEqual(['cmb', id]);
    expect(rows(r, 'stages').map((b) => b.stage_id)).toContain(id);
  });

  it.each(['toString', 'hasOwnProperty'])('%s as an id is a clear error naming file, line and column', async (id) => {
    const r = await checkDataFolder(makeFolder({ 'banks.csv': `bank_id,name_zh,name_en,color,peer_group\ncmb,招商银行,China Merchants Bank,#c8102e,joint-stock\n${id},银行,Bank,,x\n` }));
    expect(errors(r)[0]).toMatchObject({ file: expect.stringMatching(/banks\.csv$/), line: 3, column: 'bank_id', message: expect.stringContaining(`bank_id ${id} is not a valid id`) });
  });
});

describe('prototype keys downstream', () => {
  let db: NodeDatabase;
  beforeAll(async () => {
    db = await NodeDatabase.open();
  });
  afterAll(async () => db.close());

  it('query results keep columns named __proto__ and constructor as ordinary values', async () => {
    const r = await db.query(`SELECT 1 AS "__proto__", 'x' AS "constructor", 2 AS "toString"`);
    const first = r.rows[0]!;
    expect(Object.keys(first)).toEqual(['__proto__', 'constructor', 'toString']);
    expect([first['__proto__'], first['constructor'], first['toString']]).toEqual([1, 'x', 2]);
    // A column the result lacks reads as missing, not as a built-in function.
    expect(first['hasOwnProperty']).toBeUndefined();
  });

  it('the ipa method takes attributes named __proto__ and constructor like any other', () => {
    const rowsIn: Row[] = [];
    for (let i = 0; i < 40; i++) {
      for (const [a, p] of [['__proto__', (i % 7) + 1], ['constructor', ((i * 3) % 9) + 1], ['queue', ((i * 5) % 10) + 1]] as const) {
        rowsIn.push({ respondent: `r${i}`, attribute: a, performance: p, importance: 5, outcome: (i % 10) + 1, weight: 1 });
      }
    }
    const columns = ['respondent', 'attribute', 'performance', 'importance', 'outcome', 'weight'].map((name) => ({ name, type: '' }));
    const r = runMethod('ipa', { columns, rows: rowsIn }, { importance: 'correlation', replicates: 20, seed: 1 });
    expect(r.rows.map((x) => x.attribute)).toEqual(['__proto__', 'constructor', 'queue']);
    for (const x of r.rows) expect(typeof x.performance).toBe('number');
    expect(() => runMethod('constructor', { columns, rows: rowsIn }, {})).toThrow(/unknown method "constructor"/);
  });

  it('a chart type or cell named after an object key is a clear error', () => {
    expect(chartProblem({ type: 'constructor', data: 'x' }, { columns: [], rows: [] }, 'en')).toMatch(/unknown chart type "constructor"/);
    for (const name of OBJECT_KEYS) {
      expect(() => parseNotebook(`---\ntitle: T\n---\n\n\`\`\`sql ${name}\nSELECT 1\n\`\`\`\n`, 'pages/x.md', 'x')).toThrow(new RegExp(`pages/x\\.md:5: .*cell name "${name}" is reserved`));
    }
  });
});
