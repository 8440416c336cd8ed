import type { Moderation, ModerationAction } from './tally.js';

/** Moderation state after `action` (what a binding writes to the room). */
export function applyModeration(current: Moderation, action: ModerationAction): Moderation {
  const next = { ...current };
  switch (action) {
    case 'pin': next.pinned = true; break;
    case 'unpin': next.pinned = false; break;
    case 'answer': next.answered = true; next.pinned = false; break;
    case 'unanswer': next.answered = false; break;
    case 'hide': next.hidden = true; next.pinned = false; break;
    case 'restore': next.hidden = false; next.answered = false; break;
    case 'approve': next.approved = true; break;
  }
  return next;
}
