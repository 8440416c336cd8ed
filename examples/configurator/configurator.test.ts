import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { run } from '../../host-tools/cli/cli.js';
import { templateWidgetUrl } from '../../widgets/testing/templating.js';
import './configurator.js';
import type { WidgetConfigurator } from './configurator.js';

// The preview loads pages from here; the test checks the URLs, not the pages.
const PREVIEW_BASE = `${location.origin}/dist/widgets/`;

async function mount(): Promise<WidgetConfigurator> {
  const el = await fixture<WidgetConfigurator>(html`<widget-configurator preview-base=${PREVIEW_BASE} preview-delay="0"></widget-configurator>`);
  await el.updateComplete;
  return el;
}

const input = (el: HTMLElement, id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
const output = (el: HTMLElement, key: string) => el.querySelector<HTMLTextAreaElement>(`#out-${key}`);

/** Types like a user: focus, select all, type, then Tab away (fires change). */
async function type(el: WidgetConfigurator, id: string, text: string): Promise<void> {
  const field = input(el, id);
  field.focus();
  field.select();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
  await el.updateComplete;
}

async function chooseKind(el: WidgetConfigurator, label: string): Promise<void> {
  const radio = [...el.querySelectorAll<HTMLInputElement>('input[name=kind]')].find((r) => r.parentElement!.textContent!.trim() === label)!;
  radio.focus();
  await sendKeys({ press: 'Space' });
  await el.updateComplete;
}

/** What `devroom widget … --json` prints, run in-process. */
async function cliJson(argv: string[]): Promise<{ url: string; addwidget: string; widgetId: string; stateEvents: { content: unknown }[] }> {
  let out = '';
  let err = '';
  const code = await run(['widget', ...argv, '--json'], { stdout: (t) => (out += t), stderr: (t) => (err += t), readFile: () => Promise.reject(new Error('no files')), env: {} });
  expect(code, err).to.equal(0);
  return JSON.parse(out) as { url: string; addwidget: string; widgetId: string; stateEvents: { content: unknown }[] };
}

describe('widget configurator', () => {
  afterEach(() => sinon.restore());

  it('builds the talk player URL, /addwidget line and state events exactly as the CLI does', async () => {
    const el = await mount();
    await type(el, 'base', 'https://cdn.example.org/devroom/');
    await type(el, 'room', 'Tsai Auditorium (CGIS S010)');
    await type(el, 'opt-src', 'https://stream.example.org/d-rust.m3u8');
    await type(el, 'opt-title', 'Rust & $matrix_user_id');
    await type(el, 'opt-startsAt', '2021-02-06T10:30:00+01:00');
    await type(el, 'opt-jitsiDomain', 'meet.example.org');
    await type(el, 'opt-jitsiRoom', 'fosdem21-d-rust');
    const cli = await cliJson([
      'talk-player',
      '--base', 'https://cdn.example.org/devroom/',
      '--room', 'Tsai Auditorium (CGIS S010)',
      '--src', 'https://stream.example.org/d-rust.m3u8',
      '--title', 'Rust & $matrix_user_id',
      '--starts-at', '2021-02-06T10:30:00+01:00',
      '--jitsi-domain', 'meet.example.org',
      '--jitsi-room', 'fosdem21-d-rust',
    ]);
    expect(output(el, 'url')!.value).to.equal(cli.url);
    expect(output(el, 'addwidget')!.value).to.equal(cli.addwidget);
    expect(JSON.parse(output(el, 'content')!.value)).to.deep.equal(cli.stateEvents[0]!.content);
    expect(JSON.parse(output(el, 'layout')!.value)).to.deep.equal(cli.stateEvents[1]!.content);
    // Printed as the CLI prints them (2-space JSON).
    expect(output(el, 'content')!.value).to.equal(JSON.stringify(cli.stateEvents[0]!.content, null, 2));
    expect(el.textContent).to.contain(`devroom-talk-player-tsai-auditorium-cgis-s010`);
    await expect(el.querySelector('form')).to.be.accessible();
    await expect(el.querySelector('.outputs')).to.be.accessible();
  });

  it('shows clear validation errors tied to their fields, and lists them instead of the output', async () => {
    const el = await mount();
    await type(el, 'opt-src', 'http://stream.example.org/a.m3u8');
    await type(el, 'opt-jitsiRoom', 'bad room');
    await type(el, 'opt-startsAt', 'tomorrow at ten');

    const src = input(el, 'opt-src');
    expect(src.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = src.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy).to.include('opt-src-error');
    expect(el.querySelector('#opt-src-error')!.textContent).to.contain('must be an https:// URL, got http://');
    expect(el.querySelector('#opt-startsAt-error')!.textContent).to.contain('expected an ISO 8601 time with a zone');
    expect(el.querySelector('#opt-jitsiRoom-error')!.textContent).to.match(/Jitsi room names are 1–128 letters/);
    expect(el.querySelector('#opt-jitsiRoom-error')!.textContent).to.contain('"Jitsi room name" needs "Jitsi domain"');
    // No output while invalid; the summary names every problem and links to its field.
    expect(output(el, 'url')).to.equal(null);
    const summary = el.querySelector('.problems')!;
    expect(summary.textContent).to.contain('4 problems');
    const link = [...summary.querySelectorAll('a')].find((a) => a.textContent === 'HLS stream URL')!;
    link.click();
    expect(document.activeElement).to.equal(src);
    await expect(el.querySelector('form')).to.be.accessible();

    // Fixing them brings the output back, live.
    await type(el, 'opt-src', 'https://stream.example.org/a.m3u8');
    await type(el, 'opt-jitsiRoom', '');
    await type(el, 'opt-startsAt', '2021-02-06T10:30:00Z');
    expect(input(el, 'opt-src').getAttribute('aria-invalid')).to.equal('false');
    expect(el.querySelector('#opt-src-error')).to.equal(null);
    expect(output(el, 'url')!.value).to.contain('src=https%3A%2F%2Fstream.example.org%2Fa.m3u8');
    expect(output(el, 'url')!.value).to.contain('startsAt=2021-02-06T10%3A30%3A00.000Z');
  });

  it('refuses a base that is not https and orders talk times', async () => {
    const el = await mount();
    await type(el, 'base', 'http://widgets.example.org');
    expect(el.querySelector('#base-error')!.textContent).to.contain('must be an https:// URL');
    await type(el, 'base', '');
    expect(el.querySelector('#base-error')!.textContent).to.contain('required');
    await type(el, 'base', 'https://widgets.example.org');
    await type(el, 'opt-startsAt', '2021-02-06T11:00:00Z');
    await type(el, 'opt-qaAt', '2021-02-06T10:00:00Z');
    expect(el.querySelector('#opt-qaAt-error')!.textContent).to.contain('"Q&A starts at" is before "Talk starts at"');
  });

  it('offers the options of each kind, and matches the CLI for each', async () => {
    const el = await mount();
    await chooseKind(el, 'Q&A queue');
    expect([...el.querySelectorAll('fieldset:last-of-type input')].map((i) => i.id)).to.deep.equal(['opt-title', 'opt-view']);
    let cli = await cliJson(['qa-queue', '--base', 'https://widgets.example.org/devroom', '--room', 'D.rust', '--title', 'Questions for Sam']);
    expect(output(el, 'url')!.value).to.equal(cli.url);

    await chooseKind(el, 'Stand booth');
    expect([...el.querySelectorAll('fieldset:last-of-type input')].map((i) => i.id)).to.deep.equal(['opt-src', 'opt-jitsiDomain', 'opt-jitsiRoom']);
    expect(el.querySelector('label[for=opt-src]')!.textContent).to.contain('Stand JSON URL');
    await type(el, 'name', 'Kitten Linux');
    cli = await cliJson(['stand-booth', '--base', 'https://widgets.example.org/devroom', '--room', 'D.rust', '--name', 'Kitten Linux']);
    expect(JSON.parse(output(el, 'content')!.value)).to.deep.equal(cli.stateEvents[0]!.content);

    await chooseKind(el, 'Food-truck menu');
    await type(el, 'opt-src', 'https://example.org/menu.json');
    cli = await cliJson(['food-truck-menu', '--base', 'https://widgets.example.org/devroom', '--room', 'D.rust', '--name', 'Kitten Linux', '--src', 'https://example.org/menu.json']);
    expect(output(el, 'url')!.value).to.equal(cli.url);
    expect(output(el, 'addwidget')!.value).to.equal(cli.addwidget);

    // Values are kept per kind.
    await chooseKind(el, 'Talk player');
    expect(input(el, 'opt-title').value).to.equal('Rust in the kernel: where are we?');
    expect(input(el, 'opt-src').value).to.equal('');
  });

  it('copies to the clipboard with a visible confirmation', async () => {
    const el = await mount();
    const write = sinon.stub(navigator.clipboard, 'writeText').resolves();
    const button = el.querySelector<HTMLButtonElement>('#copy-addwidget')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.querySelector('#status-addwidget')!.textContent === 'Copied', 'no "Copied"');
    expect(write.calledOnceWithExactly(output(el, 'addwidget')!.value)).to.equal(true);
    expect(write.firstCall.args[0]).to.match(/^\/addwidget https:\/\/widgets\.example\.org\/devroom\/widgets\/talk-player\.html#\?roomId=\$matrix_room_id&/);

    el.querySelector<HTMLButtonElement>('#copy-layout')!.click();
    await waitUntil(() => el.querySelector('#status-layout')!.textContent === 'Copied');
    expect(JSON.parse(write.secondCall.args[0])).to.deep.equal({ widgets: { 'devroom-talk-player-d-rust': { container: 'top', index: 0, width: 100, height: 60 } } });
  });

  it('selects the text for Ctrl+C when the clipboard refuses', async () => {
    const el = await mount();
    sinon.stub(navigator.clipboard, 'writeText').rejects(new DOMException('Write permission denied.', 'NotAllowedError'));
    el.querySelector<HTMLButtonElement>('#copy-content')!.click();
    await waitUntil(() => el.querySelector('#status-content')!.textContent!.includes('press Ctrl+C'), 'no fallback message');
    const area = output(el, 'content')!;
    expect(document.activeElement).to.equal(area);
    expect([area.selectionStart, area.selectionEnd]).to.deep.equal([0, area.value.length]);
  });

  it('previews the built widget page with the form options, templated as Element does', async () => {
    const el = await mount();
    await chooseKind(el, 'Q&A queue');
    await type(el, 'opt-title', 'Ask Sam');
    const widgetId = 'devroom-qa-queue-d-rust';
    await waitUntil(() => el.host?.mounted(widgetId)?.iframe.src.includes('title=Ask%20Sam'), 'preview not updated');
    const mounted = el.host!.mounted(widgetId)!;
    const url = output(el, 'url')!.value;
    const previewTemplate = `${PREVIEW_BASE}qa-queue.html${url.slice(url.indexOf('#'))}`;
    const room = el.host!.room;
    const expected = templateWidgetUrl(
      { id: widgetId, creatorUserId: room.creator, type: 'dev.devroom.qa', url: previewTemplate.replace(/%24/g, '$'), name: 'Q&A', data: { title: 'Ask Sam' } },
      { roomId: room.roomId, userId: el.host!.userId, displayName: room.displayName(el.host!.userId), theme: el.host!.theme, lang: el.host!.lang, clientId: 'dev.devroom.host' },
      location.href,
    );
    expect(mounted.iframe.getAttribute('src')).to.equal(expected);
    const fragment = new URLSearchParams(new URL(expected).hash.slice(2));
    expect(fragment.get('roomId')).to.equal(room.roomId);
    expect(fragment.get('title')).to.equal('Ask Sam');
    expect(expected.startsWith(`${PREVIEW_BASE}qa-queue.html?`)).to.equal(true);

    // A new room name is a new widget id: the old widget goes, the new one comes.
    await type(el, 'room', 'K.3.201');
    await waitUntil(() => el.host?.mounted('devroom-qa-queue-k-3-201'), 'new widget not mounted');
    expect(el.host!.mounted(widgetId)).to.equal(undefined);
    expect(el.querySelectorAll('.devroom-host-widget').length).to.equal(1);
  });
});
