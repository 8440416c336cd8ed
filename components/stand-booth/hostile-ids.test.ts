import { expect } from '@open-wc/testing';
import './define.js';
import { sampleStand } from './test-fixtures.js';
import { booth, boothText } from './test-helpers.js';

/** Staff user ids and contact request ids named like Object.prototype members are ids like any other. */

const HOSTILE = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

describe('<devroom-stand-booth> with hostile ids', () => {
  it('shows staff, presence and contact requests under any id', async () => {
    const staff = HOSTILE.map((id) => ({ userId: `@${id}:example.org`, name: `Staff ${id}` }));
    const el = await booth({
      stand: { ...sampleStand(), staff },
      presence: HOSTILE.map((id) => `@${id}:example.org`),
      interactive: true,
      canManage: true,
      currentUser: '@constructor:example.org',
      contactRequests: HOSTILE.map((id, i) => ({ id, sender: id, senderName: id, message: `Hello from ${id}`, createdAt: 1_700_000_000_000 + i, status: 'open' as const })),
      ownRequests: HOSTILE.map((id) => ({ localId: id, message: `Mine ${id}`, status: 'sent' as const })),
    });
    await el.updateComplete;
    expect(boothText(el)).to.contain(`At the booth now: ${HOSTILE.map((id) => `Staff ${id}`).join(', ')}`);
    const contact = el.shadowRoot!.querySelector('devroom-stand-contact')!;
    await (contact as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const text = (contact.shadowRoot!.firstElementChild?.parentNode as ShadowRoot).textContent ?? '';
    for (const id of HOSTILE) {
      expect(text).to.contain(`Hello from ${id}`);
      expect(text).to.contain(`Mine ${id}`);
    }
  });
});
