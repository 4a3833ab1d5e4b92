import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes files into `folder` by name, each call giving back the file's path: the documents a scenario hands over. */
export function filesIn(folder: string): (name: string, content: string | Buffer) => string {
  return (name, content) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };
}
