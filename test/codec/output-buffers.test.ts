/**
 * The contract of the Buffers that encode returns (writer.ts, docs/runtime.md § Codec speed): small ones are views
 * into a shared output slab, like Buffer.allocUnsafe's pool. Each stays valid and unchanged whatever is encoded
 * afterwards, writing into one never changes another, and transferring one to a worker never empties the others.
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

interface Note {
  id: number;
  text: string;
}
const codec = createCodec<Note>({
  type: 'record',
  name: 'Note',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'text', type: 'string' },
  ],
});
const SIZES = [0, 1, 7, 20, 300, 1_000, 1_100, 5_000, 9_000, 20_000];
const note = (i: number): Note => ({ id: i, text: String.fromCharCode(97 + (i % 26)).repeat(SIZES[i % SIZES.length]!) });

/** What the bytes of `note(i)` must be: computed apart from the codec under test. */
function expected(i: number, framed: boolean): Buffer {
  const n = note(i);
  const zigzag = (x: number): number[] => {
    const out: number[] = [];
    let z = x * 2;
    while (z > 0x7f) {
      out.push((z % 128) | 0x80);
      z = Math.floor(z / 128);
    }
    out.push(z);
    return out;
  };
  const body = Buffer.from([...zigzag(n.id), ...zigzag(n.text.length), ...Buffer.from(n.text)]);
  return framed ? Buffer.concat([Buffer.from([0, 0, 0, 0, 42]), body]) : body;
}

describe('encoded buffers', () => {
  it('stay valid and unchanged while thousands more values are encoded, small and large, framed or not', () => {
    const kept: Buffer[] = [];
    for (let i = 0; i < 3_000; i++) kept.push(i % 2 ? codec.encodeFramed(note(i), 42) : codec.encode(note(i)));
    codec.encode({ id: 1, text: 'x'.repeat(5 * 1024 * 1024) }); // a value that outgrows any slab
    for (let i = 0; i < 1_000; i++) codec.encode(note(i));
    kept.forEach((buf, i) => expect(buf.equals(expected(i, i % 2 === 1))).toBe(true));
  });

  it('are independent: writing into one changes no other', () => {
    const bufs = Array.from({ length: 200 }, (_, i) => codec.encode({ id: i, text: 'abc' }));
    bufs[100]!.fill(0xff);
    bufs.forEach((buf, i) => {
      if (i !== 100) expect(codec.decode(buf)).toEqual({ id: i, text: 'abc' });
    });
  });

  it('are unchanged by an encode that fails half-way', () => {
    const before = codec.encode({ id: 7, text: 'before' });
    const copy = Buffer.from(before);
    expect(() => codec.encode({ id: 8, text: 9 as unknown as string })).toThrow();
    const after = codec.encode({ id: 9, text: 'after' });
    expect(before.equals(copy)).toBe(true);
    expect(codec.decode(after)).toEqual({ id: 9, text: 'after' });
  });

  it('survive another one being listed in a postMessage transfer list', async () => {
    const first = codec.encode({ id: 1, text: 'first' });
    const sent = codec.encode({ id: 2, text: 'sent' });
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<Uint8Array>((resolve) => port2.once('message', resolve));
    port1.postMessage(sent, [sent.buffer as ArrayBuffer]);
    expect(codec.decode((await received) as Buffer)).toEqual({ id: 2, text: 'sent' });
    port1.close();
    expect(codec.decode(first)).toEqual({ id: 1, text: 'first' });
    expect(codec.decode(sent)).toEqual({ id: 2, text: 'sent' });
    expect(codec.decode(codec.encode({ id: 3, text: 'later' }))).toEqual({ id: 3, text: 'later' });
  });
});
