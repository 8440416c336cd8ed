/** The widget runtime: bootstrap, parameters, capabilities, origin guard. Part of `devroom/widget`. */
export { bootWidget } from './boot.js';
export type { BootOptions, BootedWidget, StandaloneContext, WidgetContext, WidgetStatus } from './boot.js';
export { capabilityList } from './capabilities.js';
export { describeCapability } from './describe-capability.js';
export type { CapabilityList, CapabilitySpec, EventCapability, StateCapability } from './capabilities.js';
export { installOriginGuard } from './origin-guard.js';
export { normaliseLang, normaliseTheme, readWidgetParams, TEMPLATE_PARAMS, widgetUrlTemplate, WidgetParamsError } from './params.js';
export type { ParamsResult, TemplateParam, Theme, WidgetParams } from './params.js';
export { renderScreen } from './screens.js';
export type { ScreenKind } from './screens.js';
export { Watchable } from './watchable.js';
export { WidgetApiRoom, toRoomError } from '../room/widget-api-room.js';
export type { WidgetApiRoomOptions } from '../room/widget-api-room.js';
