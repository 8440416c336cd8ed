import { checkMenu } from './menu.js';
// parseMenu checks every field at once (plain pages, tests): the rarer fields' checks come along.
import './menu-more.js';
import type { MenuParseResult } from './menu.js';
import { issueText } from './menu-issues.js';

/**
 * parseMenu for plain pages, tests and library users: every check at once, worded. The
 * element itself loads only the words (menu-issues.ts), which do not depend on menu-more.ts.
 */
export { issueText };

/** Validates untrusted menu JSON (checkMenu) and words its problems: `path: message` each. */
export function parseMenu(json: unknown): MenuParseResult {
  const result = checkMenu(json);
  return result.ok ? result : { ok: false, errors: result.issues.map(issueText) };
}
