import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { MemoryRoom } from '../room/memory-room.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from '../qa-queue/stage-schema.js';
import { bindTalkPlayer } from './binding.js';

const HOST = '@host:localhost';
const ALICE = '@alice:localhost';

/** The invite's sentence as a person sees it: text clipped out of sight (the id on demand) left out. */
const inviteText = (el: DevroomTalkPlayer) => {
  const span = el.shadowRoot!.querySelector('[part="invite"] > span');
  if (!span) return undefined;
  const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement!.getBoundingClientRect().width > 1) text += node.textContent;
  }
  return text.replace(/\s+/g, ' ').trim();
};

async function invited(hostName: string) {
  const room = new MemoryRoom({ creator: HOST, creatorDisplayName: hostName, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(ALICE, { displayName: 'Alice' });
  room.setState(EventTypes.talk, '', { speakers: [], phase: 'qa', jitsiRoom: 'DevroomTalk' });
  const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
  const binding = bindTalkPlayer(el, room.as(ALICE), { options: { jitsiDomain: 'meet.example.org' } });
  await binding.ready;
  room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: HOST, at: Date.now() });
  await waitUntil(() => el.stageInvite, 'invite never reached the player');
  return { room, el, binding };
}

describe('talk player: the stage invite names the moderator as Element does', function () {
  this.timeout(10000);

  it('shows the display name, the id on focus, and a rename live', async () => {
    const { room, el, binding } = await invited('Maria Host');
    await waitUntil(() => inviteText(el) === 'Maria Host invites you on stage for the Q&A.', `invite reads "${inviteText(el)}"`);
    const name = el.shadowRoot!.querySelector<HTMLElement>('[part="invite"] .person')!;
    expect(name.title).to.equal(HOST);
    const id = name.querySelector<HTMLElement>('.person-id')!;
    expect(id.getBoundingClientRect().width).to.be.below(2);
    name.focus();
    expect(id.getBoundingClientRect().width).to.be.above(20);
    expect(id.innerText.trim()).to.equal(`(${HOST})`);
    name.blur();
    await expect(el).to.be.accessible();

    room.join(HOST, { displayName: 'Maria' });
    await waitUntil(() => inviteText(el) === 'Maria invites you on stage for the Q&A.', `after the rename: "${inviteText(el)}"`);
    binding.stop();
  });

  it('a second "Maria" in the room: the inviter shows with their id', async () => {
    const { room, el, binding } = await invited('Maria');
    await waitUntil(() => inviteText(el) === 'Maria invites you on stage for the Q&A.', `invite reads "${inviteText(el)}"`);
    room.join('@mallory:evil.example', { displayName: 'maria ' });
    await waitUntil(() => inviteText(el) === `Maria (${HOST}) invites you on stage for the Q&A.`, `with a look-alike: "${inviteText(el)}"`);
    binding.stop();
  });

  it('a name that looks like a user id shows the real id', async () => {
    const { el, binding } = await invited('@alice:localhost');
    await waitUntil(() => inviteText(el) === `${HOST} invites you on stage for the Q&A.`, `invite reads "${inviteText(el)}"`);
    binding.stop();
  });
});
