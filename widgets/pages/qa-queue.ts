// dist/widgets/qa-queue.html: the Q&A queue as a Matrix widget (or, opened directly, a
// plain page that reads questions from `#src=…`).
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { defineElement } from '../../components/shared/define.js';
import { bootWidget } from '../runtime/boot.js';
import { qaCapabilities } from '../bindings/qa-queue-capabilities.js';
import { applyTheme } from './page-theme.js';

// The component (with Lit) and the binding are chunks of their own, requested at once (the
// page preloads them), so what they load on demand (moderator tools, German, plain-page
// data, the hands queue) stays on demand.
// The class module, not define.ts: a dynamic import of define.ts keeps every package
// export it re-exports (tally API, hands model, data parser) in the chunk.
const component = import('../../components/qa-queue/qa-queue.js').then(({ DevroomQaQueue }) =>
  defineElement('devroom-qa-queue', DevroomQaQueue),
);

async function create(): Promise<DevroomQaQueue> {
  await component;
  return document.createElement('devroom-qa-queue');
}

void bootWidget({
  capabilities: qaCapabilities,
  async render(ctx) {
    const [{ bindQaQueue }, el] = await Promise.all([import('../bindings/qa-queue.js'), create()]);
    ctx.container.append(el);
    applyTheme(el, ctx.theme);
    bindQaQueue({ room: ctx.room, element: el, hasCapability: ctx.hasCapability, ...(ctx.params.extra.title ? { title: ctx.params.extra.title } : {}) });
    return el.updateComplete;
  },
  async standalone(ctx) {
    const el = await create();
    if (ctx.extra.src) el.src = ctx.extra.src;
    if (ctx.theme) el.setAttribute('theme', ctx.theme);
    ctx.container.append(el);
    return el.updateComplete;
  },
});
