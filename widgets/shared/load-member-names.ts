import { loadOnce } from '../../components/shared/lazy-part.js';

/**
 * The one on-demand loader of people's names (member-names.ts) for every binding and part that
 * names someone: never a static import of it (docs/lazy-loading.md). Imported only by the code
 * that needs names, so pages whose first render names nobody do not carry it.
 */
export const loadMemberNames = loadOnce("people's names", () => import('./member-names.js'));
