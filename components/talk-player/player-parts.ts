// The player's on-demand parts, one chunk: UI only some viewers see (users with power, an
// invited attendee, viewers of a recording), each reached with the network up.
export { renderHostControls } from './host-controls.js';
export { renderStageInvite } from './stage-invite.js';
export { renderSpeedSelect } from './speed-select.js';
