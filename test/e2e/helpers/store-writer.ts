// Source of the child process used by test/e2e/store-crash.test.ts. It runs as `node --input-type=module -e`
// (tsx is not installed and a loose .mjs would escape the type-checked lint), driving the compiled store in dist/
// the way a KMS process would:
//   write <db> <from>        endless (bounded) stream of transactions; prints "<i>\n" only after tx(i) returned
//   contend <db> <n> <name>  n read-modify-write increments of one shared counter; prints "done <name>\n"

/** The child's ES module source, importing the compiled store from `storeUrl`. */
export function storeWriterSource(storeUrl: string): string {
  return `
import { writeSync } from 'node:fs';
import { openStore } from ${JSON.stringify(storeUrl)};
const [mode, path, arg, name] = process.argv.slice(1);
const store = openStore({ path });
if (mode === 'write') {
  for (let i = Number(arg); i < Number(arg) + 200000; i++) {
    store.tx((t) => {
      t.put('keys', 'k' + String(i).padStart(8, '0'), { i, keyId: 'key-' + (i % 7), pad: 'x'.repeat(200 + (i % 300)) });
      t.putSecret('s' + i, new TextEncoder().encode('secret-' + i));
      t.nextSequence('writes');
      t.appendAudit({ eventName: 'CreateKey', i });
    });
    writeSync(1, i + '\\n');
  }
} else if (mode === 'contend') {
  for (let j = 0; j < Number(arg); j++) {
    store.tx((t) => {
      const doc = t.get('meta', 'counter') ?? { n: 0, by: {} };
      doc.n += 1;
      doc.by[name] = (doc.by[name] ?? 0) + 1;
      t.put('meta', 'counter', doc);
    });
  }
  store.close();
  writeSync(1, 'done ' + name + '\\n');
}
`;
}
