/**
 * Strings of the stage controls (stage-controls.ts), German included: the part loads on
 * demand and is small, so its words come with it rather than in the player's dictionary.
 */

const en = {
  hostControls: 'Host controls',
  startQa: 'Start Q&A',
  resumeTalk: 'Back to the talk',
  openCall: 'Open the call to everyone',
  closeCall: 'Close the call to everyone',
  endTalk: 'End the talk',
  endConfirm: 'End the talk for everyone?',
  endIt: 'End it',
  cancel: 'Cancel',
  followSchedule: 'Follow the schedule',
  invite: (by: string) => (by ? `${by} invites you on stage for the Q&A.` : 'You are invited on stage for the Q&A.'),
  accept: 'Join the stage',
  decline: 'No, thanks',
};

export type StageWords = typeof en;

/** By language (the first part of the player's `lang`); English for any other. */
export const stageWords: Record<string, StageWords> = {
  en,
  de: {
    hostControls: 'Moderation',
    startQa: 'Fragerunde starten',
    resumeTalk: 'Zurück zum Vortrag',
    openCall: 'Anruf für alle öffnen',
    closeCall: 'Anruf für alle schließen',
    endTalk: 'Vortrag beenden',
    endConfirm: 'Den Vortrag für alle beenden?',
    endIt: 'Beenden',
    cancel: 'Abbrechen',
    followSchedule: 'Dem Zeitplan folgen',
    invite: (by: string) => (by ? `${by} lädt dich für die Fragerunde auf die Bühne ein.` : 'Du bist für die Fragerunde auf die Bühne eingeladen.'),
    accept: 'Auf die Bühne',
    decline: 'Nein, danke',
  },
};
