import { readFileSync } from 'node:fs';
import SaxonJS from 'saxon-js';
const dir = 'node_modules/.cache/passerelle-cda-rules/89ee9898f74f663282af/';
const text = readFileSync(dir + 'CI-SIS_ModelesDeContenusCDA.sef.json', 'utf8');
const moved = text.replaceAll('file:///work/shared/external/ansforge-cda/TestContenuCDA-3-0/', 'file:///tmp/nowhere/');
const xml = readFileSync('/work/shared/external/ansforge-cda/TestContenuCDA-3-0/ExemplesCDA/LDL-SES_2022.01.xml', 'utf8').replace('administrativeGenderCode code="F"', 'administrativeGenderCode code="Z"');
const doc = await SaxonJS.getResource({ text: xml, type: 'xml' });
for (const t of [text, moved]) {
  try {
    const r = SaxonJS.transform({ stylesheetInternal: JSON.parse(t), sourceNode: doc, destination: 'serialized' }, 'sync');
    console.log(r.principalResult.slice(0, 300));
  } catch (e) { console.log('ERR', String(e).slice(0, 300)); }
}
