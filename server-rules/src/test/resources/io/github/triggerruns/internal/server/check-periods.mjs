// Checks column 2 of periods.txt against the real parse-duration package (not a project dependency):
//   mkdir /tmp/pd && cd /tmp/pd && npm pack parse-duration@2.1.4 && tar xzf parse-duration-2.1.4.tgz
//   node check-periods.mjs /tmp/pd/package/index.js periods.txt
// Prints every row whose column 2 differs and exits 1 if any does.
import fs from 'fs';
import { pathToFileURL } from 'url';

const [, , packageIndex, table] = process.argv;
const parse = (await import(pathToFileURL(packageIndex).href)).default;
let wrong = 0;
for (const line of fs.readFileSync(table, 'utf8').split('\n')) {
  if (line.trim() === '' || line.startsWith('#')) continue;
  const [input, expected] = line.split(' | ').map(s => s.trim());
  const actual = String(parse(JSON.parse(input)));
  if (actual !== expected) {
    console.log(`${input}: table says ${expected}, parse-duration says ${actual}`);
    wrong++;
  }
}
process.exit(wrong === 0 ? 0 : 1);
