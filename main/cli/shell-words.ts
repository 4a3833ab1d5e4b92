/** A value as a POSIX shell reads it back unchanged: as it is when plain, else single-quoted. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** `NAME=value` for a shell line, the value quoted when it must be. */
export function shellAssignment(name: string, value: string): string {
  return `${name}=${shellWord(value)}`;
}
