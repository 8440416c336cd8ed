/**
 * `<widget-configurator>`: an example page's form, not a devroom component. It builds a
 * widget's URL and state events with the CLI's own builders (describeWidget: what
 * `devroom widget` prints), validates with them as you type, offers copy buttons, and
 * previews the widget in the Element-like host over an in-memory room. Light DOM, so the
 * page's labels, ids and aria-describedby work across the whole form.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { WidgetHost, LAYOUT_STATE, WIDGET_STATE } from '../../widgets/testing/host.js';
import { createHostToolbar } from '../../widgets/testing/toolbar.js';
import { approveAll } from '../../widgets/testing/driver.js';
import { contentJson, describeWidget, layoutJson, type WidgetOutput } from '../../host-tools/apply/widget-output.js';
import { WIDGET_NAMES } from '../../host-tools/apply/widget-state.js';
import { KIND_OPTIONS, WIDGET_KINDS, WidgetOptionError, validateWidgetOptions, widgetPageUrl, type WidgetKind, type WidgetOptions } from '../../host-tools/apply/widget-url.js';
import { fieldsFor, KIND_LABELS, type FieldInfo } from './fields.js';
import { createPreviewRoom } from './preview-room.js';

export interface Problem {
  /** Form field id the problem belongs to. */
  field: string;
  message: string;
}

export interface FormState {
  kind: WidgetKind;
  base: string;
  room: string;
  name: string;
  values: WidgetOptions;
}

export const optionFieldId = (key: string): string => `opt-${key}`;

/** The options as the CLI would get them, in URL order: fields left empty are options not given. */
export function optionsOf(kind: WidgetKind, values: WidgetOptions): WidgetOptions {
  return Object.fromEntries(Object.keys(KIND_OPTIONS[kind]).flatMap((key) => (values[key]?.trim() ? [[key, values[key]]] : [])));
}

/** Validates with the CLI's validators and, when all is well, builds what the CLI prints. */
export function evaluate(form: FormState): { problems: Problem[]; output?: WidgetOutput } {
  const problems: Problem[] = [];
  const options = optionsOf(form.kind, form.values);
  if (form.base.trim() === '') problems.push({ field: 'base', message: "required: the https:// address where devroom's dist/ is served" });
  else {
    try {
      widgetPageUrl(form.base.trim(), form.kind);
    } catch (e) {
      if (!(e instanceof WidgetOptionError)) throw e;
      problems.push(...e.problems.map((p) => ({ field: 'base', message: p.replace(/^base:\s*/, '') })));
    }
  }
  const labels = new Map(fieldsFor(form.kind).map((f) => [f.key, f.label]));
  for (const p of validateWidgetOptions(form.kind, options).problems) {
    // Problems start with the option key: "src: must be…", or name keys: "qaAt is before startsAt".
    const own = /^(\w+):\s*([\s\S]*)$/.exec(p);
    const key = own?.[1] ?? /^(\w+)/.exec(p)?.[1] ?? '';
    const message = own ? own[2]! : p.replace(/\b\w+\b/g, (word) => (labels.has(word) ? `"${labels.get(word)}"` : word));
    problems.push({ field: labels.has(key) ? optionFieldId(key) : 'base', message });
  }
  if (problems.length) return { problems };
  const room = form.room.trim();
  const name = form.name.trim();
  const output = describeWidget({ base: form.base.trim(), kind: form.kind, options, ...(room ? { room } : {}), ...(name ? { name } : {}) });
  return { problems, output };
}

/** The same template URL on another page: the built widget page under the preview's widget base. */
export function previewUrl(output: WidgetOutput, previewBase: string): string {
  return new URL(`${output.kind}.html`, previewBase).toString() + output.url.slice(output.url.indexOf('#'));
}

type OutputKey = 'url' | 'addwidget' | 'content' | 'layout';

const INITIAL_VALUES: Record<WidgetKind, WidgetOptions> = {
  'talk-player': { title: 'Rust in the kernel: where are we?' },
  'qa-queue': { title: 'Questions for Sam' },
  'stand-booth': {},
  'food-truck-menu': {},
};

@customElement('widget-configurator')
export class WidgetConfigurator extends LitElement {
  /** Where the built widget pages are served for the preview, e.g. `http://127.0.0.1:8001/widgets/`. */
  @property({ attribute: 'preview-base' }) previewBase = '/dist/widgets/';
  /** Wait after the last keystroke before reloading the preview (ms). */
  @property({ type: Number, attribute: 'preview-delay' }) previewDelay = 400;

