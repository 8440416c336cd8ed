/**
 * Raised hands and stage invites: a pure model (no DOM, no Matrix). A binding folds
 * `qa.hand` state (one per user) and `qa.stage` state (one per invited user) into it;
 * the component renders `hands()` and `inviteFor(user)`. Hands are few (tens), so a
 * sorted array is the right structure here.
 */
export interface RaisedHand {
  userId: string;
  displayName?: string;
  /** Optional line of text ("I'd like to show a demo"). */
  text?: string;
  /** When the hand went up (ms): the queue order. */
  ts: number;
}

export type StageResponse = 'accepted' | 'declined';

export interface StageInvite {
  userId: string;
  displayName?: string;
  /** Moderator who invited. */
  by?: string;
  /** Their name, as the queue shows names ("<name> invites you on stage for the Q&A."). */
  byName?: string;
  ts: number;
  /** The invitee's answer, when known (an invite older than their hand raised again is gone: no answer to show). */
  response?: StageResponse;
}

export class HandsModel {
  private readonly raised = new Map<string, RaisedHand>();
  private readonly invites = new Map<string, StageInvite>();
  private order: RaisedHand[] = [];
  private readonly listeners = new Set<() => void>();

  /** Hands in raise order (oldest first; ties by user id). */
  hands(): readonly RaisedHand[] {
    return this.order;
  }

  hand(userId: string): RaisedHand | undefined {
    return this.raised.get(userId);
  }

  inviteFor(userId: string): StageInvite | undefined {
    return this.invites.get(userId);
  }

  allInvites(): StageInvite[] {
    return [...this.invites.values()];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A hand went up (or its text changed: the place in the queue is kept). Up again after an
   * invite: a new request, so the invite (answered before, or let go) asks no more; a new one does.
   */
  raise(hand: RaisedHand): void {
    const previous = this.raised.get(hand.userId);
    if (!previous) this.invites.delete(hand.userId);
    this.raised.set(hand.userId, previous ? { ...hand, ts: previous.ts } : { ...hand });
    this.sort();
  }

  /** Lowered by the user, or removed by a moderator: also ends any stage invite. */
  lower(userId: string): void {
    const had = this.raised.delete(userId) || this.invites.delete(userId);
    this.invites.delete(userId);
    if (had) this.sort();
  }

  invite(invite: StageInvite): void {
    this.invites.set(invite.userId, { ...invite });
    this.changed();
  }

  respond(userId: string, response: StageResponse): void {
    const invite = this.invites.get(userId);
    if (!invite) return;
    this.invites.set(userId, { ...invite, response });
    this.changed();
  }

  /** The invite was withdrawn or the stage session ended. */
  clearInvite(userId: string): void {
    if (this.invites.delete(userId)) this.changed();
  }

  clear(): void {
    this.raised.clear();
    this.invites.clear();
    this.sort();
  }

  private sort(): void {
    this.order = [...this.raised.values()].sort(
      (a, b) => a.ts - b.ts || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
    );
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
