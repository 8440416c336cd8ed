/**
 * `devroom/widget`: the widget runtime (bootstrap, parameters, capabilities), the room
 * data layer, event schemas with validation, and the bindings that connect a room to a
 * devroom element — what a widget page of your own needs.
 */
export * from './room/room.js';
export * from './room/power-levels.js';
export * from './room/relations.js';
export * from './runtime/index.js';
export * from './schema/namespace.js';
export * from './schema/validate.js';
export * from './schema/talk.js';
export * from './schema/qa.js';
export { PowerWatch, StateWatch, rootFrom } from './bindings/room-sync.js';
export type { RootInfo } from './bindings/room-sync.js';
export { createRoot, repairRoot } from './bindings/create-root.js';
export type { RootPurpose, RootRepairHost } from './bindings/create-root.js';
export { MAX_PREVIOUS, rootIds } from './schema/root.js';
export { localId } from './bindings/local-id.js';
export { mapLimited } from './bindings/map-limited.js';
export { bindTalkPlayer, talkCapabilities } from './bindings/talk-player.js';
export type { TalkBinding, TalkBindingOptions } from './bindings/talk-player.js';
export { bindQaQueue, qaCapabilities } from './bindings/qa-queue.js';
export type { QaBinding, QaBindingOptions } from './bindings/qa-queue.js';
export { jitsiJwt, jitsiRoomForMatrixRoom } from './bindings/jitsi-jwt.js';
export { bindStandBooth } from './bindings/stand-booth.js';
export type { StandBoothBinding, StandBoothBindingOptions } from './bindings/stand-booth.js';
export { standCapabilities } from './bindings/stand-booth-capabilities.js';
export * from './schema/stand.js';
export { ClientServerRoom, PublicRoomCodes, DEFAULT_EVENT_TYPES } from './room/client-server-room.js';
export type { ClientServerRoomOptions, PublicRoomStatus } from './room/client-server-room.js';
export { bindPublicRoom, matrixToLink } from './public/public-room.js';
export type { PublicRoomBinding, PublicRoomOptions } from './public/public-room.js';
