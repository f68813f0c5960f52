import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The roles SQL exactly as docs/store.md gives it (its first sql block after "### Roles"): tests run what users copy. */
export function docsRolesSql(): string {
  const doc = readFileSync(join(__dirname, '../../docs/store.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Roles'));
  return /```sql\n([\s\S]*?)```/.exec(section)![1]!;
}
