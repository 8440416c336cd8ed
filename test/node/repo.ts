import { existsSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

/** Repository root: node tests run bundled from a temp dir (scripts/node-test.mjs sets this). */
export const repoRoot: string = process.env.DEVROOM_REPO_ROOT ?? process.cwd();

/** `../shared/fixtures/schedules` beside the repo: present in CI and on dev machines, not in clones. */
export const sharedSchedules: string = join(repoRoot, '..', 'shared', 'fixtures', 'schedules');
export const hasSharedSchedules = (): boolean => existsSync(sharedSchedules);
export const SHARED_MISSING = `skipped: ${sharedSchedules} is absent (the real conference schedules live beside the repo in CI, not in clones)`;

export const ownSchedules: string = join(repoRoot, 'test', 'fixtures', 'schedules');
