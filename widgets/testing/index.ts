/** `devroom/testing`: an in-memory room and an Element-like widget host, for testing widgets. */
export { MemoryRoom } from '../room/memory-room.js';
export type { FaultFilter, MemberProfile, MemoryRoomOptions, PowerLevelsContent, RoomOperation } from '../room/memory-room.js';
export { MemoryWidgetDriver, approveAll, denyAll } from './driver.js';
export type { CapabilityApprover, MemoryWidgetDriverOptions } from './driver.js';
export { MediaNotFoundError, MediaStore } from './media.js';
export type { MediaBody } from './media.js';
export { forgetCapabilities, promptApprover, rememberCapabilities, rememberedCapabilities } from './approval.js';
export type { PromptApproverOptions } from './approval.js';
export { templateWidgetUrl } from './templating.js';
export type { HostTemplateParams } from './templating.js';
export {
  IFRAME_ALLOW,
  IFRAME_SANDBOX,
  LAYOUT_STATE,
  WIDGET_STATE,
  WidgetHost,
  layoutFromState,
  widgetsFromState,
} from './host.js';
export type { HostTheme, LayoutEntry, MountedWidget, WidgetHostOptions } from './host.js';
export { createHostToolbar } from './toolbar.js';
export type { Attendee, HostToolbarOptions } from './toolbar.js';
