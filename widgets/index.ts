/** `devroom/widget`: the widget runtime, room data layer and bindings. */
export * from './room/room.js';
export * from './room/power-levels.js';
export * from './room/relations.js';
export * from './schema/namespace.js';
