/**
 * Registers `<devroom-stand-booth>` and nothing more. The widget page imports this rather
 * than define.ts, whose re-exports (limits, contact helpers for plain pages) would otherwise
 * join its first load.
 */
import { defineElement } from '../shared/define.js';
import { DevroomStandBooth } from './stand-booth.js';

defineElement('devroom-stand-booth', DevroomStandBooth);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-stand-booth': DevroomStandBooth;
  }
}
