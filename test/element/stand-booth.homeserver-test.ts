import { conference, leaveAll, sit } from './conference.js';
import { inWidget, waitForText, waitInWidget } from './in-widget.js';

describe('stand booth through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('staff who open an empty booth, list themselves and save give visitors a contact form at once', async () => {
    const conf = await conference({ people: { Ann: 50, Vic: 0 }, widgets: ['stand-booth'] });
    const ann = await sit(conf, conf.people.Ann!, 'stand-booth');
    const vic = await sit(conf, conf.people.Vic!, 'stand-booth');
    await waitInWidget(ann.widget, 'Edit stand', (dom) => {
      const edit = dom.button('^Edit stand$');
      edit?.click();
      return !!edit;
    });
    await waitInWidget(ann.widget, 'the editor', (dom) => dom.findAll('#f-name').length > 0);
    await inWidget(
      ann.widget,
      (dom, me) => {
        dom.type('#f-name', 'Kitten Linux');
        dom.type('#f-staff', `${me} | Ann | Maintainer`);
        dom.button('^Save$')!.click();
      },
      conf.people.Ann!.userId,
    );
    await waitForText(vic.widget, 'Kitten Linux');
    // Without reopening anything: the visitor can leave a contact request.
    await waitInWidget(vic.widget, 'the contact form', (dom) => dom.findAll('#message').length > 0);
  });
});
