// Draws media/icon.png (128x128): a list of three rows with numbered markers, in the extension's colours.
// Run once with `node client/scripts/make-icon.mjs`; the PNG is committed, so no image tool is needed at build time.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SCALE = 4; // supersampling for smooth edges
const pixels = new Float64Array(SIZE * SIZE * 4); // premultiplied RGBA, 0..1

function roundRect(x0, y0, x1, y1, r, [cr, cg, cb]) {
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
      if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) continue;
      let covered = 0;
      for (let sy = 0; sy < SCALE; sy++) {
        for (let sx = 0; sx < SCALE; sx++) {
          const px = x + (sx + 0.5) / SCALE;
          const py = y + (sy + 0.5) / SCALE;
          const dx = Math.max(x0 + r - px, 0, px - (x1 - r));
          const dy = Math.max(y0 + r - py, 0, py - (y1 - r));
          if (px >= x0 && px <= x1 && py >= y0 && py <= y1 && dx * dx + dy * dy <= r * r) covered++;
        }
      }
      const a = covered / (SCALE * SCALE);
      const i = (y * SIZE + x) * 4;
      // "over" compositing, premultiplied
      pixels[i] = cr * a + pixels[i] * (1 - a);
      pixels[i + 1] = cg * a + pixels[i + 1] * (1 - a);
      pixels[i + 2] = cb * a + pixels[i + 2] * (1 - a);
      pixels[i + 3] = a + pixels[i + 3] * (1 - a);
    }
  }
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
roundRect(4, 4, 124, 124, 22, hex('#17324d'));
for (const [i, width] of [
  [0, 58],
  [1, 48],
  [2, 54],
]) {
  const y = 26 + i * 30;
  roundRect(22, y, 40, y + 18, 4, hex('#f2c14e'));
  roundRect(50, y + 5, 50 + width, y + 13, 4, hex('#ffffff'));
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    const a = pixels[i + 3];
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    for (let c = 0; c < 3; c++) raw[o + c] = a > 0 ? Math.round((pixels[i + c] / a) * 255) : 0;
    raw[o + 3] = Math.round(a * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
