// dist/widgets/talk-player.html: the talk player as a Matrix widget (or, opened directly,
// a plain page configured from the URL fragment: #src=…&title=…&startsAt=…).
import '../runtime/page-style.js';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { bootWidget } from '../runtime/boot.js';
import { TALK_OPTIONS, bindTalkPlayer } from './binding.js';
import { talkCapabilities } from './capabilities.js';
import { applyTheme } from '../runtime/page-theme.js';

void bootWidget({
  capabilities: talkCapabilities,
  render(ctx) {
    const el = document.createElement('devroom-talk-player') as DevroomTalkPlayer;
    // The whole player fits the widget's iframe: title, 16:9 stage, toolbar.
    el.style.setProperty('--devroom-player-max-height', 'calc(100vh - 9rem)');
    ctx.container.append(el);
    applyTheme(el, ctx.theme);
    bindTalkPlayer(el, ctx.room, {
      options: ctx.params.extra,
      displayName: ctx.params.displayName,
      hasCapability: ctx.hasCapability,
      // Only the talk page keeps itself on screen (PiP): the call lives here, not in every page's boot.
      setAlwaysOnScreen: async (value) => ctx.hasCapability('m.always_on_screen') && ctx.api.setAlwaysOnScreen(value),
      visible: ctx.visible,
      requestOpenId: () => ctx.api.requestOpenIDConnectToken(),
    });
    return el.updateComplete;
  },
  standalone(ctx) {
    const el = document.createElement('devroom-talk-player') as DevroomTalkPlayer;
    // Attributes, so the element's own URL checks (javascript:/data: refused) apply.
    // startsAt → starts-at; title → talk-title (`title` would be a tooltip over the player).
    for (const option of [...TALK_OPTIONS, 'phase']) {
      const value = ctx.extra[option];
      if (value !== undefined) el.setAttribute(option === 'title' ? 'talk-title' : option.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), value);
    }
    if (ctx.theme) el.setAttribute('theme', ctx.theme);
    ctx.container.append(el);
    return el.updateComplete;
  },
});