  @state() kind: WidgetKind = 'talk-player';
  @state() base = 'https://widgets.example.org/devroom';
  @state() room = 'D.rust';
  @state() name = '';
  @state() private values: Record<WidgetKind, WidgetOptions> = structuredClone(INITIAL_VALUES);
  /** Fields whose errors show: left once (change) or already showing an error. */
  @state() private touched = new Set<string>();
  @state() private copyStatus: Partial<Record<OutputKey, string>> = {};

  /** The Element-like host of the preview (created on first render). */
  host?: WidgetHost;
  private previewTimer?: ReturnType<typeof setTimeout>;
  private previewKey = '';
  private previewWidgetId?: string;
  private copyTimers: Partial<Record<OutputKey, ReturnType<typeof setTimeout>>> = {};

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Current form as the evaluator sees it. */
  get form(): FormState {
    return { kind: this.kind, base: this.base, room: this.room, name: this.name, values: this.values[this.kind] };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.previewTimer);
    for (const t of Object.values(this.copyTimers)) clearTimeout(t);
    this.host?.stop();
    this.host = undefined;
  }

  protected override firstUpdated(): void {
    const { room, attendees, media } = createPreviewRoom();
    const container = this.querySelector<HTMLElement>('.preview-host')!;
    this.host = new WidgetHost({
      room,
      media,
      userId: attendees.find((a) => a.userId.startsWith('@moderator'))?.userId ?? attendees[0]!.userId,
      container,
      theme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
      lang: navigator.language.split('-')[0] ?? 'en',
      // The preview is about the options; Element's capability prompt would only be in the way.
      approve: approveAll,
      storage: null,
    });
    container.before(createHostToolbar(this.host, { attendees }));
    this.host.start();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const { output } = evaluate(this.form);
    if (!output || !this.host) return;
    const key = JSON.stringify([previewUrl(output, this.previewBase), output.content.name, output.widgetId]);
    if (key === this.previewKey) return;
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => this.showPreview(output, key), this.previewDelay);
  }

  private showPreview(output: WidgetOutput, key: string): void {
    const room = this.host?.room;
    if (!room) return;
    this.previewKey = key;
    // A new room name means a new widget id: remove the old widget (empty content), as Element does.
    if (this.previewWidgetId && this.previewWidgetId !== output.widgetId) room.setState(WIDGET_STATE, this.previewWidgetId, {});
    this.previewWidgetId = output.widgetId;
    room.setState(WIDGET_STATE, output.widgetId, { ...output.content, url: previewUrl(output, this.previewBase) });
    room.setState(LAYOUT_STATE, '', { ...output.layout });
  }

  private setValue(field: string, value: string): void {
    if (field === 'base') this.base = value;
    else if (field === 'room') this.room = value;
    else if (field === 'name') this.name = value;
    else this.values = { ...this.values, [this.kind]: { ...this.values[this.kind], [field.replace(/^opt-/, '')]: value } };
  }

  private onInput(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.name === 'kind') {
      this.kind = input.value as WidgetKind;
      return;
    }
    this.setValue(input.id, input.value);
  }

  private onChange(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.name !== 'kind') this.touched = new Set(this.touched).add(input.id);
  }

  private focusField(e: Event, id: string): void {
    e.preventDefault();
    this.touched = new Set(this.touched).add(id);
    this.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  private async copy(key: OutputKey, text: string): Promise<void> {
    clearTimeout(this.copyTimers[key]);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      this.copyStatus = { ...this.copyStatus, [key]: 'Copied' };
      this.copyTimers[key] = setTimeout(() => (this.copyStatus = { ...this.copyStatus, [key]: '' }), 4000);
    } catch {
      // No clipboard (plain http, permission refused): select the text so Ctrl+C copies it.
      const area = this.querySelector<HTMLTextAreaElement>(`#out-${key}`);
      area?.focus();
      area?.select();
      this.copyStatus = { ...this.copyStatus, [key]: 'Could not copy: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.' };
    }
  }

  private renderField(id: string, label: string, value: string, problems: Problem[], extra: { hint: string; type: string; placeholder: string; required?: boolean }) {
    const mine = problems.filter((p) => p.field === id);
    const show = mine.length > 0 && this.touched.has(id);
    return html`<div class="field ${show ? 'invalid' : ''}">
      <label for=${id}>${label}${extra.required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
      <input
        id=${id}
        name=${id}
        type=${extra.type}
        .value=${value}
        placeholder=${extra.placeholder}
        autocomplete="off"
        spellcheck="false"
        ?required=${extra.required}
        aria-invalid=${show ? 'true' : 'false'}
        aria-describedby=${show ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      <p class="hint" id="${id}-hint">${extra.hint}</p>
      ${show ? html`<p class="error" id="${id}-error">${mine.map((p) => html`<span>${p.message}</span> `)}</p>` : nothing}
    </div>`;
  }

  private renderOutput(key: OutputKey, label: string, text: string, rows: number) {
    const status = this.copyStatus[key] ?? '';
    return html`<div class="output">
      <div class="output-head">
        <label for="out-${key}">${label}</label>
        <button type="button" id="copy-${key}" aria-describedby="status-${key}" @click=${() => this.copy(key, text)}>Copy</button>
        <span class="status ${status === 'Copied' ? 'ok' : ''}" id="status-${key}" role="status">${status}</span>
      </div>
      <textarea id="out-${key}" readonly rows=${rows} spellcheck="false" .value=${text}></textarea>
    </div>`;
  }

  protected override render() {
    const { problems, output } = evaluate(this.form);
    const fields: FieldInfo[] = fieldsFor(this.kind);
    return html`
      <form class="form" novalidate aria-label="Widget options" @input=${this.onInput} @change=${this.onChange} @submit=${(e: Event) => e.preventDefault()}>
        <fieldset class="kinds">
          <legend>Widget</legend>
          ${WIDGET_KINDS.map(
            (k) => html`<label class="kind"><input type="radio" name="kind" .value=${k} .checked=${this.kind === k} /> ${KIND_LABELS[k]}</label>`,
          )}
        </fieldset>
        <fieldset>
          <legend>Where it is served and which room</legend>
          ${this.renderField('base', 'Widget base URL', this.base, problems, {
            hint: "Where devroom's dist/ is served; pages are at <base>/widgets/<kind>.html. https:// only. CLI: --base",
            type: 'url',
            placeholder: 'https://widgets.example.org/devroom',
            required: true,
          })}
          ${this.renderField('room', 'Room name', this.room, problems, {
            hint: 'Name or slug of the room; gives the widget a stable id. CLI: --room',
            type: 'text',
            placeholder: 'room',
          })}
          ${this.renderField('name', 'Widget name', this.name, problems, {
            hint: `Shown in Element above the widget (default "${WIDGET_NAMES[this.kind]}"). CLI: --name`,
            type: 'text',
            placeholder: WIDGET_NAMES[this.kind],
          })}
        </fieldset>
        <fieldset>
          <legend>${KIND_LABELS[this.kind]} options</legend>
          <p class="hint">All optional; leave a field empty to leave the option out.</p>
          ${fields.map((f) => this.renderField(optionFieldId(f.key), f.label, this.values[this.kind][f.key] ?? '', problems, f))}
        </fieldset>
      </form>

      <section class="outputs" aria-labelledby="outputs-heading">
        <h2 id="outputs-heading">What to put in the room</h2>
        ${output
          ? html`
              <p class="hint">As <code>npx devroom widget ${this.kind}</code> prints it. Widget id (state key): <code>${output.widgetId}</code></p>
              ${this.renderOutput('url', 'Widget URL', output.url, 5)}
              ${this.renderOutput('addwidget', '/addwidget line (Element, as a moderator)', output.addwidget, 5)}
              ${this.renderOutput('content', `im.vector.modular.widgets content (state key "${output.widgetId}")`, contentJson(output), contentJson(output).split('\n').length + 4)}
              ${this.renderOutput('layout', 'io.element.widgets.layout content (state key "")', layoutJson(output), layoutJson(output).split('\n').length)}
            `
          : html`<div class="problems">
              <p>${problems.length === 1 ? '1 problem' : `${problems.length} problems`} to fix before the URL can be built:</p>
              <ul>
                ${problems.map(
                  (p) => html`<li><a href="#${p.field}" @click=${(e: Event) => this.focusField(e, p.field)}>${this.labelOf(p.field)}</a>: ${p.message}</li>`,
                )}
              </ul>
            </div>`}
      </section>

      <section class="preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview in the Element-like host</h2>
        <p class="hint">
          The built widget page under <code>${this.previewBase}</code> with the options above, in a demo room (Q&amp;A questions, a stand, a food truck;
          no talk state, so the talk player shows the form's options).${output ? nothing : ' Showing the last valid settings.'}
        </p>
        <div class="preview-host"></div>
      </section>
    `;
  }

  private labelOf(field: string): string {
    if (field === 'base') return 'Widget base URL';
    return fieldsFor(this.kind).find((f) => optionFieldId(f.key) === field)?.label ?? field;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'widget-configurator': WidgetConfigurator;
  }
}
