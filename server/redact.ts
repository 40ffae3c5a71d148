// What error text may say to the public: no absolute server paths. A path's folders say where
// radome's files are on the host, which is of no use to a client and of use to an attacker.

/**
 * An absolute POSIX path (two or more segments) or a file: URL's path, starting at the beginning,
 * after a space, quote, bracket, `=` or `,`; URLs (`http://host/…`) are left alone because `//`
 * follows a colon there.
 */
const ABSOLUTE_PATH = /(^|[\s"'`([=,]|file:)\/(?:[^\s"'`/:)\],]+\/)+([^\s"'`/:)\],]*)/g;
/** A Windows drive path. */
const DRIVE_PATH = /(^|[\s"'`([=,])[A-Za-z]:\\(?:[^\s"'`\\:)\],]+\\)+([^\s"'`\\:)\],]*)/g;

/** `text` with every absolute path cut to its last segment: `/srv/radome/var/objects/a.png` → `…/a.png`. */
export function redactServerPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, '$1…/$2').replace(DRIVE_PATH, '$1…\\$2');
}

/** An absolute path (a local source file's key) as its folder's name and the file's: `/data/KLOT/x_V06` → `KLOT/x_V06`. */
export function folderAndName(path: string): string {
  if (!path.startsWith('/') && !/^[A-Za-z]:\\/.test(path)) return path;
  return path.split(/[/\\]/).filter(Boolean).slice(-2).join('/');
}
