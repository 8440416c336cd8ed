import { expect } from '@open-wc/testing';
import { WidgetApi, ClientWidgetApi } from 'matrix-widget-api';

describe('toolchain', () => {
  it('loads matrix-widget-api from source', () => {
    expect(typeof WidgetApi).to.equal('function');
    expect(typeof ClientWidgetApi).to.equal('function');
  });
});
