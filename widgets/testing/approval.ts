import type { Widget } from 'matrix-widget-api';
import { describeCapability } from '../runtime/describe-capability.js';
import type { CapabilityApprover } from './driver.js';

/**
 * Element's capability prompt: every requested capability not remembered for this widget
 * id is listed with a checkbox (checked), plus "Remember my selection for this widget";
 * Approve or Decline all. Remembered approvals live in localStorage under Element's key
 * `widget_<id>_approved_caps`, so a widget is asked once per browser, like in Element.
 */

export function rememberedCapabilities(widgetId: string, storage: Storage | null): string[] {
  try {
    const raw = storage?.getItem(`widget_${widgetId}_approved_caps`);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberCapabilities(widgetId: string, storage: Storage | null, approved: Iterable<string>): void {
  storage?.setItem(`widget_${widgetId}_approved_caps`, JSON.stringify([...new Set(approved)]));
}

export function forgetCapabilities(widgetId: string, storage: Storage | null): void {
  storage?.removeItem(`widget_${widgetId}_approved_caps`);
}

export interface PromptApproverOptions {
  /** Where the dialog goes. Default document.body. */
  container?: HTMLElement;
  /** Default localStorage; null = remember nothing. */
  storage?: Storage | null;
  /**
   * Adds "Allow all": it grants this and every later request of every widget, remembered in
   * `storage` under this key (the demo: switching person would otherwise ask again).
   */
  allowAllKey?: string;
}

/** An approver that asks the (simulated) user with a dialog. */
export function promptApprover(options: PromptApproverOptions = {}): CapabilityApprover {
  const storage = options.storage === undefined ? globalThis.localStorage : options.storage;
  const allowedAll = () => !!options.allowAllKey && storage?.getItem(options.allowAllKey) === 'true';
  const allowAll = options.allowAllKey ? () => storage?.setItem(options.allowAllKey!, 'true') : undefined;
  return async (requested, widget) => {
    if (allowedAll()) return new Set(requested);
    const remembered = new Set(rememberedCapabilities(widget.id, storage));
    const granted = new Set([...requested].filter((c) => remembered.has(c)));
    const ask = [...requested].filter((c) => !remembered.has(c));
    if (ask.length === 0) return granted;
    // One dialog at a time, like Element: widgets that start together queue their prompts
    // (a queued one is not shown once "Allow all" was chosen).
    const shown = promptQueue.then(() => (allowedAll() ? { approved: ask, remember: false } : showPrompt(options.container ?? document.body, widget, ask, allowAll)));
    promptQueue = shown.then(
      () => undefined,
      () => undefined,
    );
    const { approved, remember } = await shown;
    for (const c of approved) granted.add(c);
    if (remember) rememberCapabilities(widget.id, storage, [...remembered, ...approved]);
    return granted;
  };
}

let promptCount = 0;
let promptQueue: Promise<void> = Promise.resolve();

function showPrompt(container: HTMLElement, widget: Widget, capabilities: string[], allowAll?: () => void): Promise<{ approved: string[]; remember: boolean }> {
  const doc = container.ownerDocument;
  const id = `devroom-caps-${++promptCount}`;
  const dialog = doc.createElement('dialog');
  dialog.className = 'devroom-host-prompt';
  dialog.dataset.widgetId = widget.id;
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  const title = doc.createElement('h2');
  title.id = `${id}-title`;
  title.textContent = 'Approve widget permissions';
  const intro = doc.createElement('p');
  intro.textContent = `${widget.name ?? widget.id} would like to:`;
  const list = doc.createElement('ul');
  const boxes = capabilities.map((capability, i) => {
    const li = doc.createElement('li');
    const box = doc.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.id = `${id}-cap-${i}`;
    box.value = capability;
    const label = doc.createElement('label');
    label.htmlFor = box.id;
    label.textContent = describeCapability(capability).text;
    label.title = capability;
    li.append(box, ' ', label);
    list.append(li);
    return box;
  });
  const rememberBox = doc.createElement('input');
  rememberBox.type = 'checkbox';
  rememberBox.checked = true;
  rememberBox.id = `${id}-remember`;
  const rememberLabel = doc.createElement('label');
  rememberLabel.htmlFor = rememberBox.id;
  rememberLabel.textContent = 'Remember my selection for this widget';
  const remember = doc.createElement('p');
  remember.append(rememberBox, ' ', rememberLabel);
  const decline = doc.createElement('button');
  decline.type = 'button';
  decline.textContent = 'Decline all';
  decline.dataset.action = 'decline';
  const approve = doc.createElement('button');
  approve.type = 'button';
  approve.textContent = 'Approve';
  approve.dataset.action = 'approve';
  const actions = doc.createElement('p');
  actions.append(decline, ' ', approve);
  const all = doc.createElement('button');
  all.type = 'button';
  all.textContent = 'Allow all (every widget, every person)';
  all.dataset.action = 'allow-all';
  if (allowAll) actions.append(' ', all);
  dialog.append(title, intro, list, remember, actions);
  container.append(dialog);
  dialog.showModal();

  return new Promise((resolve) => {
    const finish = (approved: string[]) => {
      dialog.close();
      dialog.remove();
      resolve({ approved, remember: rememberBox.checked });
    };
    approve.addEventListener('click', () => finish(boxes.filter((b) => b.checked).map((b) => b.value)));
    decline.addEventListener('click', () => finish([]));
    all.addEventListener('click', () => {
      allowAll?.();
      finish(capabilities);
    });
    // Escape closes a modal dialog: treat it as declining, as Element does.
    dialog.addEventListener('cancel', (ev) => {
      ev.preventDefault();
      finish([]);
    });
  });
}
