/**
 * The twelve workbooks a reviewer drops on 审核一批 in the tests (unit, e2e) and the screenshot:
 * clean and wrong forms, the four seed forms, a workbook holding two forms, a workbook that is not
 * a form, a broken zip, an encrypted workbook (a real CFB container with an EncryptedPackage stream,
 * as Excel writes one), a legacy .xls and a web page saved under an .xlsx name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as CFB from 'cfb';
import { CONSISTENT } from './forms';
import { gridFromRows } from './grid';
import { xlsxFromGrids } from './xlsx-from-grid';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

const ROOT = join(__dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'xlsx');

/** An encrypted OOXML package as Excel saves it with a password: an OLE compound file with EncryptionInfo and EncryptedPackage. */
export function encryptedWorkbook(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  // agile encryption header (version 4.4) followed by its XML descriptor; the package is opaque bytes
  const info = new Uint8Array(8 + 64);
  info.set([4, 0, 4, 0, 0x40, 0, 0, 0]);
  CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
  const pkg = new Uint8Array(4096);
  for (let i = 0; i < pkg.length; i++) pkg[i] = (i * 7919 + 13) & 0xff;
  CFB.utils.cfb_add(cfb, '/EncryptedPackage', pkg);
  return new Uint8Array(CFB.write(cfb, { type: 'array' }) as number[]);
}

/** CONSISTENT with another project and department, edited by `edit`. */
async function form(project: string, edit: (rows: string[][]) => void = () => undefined): Promise<Uint8Array> {
  const rows = CONSISTENT.map((r) => [...r]);
  rows[4][2] = `${project}管理局`;
  rows[5][2] = project;
  edit(rows);
  return xlsxFromGrids([gridFromRows('附件1', rows)]);
}

export async function twelveWorkbooks(): Promise<NamedBytes[]> {
  const seed = (n: number) => new Uint8Array(readFileSync(join(FIX, `form${n}.xlsx`)));
  const broken = seed(1).slice(0, 3000);
  const listOnly = await xlsxFromGrids([gridFromRows('名单', [['姓名', '电话'], ['张三', '13800000000'], ['李四', '13900000000']])]);
  const twoForms = await xlsxFromGrids([
    gridFromRows('甲', (() => { const r = CONSISTENT.map((x) => [...x]); r[5][2] = '甲县养老保险基金支出'; return r; })()),
    gridFromRows('乙', (() => { const r = CONSISTENT.map((x) => [...x]); r[5][2] = '乙县医疗保险基金支出'; r[7][7] = '90%'; return r; })()),
  ]);
  return [
    { name: '01-clean.xlsx', bytes: await form('测试县城乡居民养老保险基金支出') },
    // 预算执行率 stated 90% where 780 ÷ 1000 = 78%
    { name: '02-wrong-rate.xlsx', bytes: await form('测试县工伤保险基金支出', (r) => (r[7][7] = '90%')) },
    { name: 'form1.xlsx', bytes: seed(1) },
    { name: 'form2.xlsx', bytes: seed(2) },
    { name: 'form3.xlsx', bytes: seed(3) },
    { name: 'form4.xlsx', bytes: seed(4) },
    { name: '07-two-forms.xlsx', bytes: twoForms },
    { name: '08-not-a-form.xlsx', bytes: listOnly },
    { name: '09-broken.xlsx', bytes: broken },
    { name: '10-encrypted.xlsx', bytes: encryptedWorkbook() },
    { name: '11-legacy.xls', bytes: new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'foreign', 'form1.xls'))) },
    { name: '12-web-page.xlsx', bytes: new TextEncoder().encode('<html><body><table><tr><td>附件1</td></tr></table></body></html>') },
  ];
}

/** `n` workbooks of the seed's size (copies of the four seed forms), for the batch budget. */
export function seedSizedBatch(n: number): NamedBytes[] {
  const forms = [1, 2, 3, 4].map((k) => new Uint8Array(readFileSync(join(FIX, `form${k}.xlsx`))));
  return Array.from({ length: n }, (_, i) => ({ name: `submission-${String(i + 1).padStart(3, '0')}.xlsx`, bytes: forms[i % 4] }));
}
