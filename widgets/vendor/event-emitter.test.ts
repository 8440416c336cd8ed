import { expect } from '@open-wc/testing';
import { EventEmitter } from './event-emitter.js';

describe('EventEmitter (the `events` subset matrix-widget-api uses)', () => {
  it('calls listeners in order with the arguments and reports whether any listened', () => {
    const e = new EventEmitter();
    const calls: string[] = [];
    e.on('x', (a: string) => calls.push(`1${a}`));
    e.on('x', (a: string) => calls.push(`2${a}`));
    expect(e.emit('x', 'a')).to.equal(true);
    expect(e.emit('nobody')).to.equal(false);
    expect(calls).to.deep.equal(['1a', '2a']);
  });

  it('once fires once and can be removed by the original listener', () => {
    const e = new EventEmitter();
    let n = 0;
    const l = () => n++;
    e.once('x', l);
    e.emit('x');
    e.emit('x');
    expect(n).to.equal(1);
    e.once('y', l);
    e.off('y', l);
    expect(e.emit('y')).to.equal(false);
  });

  it('removing a listener during emit does not skip the others (snapshot)', () => {
    const e = new EventEmitter();
    const calls: number[] = [];
    const second = () => calls.push(2);
    e.on('x', () => {
      calls.push(1);
      e.off('x', second);
    });
    e.on('x', second);
    e.emit('x');
    e.emit('x');
    expect(calls).to.deep.equal([1, 2, 1]);
  });

  it('off removes one registration, the latest; removeAllListeners clears', () => {
    const e = new EventEmitter();
    let n = 0;
    const l = () => n++;
    e.on('x', l).on('x', l);
    e.off('x', l);
    e.emit('x');
    expect(n).to.equal(1);
    e.removeAllListeners();
    expect(e.emit('x')).to.equal(false);
    expect(n).to.equal(1);
  });

  it('an unhandled error event throws, like Node', () => {
    const e = new EventEmitter();
    expect(() => e.emit('error', new Error('boom'))).to.throw('boom');
  });
});
