/**
 * Test helpers shared by the stand-booth test files. They do not register the element: each
 * test file imports define.js or register.js itself (the fault tests need register.js only,
 * so no part is loaded before a test asks for it).
 */
import { fixture, html } from '@open-wc/testing';
import type { DevroomStandBooth } from './stand-booth.js';
import { sampleStand } from './test-fixtures.js';

/** One element of the booth's shadow root. */
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);

/** What a person reads in the booth. */
export const boothText = (el: DevroomStandBooth): string => $(el, '[part="base"]')!.innerText;

/** The button whose text is exactly `name`. */
export const buttonNamed = (root: ParentNode, name: string): HTMLButtonElement | undefined =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

/** A booth showing the sample stand (Brussels time, English), with `props` on top. */
export async function booth(props: Partial<DevroomStandBooth> = {}): Promise<DevroomStandBooth> {
  const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" time-zone="Europe/Brussels"></devroom-stand-booth>`);
  Object.assign(el, { stand: sampleStand(), ...props });
  await el.updateComplete;
  return el;
}
