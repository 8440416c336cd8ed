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
export * from './schema/fields.js';
export * from './talk-player/schema.js';
export * from './qa-queue/schema.js';
export { PowerWatch, StateWatch, rootFrom } from './shared/room-sync.js';
export type { RootInfo } from './shared/room-sync.js';
export { createRoot, repairRoot } from './shared/create-root.js';
export type { RootPurpose, RootRepairHost } from './shared/create-root.js';
export { MAX_PREVIOUS, rootIds } from './schema/root.js';
export { localId } from './shared/local-id.js';
export { mapLimited } from './shared/map-limited.js';
export type { Bind, BindContext, Binding } from './shared/binding.js';
export { bindTalkPlayer } from './talk-player/binding.js';
export type { TalkBinding, TalkBindContext } from './talk-player/binding.js';
export { talkCapabilities } from './talk-player/capabilities.js';
export { bindQaQueue } from './qa-queue/binding.js';
export { qaCapabilities } from './qa-queue/capabilities.js';
export type { QaBinding, QaBindContext } from './qa-queue/binding.js';
export { jitsiJwt, jitsiRoomForMatrixRoom } from './talk-player/jitsi-jwt.js';
export { bindStandBooth } from './stand-booth/binding.js';
export type { StandBinding, StandBindContext } from './stand-booth/binding.js';
export { standCapabilities } from './stand-booth/capabilities.js';
export * from './stand-booth/schema.js';
export { bindFoodTruckMenu } from './food-truck-menu/binding.js';
export type { FoodTruckBinding, FoodTruckBindContext } from './food-truck-menu/binding.js';
export { FOOD_TRUCK_CAPABILITIES } from './food-truck-menu/capabilities.js';
export { ClientServerRoom, PublicRoomCodes, DEFAULT_EVENT_TYPES } from './room/client-server-room.js';
export type { ClientServerRoomOptions, PublicRoomStatus } from './room/client-server-room.js';
export { bindPublicRoom, matrixToLink } from './public/public-room.js';
export type { PublicRoomBinding, PublicRoomOptions } from './public/public-room.js';
