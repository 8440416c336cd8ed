// The player's on-demand parts, one chunk: both appear from room state for a few viewers.
export { renderHostControls } from './host-controls.js';
export { renderStageInvite } from './stage-invite.js';
