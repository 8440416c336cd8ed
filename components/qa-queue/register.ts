/**
 * Registers `<devroom-qa-queue>` and nothing more. The widget page imports this rather than
 * define.ts, whose re-exports (plain-page data parsing) would otherwise join its first load.
 */
import { defineElement } from '../shared/define.js';
import { DevroomQaQueue } from './qa-queue.js';

defineElement('devroom-qa-queue', DevroomQaQueue);
