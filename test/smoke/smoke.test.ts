import { expect } from '@open-wc/testing';
import { WidgetApi, ClientWidgetApi } from 'matrix-widget-api';
import { normalisePowerLevels, canSend } from '../../widgets/room/power-levels.js';

describe('toolchain', () => {
  it('loads matrix-widget-api from source', () => {
    expect(typeof WidgetApi).to.equal('function');
    expect(typeof ClientWidgetApi).to.equal('function');
  });
  it('resolves .js imports to TypeScript sources', () => {
    expect(canSend(normalisePowerLevels({}), '@a:x', 'm.room.topic', true)).to.equal(false);
  });
});
