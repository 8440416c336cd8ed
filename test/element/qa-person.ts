/** What a person does in the Q&A widget, for the homeserver tests that drive several people. */
import { expect } from '@open-wc/testing';
import { inWidget, waitForText } from './in-widget.js';
import type { FrameOf } from './in-widget.js';

/** Types `text` into the ask field and presses Ask, as a person does. */
export async function ask(widget: FrameOf, text: string): Promise<void> {
  await waitForText(widget, 'Ask');
  const typed = await inWidget(widget, (dom, value) => dom.type('textarea#ask', value), text);
  expect(typed, 'ask field').to.equal(true);
  await inWidget(widget, (dom) => {
    const b = dom.findAll('[part="ask-button"]')[0] as HTMLButtonElement | undefined;
    b?.click();
    return !!b;
  });
}
